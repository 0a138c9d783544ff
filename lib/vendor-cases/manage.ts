/**
 * Vendor cases: recovery work waiting on Dahua, Hikvision or Lorex support
 * (the 24-48 h state). A case opens with the attempt that sent the request
 * (lib/field/attempts.ts calls openVendorCase in its transaction, once the
 * method's evidence checklist is complete) and drafts the email to the
 * vendor. Its answer comes back (recordVendorResult, or the result file:
 * lib/field/vendor-files.ts), which starts the answer's own clock; the case
 * closes when the answer is used or lost, or expires unused (./reminders.ts).
 * Reads: ./read.ts.
 */
import "server-only";
import { and, desc, eq, inArray, isNotNull, isNull, ne, notInArray } from "drizzle-orm";
import { inTransaction, type Executor, type WriteOptions } from "@/db/client";
import { attempts, configBackups, recoveryMethods, vendorCases, visits, type EvidenceItem, type Vendor, type VisitStatus } from "@/db/schema";
import { audit } from "@/lib/audit/log";
import { requirePermission, type Actor } from "@/lib/auth/permissions";
import { enqueueMail } from "@/lib/mail/outbox";
import { ConflictError, NotFoundError, parseInput } from "@/lib/platform/errors";
import { getSettings } from "@/lib/settings/company";
import { assertTransition } from "@/lib/visits/lifecycle";
import { assertEditable, loadWorkVisit } from "@/lib/field/access";
import { answerExpiresAt } from "./clock";
import { closeVendorCaseSchema, recordVendorResultSchema, type VendorCaseResult } from "./schemas";
import { vendorCaseMail } from "./vendor-mail";

export { DO_NOT_REBOOT } from "./clock";
/** Cases that still block completion. */
export const OPEN_CASE_STATUSES = ["open", "result_received"] as const;

/**
 * Open a vendor case for a waiting_vendor attempt, inside the attempt's
 * transaction (the caller has checked the method's evidence), and move the
 * visit to waiting_vendor. Links this visit's exported request file when the
 * method sends one, and drafts the email to the vendor's support address
 * (settings) unless there is none or the technician sends it another way.
 */
export async function openVendorCase(
  tx: Executor,
  actor: Actor,
  c: {
    attemptId: string;
    visit: { id: string; status: VisitStatus; reference: string };
    deviceId: string;
    vendor: Vendor;
    whatWasSent: string;
    sentAt: Date;
    method: { id: string; name: string; evidence: EvidenceItem[] };
    emailVendor?: boolean;
  },
  ip: string | null,
) {
  const s = await getSettings(tx);
  const dueAt = new Date(c.sentAt.getTime() + s.vendorCaseDueHours * 3_600_000);
  // The newest request file stored on this visit and not already sent with another case.
  let requestBackupId: string | null = null;
  if (c.method.evidence.some((e) => e.item === "request_file")) {
    // (NOT IN over a list with a NULL matches nothing: only cases that have a request file.)
    const used = tx
      .select({ id: vendorCases.requestBackupId })
      .from(vendorCases)
      .where(and(eq(vendorCases.deviceId, c.deviceId), isNotNull(vendorCases.requestBackupId)));
    const [file] = await tx
      .select({ id: configBackups.id })
      .from(configBackups)
      .where(
        and(
          eq(configBackups.deviceId, c.deviceId),
          eq(configBackups.visitId, c.visit.id),
          eq(configBackups.kind, "vendor_request"),
          isNull(configBackups.deletedAt),
          notInArray(configBackups.id, used),
        ),
      )
      .orderBy(desc(configBackups.uploadedAt))
      .limit(1);
    requestBackupId = file?.id ?? null;
  }
  const [row] = await tx
    .insert(vendorCases)
    .values({
      attemptId: c.attemptId,
      visitId: c.visit.id,
      deviceId: c.deviceId,
      vendor: c.vendor,
      whatWasSent: c.whatWasSent,
      sentAt: c.sentAt,
      dueAt,
      requestBackupId,
    })
    .returning({ id: vendorCases.id, dueAt: vendorCases.dueAt });
  const to = s.vendorSupportEmails[c.vendor];
  let vendorMailId: string | null = null;
  if (to && c.emailVendor !== false) {
    const mail = await vendorCaseMail(tx, {
      to,
      vendor: c.vendor,
      visit: c.visit,
      deviceId: c.deviceId,
      method: c.method,
      whatWasSent: c.whatWasSent,
      requestFileId: requestBackupId,
      settings: s,
    });
    vendorMailId = await enqueueMail(tx, mail);
    await tx.update(vendorCases).set({ vendorMailId }).where(eq(vendorCases.id, row!.id));
  }
  await audit(tx, {
    actorId: actor.id,
    action: "vendor_case.open",
    entityType: "vendor_case",
    entityId: row!.id,
    details: {
      visitId: c.visit.id,
      deviceId: c.deviceId,
      vendor: c.vendor,
      methodId: c.method.id,
      dueAt,
      emailedTo: vendorMailId ? to : null,
      requestBackupId,
    },
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
  return { ...row!, vendorMailId, emailedTo: vendorMailId ? to : null };
}

/** Is there an open case on this device in this visit? */
export async function openCaseFor(db: Executor, visitId: string, deviceId: string) {
  const [row] = await db
    .select({ id: vendorCases.id, sentAt: vendorCases.sentAt })
    .from(vendorCases)
    .where(and(eq(vendorCases.visitId, visitId), eq(vendorCases.deviceId, deviceId), inArray(vendorCases.status, OPEN_CASE_STATUSES)));
  return row ?? null;
}

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
