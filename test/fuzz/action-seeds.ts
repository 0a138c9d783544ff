/**
 * Who runs each server action in the bad-input suite, and one valid input to
 * mutate. Every action exported from app/** /actions.ts and *-actions.ts needs
 * a row here (the suite fails on a missing one), or an exclusion with a reason.
 */
import { randomUUID } from "node:crypto";
import { eq } from "drizzle-orm";
import { getDb } from "@/db/client";
import { attempts, technicianTimeOff } from "@/db/schema";
import { addTimeOff } from "@/lib/availability/technicians";
import { tokenRowFor } from "@/test/support/api";
import { createCalendarFeed } from "@/lib/calendar/feeds";
import { NO_OPTIONS, bookingInput } from "@/test/support/booking";
import { createWebhookEndpoint } from "@/lib/webhooks/endpoints";
import { makeContractWorld } from "../contract/fixtures";
import { prepareEvidence } from "@/test/support/field";
import type { FieldWriteKind } from "@/lib/values";

export async function makeActionWorld() {
  const w = await makeContractWorld();
  const db = await getDb();
  const [attempt] = await db.select({ id: attempts.id }).from(attempts).where(eq(attempts.visitId, w.visitA));
  await addTimeOff(w.admin, { technicianId: w.tech.id, startsAt: "2031-01-05T09:00", endsAt: "2031-01-05T12:00", reason: "Dentist" }, "127.0.0.1");
  const [timeOff] = await db.select({ id: technicianTimeOff.id }).from(technicianTimeOff).where(eq(technicianTimeOff.technicianId, w.tech.id));
  const token = await tokenRowFor(w.custA, ["visits:read"]);
  const hook = await createWebhookEndpoint(w.admin, { url: "https://hooks.example.com/fk", description: "CRM", events: ["visit.booked"] }, "127.0.0.1");
  await createCalendarFeed(w.tech, "127.0.0.1");
  const [site] = await db.query.sites.findMany({ columns: { id: true }, where: (s, { eq }) => eq(s.customerId, w.custA.customerId!) });
  // What the ConfigTool XML case asks for before it can go (the logAttemptAction seed opens one): this visit's export and the serial.
  await prepareEvidence(w.tech, w.visitOnSite, w.deviceA, "dahua_configtool_xml");
  return { ...w, attemptId: attempt!.id, timeOffId: timeOff!.id, tokenId: token.id, webhookId: hook.id, siteA: site!.id };
}
export type ActionWorld = Awaited<ReturnType<typeof makeActionWorld>>;

export type Role = "admin" | "tech" | "customer" | "public";
/** `seedStatus`: the status the valid input itself gets, when that is a refusal by design. */
export type ActionSeed = { as: Role; seed: (w: ActionWorld) => unknown; runs?: number; seedStatus?: number };

const PASSWORD = "correct horse battery";
const recovery = { ...NO_OPTIONS, recovery_email: "yes" };
const site = { label: "Shop", addressLine1: "5 Elm St", addressLine2: "", city: "Cleveland", region: "OH", postalCode: "44101", accessNotes: "Back door" };

/** Actions that are not fuzzed, and why. */
export const EXCLUDED: Record<string, string> = {
  signOutAction: "takes no input: it only ends the session through next-auth's signOut",
};

