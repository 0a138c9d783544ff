/**
 * Vendor cases: recovery work waiting on Dahua, Hikvision or Lorex support
 * (the 24-48 h state). A case opens with the attempt that sent the request
 * (lib/field/attempts.ts calls openVendorCase, ./open.ts, in its transaction,
 * once the method's evidence checklist is complete) and drafts the email to
 * the vendor. Its answer comes back (recordVendorResult, or the result file:
 * lib/field/vendor-files.ts), which starts the answer's own clock; the case
 * closes when the answer is used or lost, or expires unused (./reminders.ts).
 * Reads: ./read.ts.
 */
import "server-only";
import { and, eq, inArray, ne } from "drizzle-orm";
import { inTransaction, type Executor, type WriteOptions } from "@/db/client";
import { attempts, recoveryMethods, vendorCases, visits, type VisitStatus } from "@/db/schema";
import { audit } from "@/lib/audit/log";
import { requirePermission, type Actor } from "@/lib/auth/permissions";
import { ConflictError, NotFoundError, parseInput } from "@/lib/platform/errors";
import { getSettings } from "@/lib/settings/company";
import { assertEditable, loadWorkVisit } from "@/lib/field/access";
import { answerExpiresAt } from "./clock";
import { OPEN_CASE_STATUSES } from "./open";
import { closeVendorCaseSchema, recordVendorResultSchema, type VendorCaseResult } from "./schemas";

export { DO_NOT_REBOOT } from "./clock";
/** The case's method and the company's time zone: when an answer received now stops being usable (null: unknown). */
async function expiryFor(tx: Executor, caseId: string, receivedAt: Date) {
  const [[m], s] = await Promise.all([
    tx
      .select({ answerValidity: recoveryMethods.answerValidity })
      .from(vendorCases)
      .innerJoin(attempts, eq(attempts.id, vendorCases.attemptId))
      .innerJoin(recoveryMethods, eq(recoveryMethods.id, attempts.methodId))
      .where(eq(vendorCases.id, caseId)),
    getSettings(tx),
  ]);
  return m ? answerExpiresAt(m.answerValidity, receivedAt, s.timeZone) : null;
}

/**
 * The vendor's answer is in: the case moves to result_received and its
 * expiry is set from the method's validity (in the company's time zone for
 * "until the end of the day"). Inside the caller's transaction, on a case it
 * has locked and found still waiting.
 */
export async function markAnswerReceived(
  tx: Executor,
  caseId: string,
  now: Date,
  extra: { resultBackupId?: string; note?: string; notes?: string | null } = {},
) {
  const expiresAt = await expiryFor(tx, caseId, now);
  await tx
    .update(vendorCases)
    .set({
      status: "result_received",
      resultReceivedAt: now,
      expiresAt,
      ...(extra.resultBackupId ? { resultBackupId: extra.resultBackupId } : {}),
      ...(extra.note ? { notes: [extra.notes, `Answer in: ${extra.note}`].filter(Boolean).join("\n") } : {}),
    })
    .where(eq(vendorCases.id, caseId));
  return expiresAt;
}

/** A case of a visit this actor works on, locked, with what closing or answering needs. */
async function lockCase(tx: Executor, actor: Actor | null, caseId: string) {
  const [found] = await tx.select({ visitId: vendorCases.visitId }).from(vendorCases).where(eq(vendorCases.id, caseId));
  if (!found) throw new NotFoundError("Vendor case not found.");
  const v = await loadWorkVisit(tx, actor, found.visitId, { lock: true });
  assertEditable(v);
  const [c] = await tx
    .select({ status: vendorCases.status, notes: vendorCases.notes, resultReceivedAt: vendorCases.resultReceivedAt, attemptId: vendorCases.attemptId })
    .from(vendorCases)
    .where(eq(vendorCases.id, caseId))
    .for("update");
  return { v, c: c! };
}

