import { and, eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { getDb } from "@/db/client";
import { attempts, auditEvents, vendorCases } from "@/db/schema";
import { ConflictError, ForbiddenError, NotFoundError } from "@/lib/platform/errors";
import { updateSettings } from "@/lib/settings/company";
import { logAttempt } from "@/lib/field/attempts";
import { attempt, prepareEvidence, scenario, visitStatus } from "@/test/support/field";
import { closeVendorCase, recordVendorResult } from "./manage";
import { listVendorCases } from "./read";

const xml = (visitId: string, deviceId: string) =>
  attempt(visitId, deviceId, {
    methodId: "dahua_configtool_xml",
    outcome: "waiting_vendor",
    vendorCase: { vendor: "dahua", whatWasSent: "ConfigTool XML export" },
  });
const sadp = (visitId: string, deviceId: string) =>
  attempt(visitId, deviceId, { methodId: "hik_sadp_export", outcome: "waiting_vendor", vendorCase: { vendor: "hikvision", whatWasSent: "SADP request" } });

/** What Dahua and Hikvision ask for before the cases can go (the evidence checklists). */
const ready = (s: Awaited<ReturnType<typeof scenario>>) =>
  Promise.all([prepareEvidence(s.tech, s.visitId, s.dahua, "dahua_configtool_xml"), prepareEvidence(s.tech, s.visitId, s.hik, "hik_sadp_export")]);

describe("vendor cases", () => {
  it("the visit waits until the last open case closes, then is back on site", async () => {
    const s = await scenario({ authorized: true });
    await ready(s);
    const a = await logAttempt(s.tech, xml(s.visitId, s.dahua));
    const b = await logAttempt(s.tech, sadp(s.visitId, s.hik));
    expect(await visitStatus(s.visitId)).toBe("waiting_vendor");
    await closeVendorCase(s.tech, { caseId: a.vendorCaseId!, result: "received", resultNote: "Result file imported in ConfigTool" });
    expect(await visitStatus(s.visitId)).toBe("waiting_vendor");
    await closeVendorCase(s.tech, { caseId: b.vendorCaseId!, result: "no_answer", resultNote: "Hikvision never answered" });
    expect(await visitStatus(s.visitId)).toBe("on_site");
    const db = await getDb();
    const rows = await db.select().from(vendorCases).where(eq(vendorCases.visitId, s.visitId));
    const byId = new Map(rows.map((r) => [r.id, r]));
    expect(byId.get(a.vendorCaseId!)).toMatchObject({ status: "closed", notes: "Result: Result file imported in ConfigTool" });
    expect(byId.get(a.vendorCaseId!)!.resultReceivedAt).toBeInstanceOf(Date);
    expect(byId.get(b.vendorCaseId!)).toMatchObject({ status: "expired", resultReceivedAt: null });
    await expect(closeVendorCase(s.tech, { caseId: a.vendorCaseId!, result: "received", resultNote: "again" })).rejects.toThrow(/already closed/);
    const closes = await db.select().from(auditEvents).where(eq(auditEvents.action, "vendor_case.close"));
    expect(closes).toHaveLength(2);
  });

  it("closing a case settles the attempt that waited: unlocked -> succeeded, not unlocked, no answer or voided -> failed; audited", async () => {
    const outcomeOf = async (attemptId: string) => {
      const db = await getDb();
      const [row] = await db.select({ outcome: attempts.outcome }).from(attempts).where(eq(attempts.id, attemptId));
      return row!.outcome;
    };
    for (const [result, outcome, status] of [
      ["unlocked", "succeeded", "closed"],
      ["not_unlocked", "failed", "closed"],
      ["no_answer", "failed", "expired"],
      ["voided", "failed", "expired"],
    ] as const) {
      const s = await scenario({ authorized: true });
      await ready(s);
      const a = await logAttempt(s.tech, xml(s.visitId, s.dahua));
      // "Voided" needs an answer that came first (a reboot then voided it).
      if (result === "voided") await recordVendorResult(s.tech, { caseId: a.vendorCaseId!, note: "Result file came back" });
      await closeVendorCase(s.tech, { caseId: a.vendorCaseId!, result, resultNote: "What came back" });
      expect(await outcomeOf(a.attemptId)).toBe(outcome);
      const db = await getDb();
      const [c] = await db.select({ status: vendorCases.status }).from(vendorCases).where(eq(vendorCases.id, a.vendorCaseId!));
      expect(c!.status).toBe(status);
      const [ev] = await db
        .select()
        .from(auditEvents)
        .where(and(eq(auditEvents.action, "attempt.settle"), eq(auditEvents.entityId, a.attemptId)));
      expect(ev!.details).toMatchObject({ caseId: a.vendorCaseId, before: { outcome: "waiting_vendor" }, after: { outcome } });
      expect(await visitStatus(s.visitId)).toBe("on_site");
    }
  });

  it("due time follows the company setting", async () => {
    const s = await scenario({ authorized: true });
    await ready(s);
    await updateSettings(s.admin, { vendorCaseDueHours: 24 }, null);
    const a = await logAttempt(s.tech, xml(s.visitId, s.dahua));
    const db = await getDb();
    const [c] = await db.select().from(vendorCases).where(eq(vendorCases.id, a.vendorCaseId!));
    expect(c!.dueAt.getTime() - c!.sentAt.getTime()).toBe(24 * 3_600_000);
    await updateSettings(s.admin, { vendorCaseDueHours: 48 }, null);
  });

  it("only the assigned technician or an admin closes a case", async () => {
    const s = await scenario({ authorized: true });
    await ready(s);
    const a = await logAttempt(s.tech, xml(s.visitId, s.dahua));
    const close = { caseId: a.vendorCaseId!, result: "received", resultNote: "done" };
    await expect(closeVendorCase(s.otherTech, close)).rejects.toBeInstanceOf(NotFoundError);
    await expect(closeVendorCase(s.customer, close)).rejects.toBeInstanceOf(ForbiddenError);
    await expect(closeVendorCase(s.tech, { ...close, caseId: "00000000-0000-4000-8000-000000000000" })).rejects.toBeInstanceOf(NotFoundError);
    await closeVendorCase(s.admin, close);
    await expect(closeVendorCase(s.tech, close)).rejects.toBeInstanceOf(ConflictError);
  });

  it("one read path: open cases with customer, technician, device, age and an overdue marker; scoped like visits", async () => {
    const s = await scenario({ authorized: true });
    await ready(s);
    const a = await logAttempt(s.tech, xml(s.visitId, s.dahua));
    await logAttempt(s.tech, sadp(s.visitId, s.hik));
    const open = (actor: typeof s.admin, now?: Date) =>
      listVendorCases(actor, { open: true }, { limit: 100 }, now).then((p) => p.data.filter((c) => c.visitId === s.visitId));
    const later = new Date(Date.now() + 50 * 3_600_000);
    const mine = await open(s.admin, later);
    expect(mine).toHaveLength(2);
    expect(mine.every((c) => c.overdue && c.ageHours > 49 && c.customerName === s.customer.name && c.technicianName === s.tech.name)).toBe(true);
    expect(mine.map((c) => c.device.brand).sort()).toEqual(["dahua", "hikvision"]);
    expect((await open(s.admin)).every((c) => !c.overdue)).toBe(true);
    // Overdue: still open past due, whether still waiting or the answer is in but not applied (it is short-lived); closed cases never.
    const db = await getDb();
    await db.update(vendorCases).set({ status: "result_received", resultReceivedAt: new Date() }).where(eq(vendorCases.id, a.vendorCaseId!));
    const overdueLater = (await listVendorCases(s.admin, { overdue: true }, { limit: 100 }, later)).data.filter((c) => c.visitId === s.visitId);
    expect(overdueLater.map((c) => c.status).sort()).toEqual(["open", "result_received"]);
    expect((await listVendorCases(s.admin, { overdue: false }, { limit: 100 }, later)).data.filter((c) => c.visitId === s.visitId)).toEqual([]);
    await closeVendorCase(s.tech, { caseId: a.vendorCaseId!, result: "received", resultNote: "Result imported" });
    expect((await open(s.admin)).map((c) => c.vendor)).toEqual(["hikvision"]);
    const closed = (await listVendorCases(s.admin, { status: "closed" }, { limit: 100 }, later)).data.filter((c) => c.visitId === s.visitId);
    expect(closed.map((c) => [c.id, c.overdue])).toEqual([[a.vendorCaseId, false]]);
    // The same scope as visits: the assigned technician and the customer see these; another technician does not.
    expect((await open(s.tech)).map((c) => c.vendor)).toEqual(["hikvision"]);
    expect((await open(s.customer)).map((c) => c.vendor)).toEqual(["hikvision"]);
    expect(await open(s.otherTech)).toEqual([]);
  });
});
