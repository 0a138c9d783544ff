/**
 * Vendor cases: recovery work waiting on Dahua, Hikvision or Lorex support
 * (the 24-48 h state). A case opens with the attempt that sent the request
 * (lib/field/attempts.ts calls openVendorCase in its transaction) and closes
 * when the answer comes back, or does not. Reads: ./read.ts.
 */
import "server-only";
import { and, eq, inArray, ne } from "drizzle-orm";
import { inTransaction, type Executor, type WriteOptions } from "@/db/client";
import { attempts, vendorCases, visits, type Vendor, type VisitStatus } from "@/db/schema";
import { audit } from "@/lib/audit/log";
import { requirePermission, type Actor } from "@/lib/auth/permissions";
import { ConflictError, NotFoundError, parseInput } from "@/lib/platform/errors";
import { getSettings } from "@/lib/settings/company";
import { assertTransition } from "@/lib/visits/lifecycle";
import { assertEditable, loadWorkVisit } from "@/lib/field/access";
import { closeVendorCaseSchema, type VendorCaseResult } from "./schemas";

export const DO_NOT_REBOOT = "Do not reboot or power-cycle this device until the vendor's answer is applied: a reboot voids the request.";
/** Cases that still block completion. */
export const OPEN_CASE_STATUSES = ["open", "result_received"] as const;

/**
 * Open a vendor case for a waiting_vendor attempt, inside the attempt's
 * transaction, and move the visit to waiting_vendor.
 */
export async function openVendorCase(
  tx: Executor,
  actor: Actor,
  c: { attemptId: string; visit: { id: string; status: VisitStatus }; deviceId: string; vendor: Vendor; whatWasSent: string; sentAt: Date },
  ip: string | null,
) {
  const s = await getSettings(tx);
  const dueAt = new Date(c.sentAt.getTime() + s.vendorCaseDueHours * 3_600_000);
  const [row] = await tx
    .insert(vendorCases)
    .values({ attemptId: c.attemptId, visitId: c.visit.id, deviceId: c.deviceId, vendor: c.vendor, whatWasSent: c.whatWasSent, sentAt: c.sentAt, dueAt })
    .returning({ id: vendorCases.id, dueAt: vendorCases.dueAt });
  await audit(tx, {
    actorId: actor.id,
    action: "vendor_case.open",
    entityType: "vendor_case",
    entityId: row!.id,
    details: { visitId: c.visit.id, deviceId: c.deviceId, vendor: c.vendor, dueAt },
    ip,
  });
  if (c.visit.status !== "waiting_vendor") {
    assertTransition(c.visit.status, "waiting_vendor");
    await tx.update(visits).set({ status: "waiting_vendor", updatedAt: new Date() }).where(eq(visits.id, c.visit.id));
    await audit(tx, {
      actorId: actor.id,
      action: "visit.status",
      entityType: "visit",
      entityId: c.visit.id,
      details: { from: c.visit.status, to: "waiting_vendor" },
      ip,
    });
  }
  return row!;
}

/** Is there an open case on this device in this visit? */
export async function openCaseFor(db: Executor, visitId: string, deviceId: string) {
  const [row] = await db
    .select({ id: vendorCases.id, sentAt: vendorCases.sentAt })
    .from(vendorCases)
    .where(and(eq(vendorCases.visitId, visitId), eq(vendorCases.deviceId, deviceId), inArray(vendorCases.status, OPEN_CASE_STATUSES)));
  return row ?? null;
}

/** The outcome the waiting attempt takes when its case closes with this result (null: it keeps waiting for a correction). */
const SETTLES_TO: Record<VendorCaseResult, "succeeded" | "failed" | null> = {
  unlocked: "succeeded",
  not_unlocked: "failed",
  no_answer: "failed",
  received: null,
};

/**
 * Record what came of the vendor's answer and close the case, in one step:
 * the attempt that waited on it takes its final outcome (unlocked:
 * succeeded; did not unlock, or no usable answer: failed), so the reports'
 * "waiting on vendor" drops and the method's result counts on its original
 * day. When no case of the visit stays open, the visit goes back to on_site.
 */
export async function closeVendorCase(
  actor: Actor | null,
  input: unknown,
  ip: string | null = null,
  extra: { resultBackupId?: string | null } & WriteOptions = {},
) {
  const data = parseInput(closeVendorCaseSchema, input);
  requirePermission(actor, "jobs:work");
  return inTransaction(extra.tx, async (tx) => {
    const [found] = await tx.select({ visitId: vendorCases.visitId }).from(vendorCases).where(eq(vendorCases.id, data.caseId));
    if (!found) throw new NotFoundError("Vendor case not found.");
    const v = await loadWorkVisit(tx, actor, found.visitId, { lock: true });
    assertEditable(v);
    const [c] = await tx
      .select({ status: vendorCases.status, notes: vendorCases.notes, attemptId: vendorCases.attemptId })
      .from(vendorCases)
      .where(eq(vendorCases.id, data.caseId))
      .for("update");
    if (!c || !(OPEN_CASE_STATUSES as readonly string[]).includes(c.status)) throw new ConflictError("This vendor case is already closed.");
    const now = new Date();
    const answered = data.result !== "no_answer";
    const status = answered ? "closed" : "expired";
    await tx
      .update(vendorCases)
      .set({
        status,
        resultReceivedAt: answered ? now : null,
        closedAt: now,
        notes: [c.notes, `Result: ${data.resultNote}`].filter(Boolean).join("\n"),
        ...(extra.resultBackupId ? { resultBackupId: extra.resultBackupId } : {}),
      })
      .where(eq(vendorCases.id, data.caseId));
    await audit(tx, {
      actorId: actor.id,
      action: "vendor_case.close",
      entityType: "vendor_case",
      entityId: data.caseId,
      details: { result: data.result, status },
      ip,
    });
    const outcome = SETTLES_TO[data.result];
    if (outcome) {
      const [settled] = await tx
        .update(attempts)
        .set({ outcome, updatedAt: now })
        .where(and(eq(attempts.id, c.attemptId), eq(attempts.outcome, "waiting_vendor")))
        .returning({ id: attempts.id });
      if (settled) {
        await audit(tx, {
          actorId: actor.id,
          action: "attempt.settle",
          entityType: "attempt",
          entityId: c.attemptId,
          details: { visitId: v.id, caseId: data.caseId, before: { outcome: "waiting_vendor" }, after: { outcome } },
          ip,
        });
      }
    }
    const stillOpen = await tx
      .select({ id: vendorCases.id })
      .from(vendorCases)
      .where(and(eq(vendorCases.visitId, v.id), ne(vendorCases.id, data.caseId), inArray(vendorCases.status, OPEN_CASE_STATUSES)));
    if (stillOpen.length === 0 && v.status === "waiting_vendor") {
      await tx.update(visits).set({ status: "on_site", updatedAt: now }).where(eq(visits.id, v.id));
      await audit(tx, {
        actorId: actor.id,
        action: "visit.status",
        entityType: "visit",
        entityId: v.id,
        details: { from: "waiting_vendor", to: "on_site" },
        ip,
      });
    }
    return { status };
  });
}