/**
 * Record that the vendor's answer came back (a code by phone, a temporary
 * password by email: never the secret itself), before it is used: its
 * countdown starts. Only while the case is still waiting.
 */
export async function recordVendorResult(actor: Actor | null, input: unknown, ip: string | null = null, now = new Date(), opts: WriteOptions = {}) {
  const data = parseInput(recordVendorResultSchema, input);
  requirePermission(actor, "jobs:work");
  return inTransaction(opts.tx, async (tx) => {
    const { c } = await lockCase(tx, actor, data.caseId);
    if (c.status !== "open")
      throw new ConflictError(c.status === "result_received" ? "The answer is already recorded; its clock is running." : "This vendor case is already closed.");
    const expiresAt = await markAnswerReceived(tx, data.caseId, now, { note: data.note, notes: c.notes });
    await audit(tx, { actorId: actor.id, action: "vendor_case.answer", entityType: "vendor_case", entityId: data.caseId, details: { expiresAt }, ip });
    return { status: "result_received" as const, expiresAt };
  });
}

/**
 * When no case of the visit stays open, a visit waiting on vendors goes back
 * to on_site, where the technician logs the final outcome and completes (or
 * the office books a follow-up).
 */
export async function releaseVisit(
  tx: Executor,
  actorId: string | null,
  visit: { id: string; status: VisitStatus },
  exceptCaseId: string,
  now: Date,
  ip: string | null,
) {
  if (visit.status !== "waiting_vendor") return false;
  const stillOpen = await tx
    .select({ id: vendorCases.id })
    .from(vendorCases)
    .where(and(eq(vendorCases.visitId, visit.id), ne(vendorCases.id, exceptCaseId), inArray(vendorCases.status, OPEN_CASE_STATUSES)));
  if (stillOpen.length > 0) return false;
  await tx.update(visits).set({ status: "on_site", updatedAt: now }).where(eq(visits.id, visit.id));
  await audit(tx, { actorId, action: "visit.status", entityType: "visit", entityId: visit.id, details: { from: "waiting_vendor", to: "on_site" }, ip });
  return true;
}

/** The outcome the waiting attempt takes when its case closes with this result (null: it keeps waiting for a correction). */
const SETTLES_TO: Record<VendorCaseResult, "succeeded" | "failed" | null> = {
  unlocked: "succeeded",
  not_unlocked: "failed",
  no_answer: "failed",
  // The answer came but something on site (a reboot, an email change) voided it before it was used.
  voided: "failed",
  received: null,
};

/**
 * Record how the case ended and close it, in one step: the answer came back
 * and unlocked it, or did not (closed, answered), none usable came (expired),
 * or it came and something on site voided it (expired, voided). The attempt
 * that waited on it takes its final outcome (unlocked: succeeded; otherwise
 * failed), so the reports' "waiting on vendor" drops and the method's result
 * counts on its original day. When no case of the visit stays open, the
 * visit goes back to on_site.
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
    const { v, c } = await lockCase(tx, actor, data.caseId);
    if (!(OPEN_CASE_STATUSES as readonly string[]).includes(c.status)) throw new ConflictError("This vendor case is already closed.");
    if (data.result === "voided" && !c.resultReceivedAt) throw new ConflictError("Only an answer that came back can be voided: choose “No usable answer”.");
    const now = new Date();
    const answered = data.result !== "no_answer" && data.result !== "voided";
    const status = answered ? "closed" : "expired";
    const closedReason = answered ? "answered" : data.result === "voided" ? "voided" : "no_answer";
    await tx
      .update(vendorCases)
      .set({
        status,
        closedReason,
        // The answer's arrival time stays as recorded; an answer used straight away arrived now.
        resultReceivedAt: c.resultReceivedAt ?? (answered ? now : null),
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
      details: { result: data.result, status, closedReason },
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
    await releaseVisit(tx, actor.id, v, data.caseId, now, ip);
    return { status };
  });
}
