/**
 * The server-action half of the authorization matrix: every action in the
 * build (`.next/server/server-reference-manifest.json`) × every kind of
 * session visitor. e2e/authz-matrix.spec.ts fails when an action has no row
 * here, or a row names an action the build does not have.
 *
 * Gate cells (each action is called with the input `null`, which no schema
 * accepts, so nothing can be written whatever the gate decides):
 *   "401"  refused as signed out: { ok:false, status:401 } (a signed-out POST to
 *          /portal, /tech or /admin is already sent to /signin by proxy.ts:
 *          that redirect counts as 401 too)
 *   "403"  refused for the role: { ok:false, status:403 }
 *   "422"  passed the gate: the permission check let the visitor through and
 *          only the input was refused ({ ok:false, status:422 })
 *   "redirect:/" (sign-out only) answers with a redirect
 * Data cells (SCOPED_PROBES): a real id of another customer's or another
 * technician's visit: "404", never the data (no hint it exists).
 */
import { PERMISSIONS, type Permission } from "@/lib/auth/permissions";

export const ACTION_VISITORS = ["anon", "customerA", "customerB", "tech", "otherTech", "admin", "disabled"] as const;
export type ActionVisitor = (typeof ACTION_VISITORS)[number];
export type GateCell = "401" | "403" | "422" | "redirect:/";
export type GateRow = Record<ActionVisitor, GateCell>;

const ROLE_OF: Record<Exclude<ActionVisitor, "anon" | "disabled">, string> = {
  customerA: "customer",
  customerB: "customer",
  tech: "technician",
  otherTech: "technician",
  admin: "admin",
};

/** The cells a permission implies: signed out and disabled 401, other roles 403, its roles pass. */
function perm(p: Permission): GateRow {
  const roles = PERMISSIONS[p] as readonly string[];
  const row = { anon: "401", disabled: "401" } as GateRow;
  for (const [v, role] of Object.entries(ROLE_OF)) row[v as keyof typeof ROLE_OF] = roles.includes(role) ? "422" : "403";
  return row;
}
const pub: GateRow = { anon: "422", customerA: "422", customerB: "422", tech: "422", otherTech: "422", admin: "422", disabled: "422" };

