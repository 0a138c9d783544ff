import { and, eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { getDb } from "@/db/client";
import { auditEvents, checklists, mailOutbox, visitDevices } from "@/db/schema";
import { ConflictError, ForbiddenError, NotFoundError } from "@/lib/platform/errors";
import { logAttempt } from "./attempts";
import { completeVisit } from "./completion";
import { getVisitSummary } from "./summary";
import { attempt, prepareEvidence, scenario, visitStatus } from "@/test/support/field";
import { closeVendorCase } from "@/lib/vendor-cases/manage";

const checklist = { patternLockSet: "yes", configExported: "yes", recoveryEmailUpdated: "na" } as const;

async function outbox(visitId: string) {
  const db = await getDb();
  return db.select().from(mailOutbox).where(eq(mailOutbox.visitId, visitId));
}

describe("completion", () => {
  it("completes when every device is resolved: success, unresolved with a reason, not attempted with a reason; emails the summary", async () => {
    const s = await scenario({ authorized: true });
    await logAttempt(s.tech, attempt(s.visitId, s.dahua));
    await logAttempt(s.tech, attempt(s.visitId, s.dahua, { methodId: "dahua_security_questions", outcome: "succeeded" }));
    await logAttempt(s.tech, attempt(s.visitId, s.hik, { methodId: "hik_security_questions", outcome: "failed" }));
    await completeVisit(s.tech, {
      visitId: s.visitId,
      ...checklist,
      devices: [
        { deviceId: s.hik, reason: "Owner does not know the answers; will find the GUID file." },
        { deviceId: s.lorex, reason: "Customer asked us to leave it." },
      ],
    });
    expect(await visitStatus(s.visitId)).toBe("completed");
    const db = await getDb();
    const [cl] = await db.select().from(checklists).where(eq(checklists.visitId, s.visitId));
    expect(cl).toMatchObject({ patternLockSet: "yes", configExported: "yes", recoveryEmailUpdated: "na", answeredBy: s.tech.id });
    const mails = await outbox(s.visitId);
    expect(mails).toHaveLength(1);
    expect(mails[0]!.toAddress).toBe(s.customer.email);
    expect(mails[0]!.textBody).toContain("Recovered with: Security questions.");
    expect(mails[0]!.textBody).toContain("Not recovered: Owner does not know the answers");
    expect(mails[0]!.textBody).toContain("Not attempted: Customer asked us to leave it.");
    expect(mails[0]!.textBody).toContain("Recovery email updated to one the customer checks: Not applicable");
    const [ev] = await db
      .select()
      .from(auditEvents)
      .where(and(eq(auditEvents.action, "visit.complete"), eq(auditEvents.entityId, s.visitId)));
    expect(ev).toBeTruthy();
    // Read-only afterwards.
    await expect(logAttempt(s.tech, attempt(s.visitId, s.lorex, { methodId: "lorex_default_credentials" }))).rejects.toThrow(/read-only/);
    await expect(completeVisit(s.tech, { visitId: s.visitId, ...checklist })).rejects.toBeInstanceOf(ConflictError);
  });

  it("refuses while a device has no final outcome, naming it on its reason field, and writes nothing", async () => {
    const s = await scenario({ authorized: true });
    await logAttempt(s.tech, attempt(s.visitId, s.dahua, { outcome: "succeeded" }));
    await logAttempt(s.tech, attempt(s.visitId, s.hik, { methodId: "hik_security_questions" }));
    const err = await completeVisit(s.tech, {
      visitId: s.visitId,
      ...checklist,
      devices: [
        { deviceId: s.hik, reason: "" },
        { deviceId: s.lorex, reason: "Not needed" },
      ],
    }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(ConflictError);
    expect((err as ConflictError).message).toMatch(/Hikvision NVR TEST-1: log a successful attempt, or give a reason/);
    expect((err as ConflictError).fieldErrors?.["devices.0.reason"]).toEqual(["Say why this device is left unrecovered."]);
    expect(await visitStatus(s.visitId)).toBe("on_site");
    const db = await getDb();
    const [lorexRow] = await db
      .select()
      .from(visitDevices)
      .where(and(eq(visitDevices.visitId, s.visitId), eq(visitDevices.deviceId, s.lorex)));
    expect(lorexRow!.notAttemptedReason).toBeNull(); // rolled back with the refusal
    expect(await db.select().from(checklists).where(eq(checklists.visitId, s.visitId))).toHaveLength(0);
    expect(await outbox(s.visitId)).toHaveLength(0);
  });

  it("refuses without an authorization, with an open vendor case, before the vendor method's final outcome, and off site", async () => {
    const s = await scenario({ authorized: false });
    const allReasons = [s.dahua, s.hik, s.lorex].map((deviceId) => ({ deviceId, reason: "Not today" }));
    await expect(completeVisit(s.tech, { visitId: s.visitId, ...checklist, devices: allReasons })).rejects.toThrow(/Record the customer's authorization/);

    const t = await scenario({ authorized: true, people: s });
    await prepareEvidence(t.tech, t.visitId, t.dahua, "dahua_configtool_xml");
    const { vendorCaseId } = await logAttempt(
      t.tech,
      attempt(t.visitId, t.dahua, { methodId: "dahua_configtool_xml", outcome: "waiting_vendor", vendorCase: { vendor: "dahua", whatWasSent: "XML" } }),
    );
    const reasons = [t.hik, t.lorex].map((deviceId) => ({ deviceId, reason: "Not today" }));
    await expect(completeVisit(t.tech, { visitId: t.visitId, ...checklist, devices: reasons })).rejects.toThrow(/Close the open vendor case/);
    await closeVendorCase(t.tech, { caseId: vendorCaseId!, result: "received", resultNote: "Result file imported" });
    await expect(completeVisit(t.tech, { visitId: t.visitId, ...checklist, devices: reasons })).rejects.toThrow(/log the final outcome of the vendor method/);
    await logAttempt(t.tech, attempt(t.visitId, t.dahua, { methodId: "dahua_configtool_xml", outcome: "succeeded" }));
    await completeVisit(t.tech, { visitId: t.visitId, ...checklist, devices: reasons });
    expect(await visitStatus(t.visitId)).toBe("completed");

    const u = await scenario({ status: "scheduled", people: s });
    await expect(completeVisit(u.tech, { visitId: u.visitId, ...checklist, devices: allReasons })).rejects.toThrow(/scheduled cannot become completed/);
  });

  it("requires every checklist answer", async () => {
    const s = await scenario({ authorized: true });
    await expect(completeVisit(s.tech, { visitId: s.visitId, patternLockSet: "yes", configExported: "maybe" })).rejects.toSatisfy(
      (e) => (e as { fieldErrors?: Record<string, string[]> }).fieldErrors?.configExported?.[0] === "Answer yes, no or not applicable.",
    );
  });

  it("is for the assigned technician or an admin only", async () => {
    const s = await scenario({ authorized: true });
    const reasons = [s.dahua, s.hik, s.lorex].map((deviceId) => ({ deviceId, reason: "Not today" }));
    await expect(completeVisit(s.otherTech, { visitId: s.visitId, ...checklist, devices: reasons })).rejects.toBeInstanceOf(NotFoundError);
    await expect(completeVisit(s.customer, { visitId: s.visitId, ...checklist, devices: reasons })).rejects.toBeInstanceOf(ForbiddenError);
    await completeVisit(s.admin, { visitId: s.visitId, ...checklist, devices: reasons });
    expect(await visitStatus(s.visitId)).toBe("completed");
  });
});

describe("visit summary", () => {
  it("is readable by the visit's customer, technician and admins, never by other customers or technicians", async () => {
    const s = await scenario({ authorized: true });
    await logAttempt(s.tech, attempt(s.visitId, s.dahua, { outcome: "succeeded", notes: "internal: password was 123456" }));
    const summary = await getVisitSummary(s.customer, s.visitId);
    expect(summary.devices.find((d) => d.state === "recovered")!.result).toBe("Recovered with: QR code + DMSS app.");
    expect(summary.authorization!.personName).toBe("Carla Owner");
    expect(JSON.stringify(summary)).not.toContain("123456");
    await expect(getVisitSummary(s.tech, s.visitId)).resolves.toMatchObject({ reference: summary.reference });
    await expect(getVisitSummary(s.admin, s.visitId)).resolves.toMatchObject({ reference: summary.reference });
    await expect(getVisitSummary(s.otherCustomer, s.visitId)).rejects.toBeInstanceOf(NotFoundError);
    await expect(getVisitSummary(s.otherTech, s.visitId)).rejects.toBeInstanceOf(NotFoundError);
  });
});