export const ACTION_SEEDS: Record<string, ActionSeed> = {
  // (auth): next-auth's signIn is replaced by a stand-in that refuses (see actions.test.ts); the schema, sign-up and setup run for real.
  signInAction: { as: "public", seed: (w) => ({ email: w.custA.email, password: PASSWORD, next: "/portal" }), seedStatus: 401 },
  signUpAction: {
    as: "public",
    seed: () => ({ name: "Nina Newcomer", email: `nina-${randomUUID()}@example.test`, phone: "216-555-0199" }),
    runs: 60, // each answer takes at least 400 ms (the same for any email)
  },
  setupAction: {
    as: "public",
    seed: () => ({ token: "a".repeat(43), name: "Ada Admin", email: "ada2@example.test", password: PASSWORD, confirmPassword: PASSWORD }),
  },
  // two-step sign-in: nobody here owes a second factor (a signed-in or signed-out caller: 403 / 401 by design); the codes themselves are unit-tested
  verifySecondFactorAction: { as: "public", seed: () => ({ code: "123456", next: "/admin" }), seedStatus: 401 },
  confirmEnrolmentAction: { as: "public", seed: () => ({ code: "123456" }), seedStatus: 401 },
  resetTwoFactorAction: { as: "admin", seed: (w) => ({ userId: w.tech.id }), seedStatus: 404 }, // Terry has no two-step sign-in to reset
  forgotPasswordAction: { as: "public", seed: (w) => ({ email: w.custA.email }), runs: 120 },
  resetPasswordAction: { as: "public", seed: () => ({ token: "b".repeat(43), password: PASSWORD, confirmPassword: PASSWORD }), seedStatus: 422 }, // no such link
  // backups, calendar
  deleteBackupAction: { as: "admin", seed: (w) => ({ backupId: w.backupB.id }) },
  rotateKeysAction: { as: "admin", seed: () => ({}), runs: 60 },
  createCalendarFeedAction: { as: "tech", seed: () => ({}), runs: 60 },
  revokeCalendarFeedAction: { as: "tech", seed: () => ({}), runs: 60 },
  // admin
  createApiTokenAction: {
    as: "admin",
    seed: (w) => ({ name: "CRM sync", userId: w.custA.id, scopes: ["visits:read", "devices:read"], expiresOn: "2031-12-31" }),
  },
  revokeApiTokenAction: { as: "admin", seed: (w) => ({ id: w.tokenId }) },
  adminBookAction: {
    as: "admin",
    seed: (w) => ({
      ...bookingInput(w.starts[0]!),
      contact: { customerId: w.custA.customerId, name: "", email: "", phone: "" },
      account: { mode: "existing" },
    }),
  },
  adminSlotsAction: { as: "admin", seed: () => ({ brands: ["dahua", "lorex"], deviceCount: 2, fromDay: "2030-01-02", toDay: "2030-01-03" }) },
  searchCustomersAction: { as: "admin", seed: () => ({ q: "Carla" }) },
  customerProfileAction: { as: "admin", seed: (w) => ({ customerId: w.custA.customerId }) },
  undoMoveAction: { as: "admin", seed: (w) => ({ visitId: w.visitAssign }) }, // 409 "no move to undo" until a fuzzed move lands, then an undo
  searchOfficeAction: { as: "admin", seed: () => ({ q: "FK-7Q4" }) },
  moveVisitAction: { as: "admin", seed: (w) => ({ visitId: w.visitAssign, technicianId: w.otherTech.id, date: "2030-04-03", time: "10:00" }) },
  saveSettingsAction: {
    as: "admin",
    seed: () => ({
      ...{
        companyName: "FieldKey Security",
        companyPhone: "216-333-8245",
        companyEmail: "service@fieldkey.local",
        companyAddress: "Cleveland, OH",
        timeZone: "America/New_York",
      },
      ...{
        slotStepMinutes: 30,
        minNoticeMinutes: 120,
        horizonDays: 30,
        travelBufferMinutes: 30,
        visitBaseMinutes: 60,
        visitPerDeviceMinutes: 30,
        cancelCutoffHours: 24,
        vendorCaseDueHours: 48,
        widgetAllowedOrigins: [],
      },
    }),
  },
  addHolidayAction: { as: "admin", seed: () => ({ day: "2031-12-25", name: "Christmas Day" }) },
  removeHolidayAction: { as: "admin", seed: () => ({ day: "2031-12-25" }) },
  setHoursAction: {
    as: "admin",
    seed: (w) => ({
      technicianId: w.tech.id,
      days: [0, 1, 2, 3, 4, 5, 6].map((d) => ({
        ranges:
          d < 5
            ? [
                { start: "08:00", end: "12:00" },
                { start: "13:00", end: "17:00" },
              ]
            : [],
      })),
    }),
  },
  addTimeOffAction: { as: "admin", seed: (w) => ({ technicianId: w.tech.id, startsAt: "2031-02-01T09:00", endsAt: "2031-02-01T17:00", reason: "Training" }) },
  removeTimeOffAction: { as: "admin", seed: (w) => ({ technicianId: w.tech.id, id: w.timeOffId }) },
  setBrandsAction: { as: "admin", seed: (w) => ({ technicianId: w.tech.id, brands: ["dahua", "hikvision"] }) },
  createStaffAction: {
    as: "admin",
    seed: () => ({ name: "Terry Tech", email: `terry-${randomUUID()}@fieldkey.test`, phone: "216-555-0100", role: "technician", password: PASSWORD }),
  },
  changeRoleAction: { as: "admin", seed: (w) => ({ userId: w.otherTech.id, role: "technician" }) },
  disableUserAction: { as: "admin", seed: (w) => ({ userId: w.custB.id }) },
  enableUserAction: { as: "admin", seed: (w) => ({ userId: w.custB.id }) },
  createWebhookAction: { as: "admin", seed: () => ({ url: "https://hooks.example.com/in", description: "CRM", events: ["visit.booked", "visit.cancelled"] }) },
  disableWebhookAction: { as: "admin", seed: (w) => ({ id: w.webhookId }) },
  setWidgetOriginsAction: { as: "admin", seed: () => ({ origins: "https://www.example.com\nhttps://shop.example.com" }) },
  // public booking
  bookAction: { as: "public", seed: (w) => bookingInput(w.starts[2]!) },
  slotsAction: { as: "public", seed: () => ({ brands: ["hikvision"], deviceCount: 1, fromDay: "2030-01-02", toDay: "2030-01-02" }) },
  // customer portal
  updateDeviceAction: {
    as: "customer",
    seed: (w) => ({ deviceId: w.deviceA, kind: "nvr", model: "NVR4108HS", serial: "ABC-123", siteId: w.siteA, notes: "Basement", recovery }),
  },
  updateSiteAction: { as: "customer", seed: (w) => ({ siteId: w.siteA, ...site }) },
  rescheduleSlotsAction: { as: "customer", seed: (w) => ({ visitId: w.visitMove }) },
  rescheduleAction: { as: "customer", seed: (w) => ({ visitId: w.visitMove, slotStart: w.starts[1] }) },
  cancelAction: { as: "customer", seed: (w) => ({ visitId: w.visitCancel, reason: "Found the password" }) },
  // billing
  createInvoiceAction: { as: "admin", seed: (w) => ({ visitId: w.draftA.visitId }) },
  saveInvoiceLinesAction: {
    as: "admin",
    seed: (w) => ({ invoiceId: w.draftA.invoiceId, lines: [billLine("120.00"), { ...billLine("9.99"), kind: "extra", taxable: false }], notes: "Thanks" }),
  },
  issueInvoiceAction: { as: "admin", seed: (w) => ({ invoiceId: w.draftA.invoiceId }) },
  voidInvoiceAction: { as: "admin", seed: (w) => ({ invoiceId: w.billB.invoiceId, reason: "Billed twice" }) },
  recordPaymentAction: {
    as: "admin",
    seed: (w) => ({ invoiceId: w.billA.invoiceId, method: "check", amount: "1.00", receivedOn: "2026-01-05", reference: "Check 1002" }),
  },
  creditNoteAction: { as: "admin", seed: (w) => ({ invoiceId: w.billA.invoiceId, reason: "Goodwill", lines: [billLine("1.00")] }) },
  startEstimateAction: { as: "admin", seed: (w) => ({ visitId: w.estimateA.visitId }) },
  saveEstimateLinesAction: { as: "admin", seed: (w) => ({ estimateId: w.estimateA.estimateId, lines: [billLine("89.00")], notes: "" }) },
  sendEstimateAction: { as: "admin", seed: (w) => ({ estimateId: w.estimateA.estimateId }), seedStatus: 409 }, // already sent
  savePriceListAction: {
    as: "admin",
    seed: () => ({
      items: [
        { id: "", kind: "call_out", brand: "", deviceClass: "", surcharge: "", name: "Call-out fee", unitPrice: "89.00", taxable: true, active: true },
        { id: "", kind: "device", brand: "dahua", deviceClass: "camera", surcharge: "", name: "Dahua camera", unitPrice: "29.00", taxable: true, active: true },
      ],
    }),
  },
  saveBillingSettingsAction: {
    as: "admin",
    seed: () => ({
      currency: "USD",
      taxName: "Sales tax",
      taxRatePercent: 8,
      paymentTermsDays: 15,
      noFixNoFee: true,
      overdueReminderDays: 7,
      estimateValidDays: 30,
      businessHoursStart: "08:00",
      businessHoursEnd: "18:00",
    }),
  },
  removeLogoAction: { as: "admin", seed: () => ({}), runs: 60 },
  acceptEstimateAction: { as: "customer", seed: (w) => ({ estimateId: w.estimateA.estimateId, revision: 1, name: "Carla Owner" }) },
  declineEstimateAction: { as: "customer", seed: (w) => ({ estimateId: w.estimateA.estimateId, reason: "Too dear" }) },
};