export const ACTION_MATRIX: Record<string, GateRow> = {
  "app/(auth)/actions.ts#signInAction": pub,
  "app/(auth)/actions.ts#signUpAction": pub,
  "app/(auth)/actions.ts#setupAction": pub,
  "app/(auth)/actions.ts#signOutAction": {
    anon: "redirect:/",
    customerA: "redirect:/",
    customerB: "redirect:/",
    tech: "redirect:/",
    otherTech: "redirect:/",
    admin: "redirect:/",
    disabled: "redirect:/",
  },
  "app/(auth)/two-factor-actions.ts#verifySecondFactorAction": pub, // the session behind the cookie is checked in lib/auth/two-factor.ts
  "app/(auth)/two-factor-actions.ts#confirmEnrolmentAction": pub,
  "app/(auth)/password-actions.ts#forgotPasswordAction": pub,
  "app/(auth)/password-actions.ts#resetPasswordAction": pub,
  "app/_ui/backups/actions.ts#deleteBackupAction": perm("backups:delete"),
  "app/_ui/integrations/calendar-actions.ts#createCalendarFeedAction": perm("calendar:subscribe"),
  "app/_ui/integrations/calendar-actions.ts#revokeCalendarFeedAction": perm("calendar:subscribe"),
  "app/admin/api-tokens/actions.ts#createApiTokenAction": perm("api-tokens:manage"),
  "app/admin/api-tokens/actions.ts#revokeApiTokenAction": perm("api-tokens:manage"),
  "app/admin/backups/actions.ts#rotateKeysAction": perm("settings:manage"),
  "app/admin/book/actions.ts#adminBookAction": perm("visits:dispatch"),
  "app/admin/book/actions.ts#adminSlotsAction": perm("visits:dispatch"),
  "app/admin/book/actions.ts#searchCustomersAction": perm("visits:dispatch"),
  "app/admin/book/actions.ts#customerProfileAction": perm("visits:dispatch"),
  "app/admin/dispatch/actions.ts#moveVisitAction": perm("visits:dispatch"),
  "app/admin/dispatch/actions.ts#undoMoveAction": perm("visits:dispatch"),
  "app/admin/search/actions.ts#searchOfficeAction": perm("search:office"),
  "app/admin/settings/actions.ts#saveSettingsAction": perm("settings:manage"),
  "app/admin/settings/actions.ts#addHolidayAction": perm("settings:manage"),
  "app/admin/settings/actions.ts#removeHolidayAction": perm("settings:manage"),
  "app/admin/technicians/actions.ts#setHoursAction": perm("availability:manage"),
  "app/admin/technicians/actions.ts#addTimeOffAction": perm("availability:manage"),
  "app/admin/technicians/actions.ts#removeTimeOffAction": perm("availability:manage"),
  "app/admin/technicians/actions.ts#setBrandsAction": perm("availability:manage"),
  "app/admin/users/actions.ts#createStaffAction": perm("users:manage"),
  "app/admin/users/actions.ts#changeRoleAction": perm("users:manage"),
  "app/admin/users/actions.ts#disableUserAction": perm("users:manage"),
  "app/admin/users/actions.ts#enableUserAction": perm("users:manage"),
  "app/admin/users/actions.ts#resetTwoFactorAction": perm("users:manage"),
  "app/admin/webhooks/actions.ts#createWebhookAction": perm("webhooks:manage"),
  "app/admin/webhooks/actions.ts#disableWebhookAction": perm("webhooks:manage"),
  "app/admin/widget/actions.ts#setWidgetOriginsAction": perm("settings:manage"),
  "app/book/actions.ts#bookAction": pub,
  "app/book/actions.ts#slotsAction": pub,
  "app/portal/places-actions.ts#updateDeviceAction": perm("devices:edit-own"),
  "app/portal/places-actions.ts#updateSiteAction": perm("sites:edit-own"),
  "app/portal/visits/actions.ts#rescheduleSlotsAction": perm("visits:manage-own"),
  "app/portal/visits/actions.ts#rescheduleAction": perm("visits:manage-own"),
  "app/portal/visits/actions.ts#cancelAction": perm("visits:manage-own"),
  // billing
  "app/admin/estimates/actions.ts#startEstimateAction": perm("billing:manage"),
  "app/admin/estimates/actions.ts#saveEstimateLinesAction": perm("billing:manage"),
  "app/admin/estimates/actions.ts#sendEstimateAction": perm("billing:manage"),
  "app/admin/invoices/actions.ts#createInvoiceAction": perm("billing:manage"),
  "app/admin/invoices/actions.ts#saveInvoiceLinesAction": perm("billing:manage"),
  "app/admin/invoices/actions.ts#issueInvoiceAction": perm("billing:manage"),
  "app/admin/invoices/actions.ts#voidInvoiceAction": perm("billing:manage"),
  "app/admin/invoices/actions.ts#recordPaymentAction": perm("billing:manage"),
  "app/admin/invoices/actions.ts#creditNoteAction": perm("billing:manage"),
  "app/admin/prices/actions.ts#savePriceListAction": perm("billing:manage"),
  "app/admin/settings/billing-actions.ts#saveBillingSettingsAction": perm("settings:manage"),
  "app/admin/settings/billing-actions.ts#removeLogoAction": perm("settings:manage"),
  "app/portal/billing/actions.ts#acceptEstimateAction": perm("billing:read-own"),
  "app/portal/billing/actions.ts#declineEstimateAction": perm("billing:read-own"),
};

/**
 * Past the gate: real records of customer A (Carla's visit, assigned to
 * Terry) asked for by the visitors who may use the action but not on that
 * record. Expected "404" (no hint it exists); the owner's read-only cells "ok".
 * Every write probe is followed by a check that the visit is unchanged.
 */
export type ScopedProbe = {
  action: string;
  input: (f: { visitId: string; deviceId: string; siteId: string; customerId: string }) => unknown;
  expect: Partial<Record<ActionVisitor, "404" | "ok">>;
};

export const SCOPED_PROBES: ScopedProbe[] = [
  { action: "app/portal/visits/actions.ts#rescheduleSlotsAction", input: (f) => ({ visitId: f.visitId }), expect: { customerB: "404", customerA: "ok" } },
  { action: "app/portal/visits/actions.ts#cancelAction", input: (f) => ({ visitId: f.visitId, reason: "matrix" }), expect: { customerB: "404" } },
  {
    action: "app/portal/visits/actions.ts#rescheduleAction",
    input: (f) => ({ visitId: f.visitId, slotStart: new Date(Date.now() + 62 * 24 * 3600_000).toISOString() }),
    expect: { customerB: "404" },
  },
  {
    action: "app/portal/places-actions.ts#updateDeviceAction",
    input: (f) => ({
      deviceId: f.deviceId,
      kind: "nvr",
      model: "HACKED",
      serial: "",
      siteId: "",
      notes: "",
      recovery: { recovery_email: "no", security_questions: "no", app_account: "no", guid_file: "no", reset_button: "no" },
    }),
    expect: { customerB: "404" },
  },
  {
    action: "app/portal/places-actions.ts#updateSiteAction",
    input: (f) => ({
      siteId: f.siteId,
      label: "HACKED",
      addressLine1: "1 Evil St",
      addressLine2: "",
      city: "Nowhere",
      region: "OH",
      postalCode: "44000",
      accessNotes: "",
    }),
    expect: { customerB: "404" },
  },
];