/**
 * One valid write per kind of field write (POST /api/field/writes, test/fuzz/field-writes.test.ts),
 * for the technician; `visit` names the visit the write is for when its input does not.
 */
export type WriteSeed = { seed: (w: ActionWorld) => Record<string, unknown>; visit?: (w: ActionWorld) => string };
export const FIELD_WRITE_SEEDS: Record<FieldWriteKind, WriteSeed> = {
  "visit.advance": { seed: (w) => ({ visitId: w.visitA, to: "en_route" }) },
  "visit.undo_status": { seed: (w) => ({ visitId: w.visitA }) },
  "authorization.record": {
    seed: (w) => ({ visitId: w.visitA, personName: "Carla Owner", relationship: "owner", mode: "typed", signature: "", typedAcknowledgement: "Carla Owner" }),
  },
  "attempt.log": {
    seed: (w) => ({
      visitId: w.visitOnSite,
      deviceId: w.deviceA,
      methodId: "dahua_configtool_xml",
      outcome: "waiting_vendor",
      durationSeconds: 300,
      startedAt: new Date().toISOString(),
      notes: "Tried the QR",
      description: "",
      vendorCase: { vendor: "dahua", whatWasSent: "the QR code" },
    }),
  },
  "attempt.correct": {
    visit: (w) => w.visitA,
    seed: (w) => ({ attemptId: w.attemptId, methodId: "dahua_configtool_xml", outcome: "failed", durationSeconds: 120, notes: "note", description: "" }),
  },
  "device.update": {
    seed: (w) => ({
      ...{
        visitId: w.visitA,
        deviceId: w.deviceA,
        brand: "dahua",
        kind: "nvr",
        model: "NVR4108HS",
        serial: "SN-1",
        firmware: "4.0",
        mac: "3C:EF:8C:12:34:56",
        channels: 8,
        lorexDeviceId: null,
      },
      ...{
        warrantySeal: "intact",
        recoveryOptions: {
          recovery_email: "yes",
          security_questions: "no",
          app_account: "unknown",
          guid_file: "unknown",
          reset_button: "unknown",
          unlock_pattern: "no",
        },
        notes: "",
      },
    }),
  },
  "vendor_case.record_result": { visit: (w) => w.visitA, seed: (w) => ({ caseId: w.caseA, note: "Result file emailed back by Dahua" }) },
  "vendor_case.close": { visit: (w) => w.visitA, seed: (w) => ({ caseId: w.caseA, result: "received", resultNote: "Reset file came back" }) },
  "visit.complete": {
    seed: (w) => ({
      visitId: w.visitOnSite,
      patternLockSet: "yes",
      configExported: "no",
      recoveryEmailUpdated: "na",
      notes: "",
      devices: [{ deviceId: w.deviceA, reason: "Ran out of time" }],
    }),
  },
  "vendor_case.attach_file": { visit: (w) => w.visitA, seed: (w) => ({ caseId: w.caseA, backupId: w.backupA.id, which: "request" }) },
  "checklist.answer": { seed: (w) => ({ visitId: w.visitOnSite, patternLockSet: "yes", configExported: "no", recoveryEmailUpdated: "na", notes: "" }) },
  "estimate.accept": { seed: (w) => ({ visitId: w.estimateA.visitId, estimateId: w.estimateA.estimateId, revision: 1, name: "Carla Owner" }) },
  "payment.record": { seed: (w) => ({ visitId: w.draftA.visitId, method: "card", amount: "1.00", reference: "slip", clientRef: randomUUID() }) },
};
function billLine(unitPrice: string) {
  return { kind: "adjustment", description: "Work done", quantity: 1, unitPrice, taxable: true, deviceId: "" };
}
