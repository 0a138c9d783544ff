/**
 * Every kind of field write the phone can queue: one entry per kind with the
 * lib function that applies it (the same function, rules and permission
 * checks as the web forms), where its visit is named, and which of its ids
 * come from earlier writes. How to add a kind: docs/architecture.md
 * ("Field writes").
 */
import "server-only";
import { and, eq } from "drizzle-orm";
import { z } from "zod";
import type { Executor } from "@/db/client";
import { attempts, configBackups, fieldWrites, vendorCases } from "@/db/schema";
import type { Actor } from "@/lib/auth/permissions";
import { ConflictError, ValidationError } from "@/lib/platform/errors";
import type { FieldWriteKind } from "@/lib/values";
import { FIELD_WRITE_KIND_LABELS } from "@/lib/values/labels";
import { acceptEstimateOnSite } from "@/lib/billing/estimates";
import { recordOnSitePayment } from "@/lib/billing/payments";
import { closeVendorCase, recordVendorResult } from "@/lib/vendor-cases/manage";
import { correctAttempt, logAttempt } from "../attempts";
import { recordAuthorization } from "../authorization";
import { answerChecklist } from "../checklist";
import { completeVisit } from "../completion";
import { updateDeviceFacts } from "../devices";
import { advanceVisit, undoVisitStatus } from "../status";
import { attachVendorFile } from "../vendor-files";

/** `now`: when the server applies it; `madeAt`: when the phone made it (its clock); `userAgent`: the browser that sent it. */
export type WriteContext = { tx: Executor; ip: string | null; now: Date; madeAt: Date; userAgent: string | null };

/** Where an id of the input comes from when the phone could not know it: an earlier write's result, or an upload. */
export type RefSource = { write: FieldWriteKind; field: string } | { upload: true };

export type WriteKindEntry = {
  /** Apply the write inside its transaction: the lib function, with its own checks. */
  apply: (actor: Actor, input: Record<string, unknown>, ctx: WriteContext) => Promise<unknown>;
  /** "input": the input names the visit (`visitId`); else how to find the visit of the record it changes (null: no such record). */
  visit: "input" | ((tx: Executor, input: Record<string, unknown>) => Promise<string | null>);
  refs?: Record<string, RefSource>;
};

const uuid = z.uuid();
const visitOfAttempt = async (tx: Executor, input: Record<string, unknown>) => {
  if (!uuid.safeParse(input.attemptId).success) return null;
  const [row] = await tx
    .select({ visitId: attempts.visitId })
    .from(attempts)
    .where(eq(attempts.id, input.attemptId as string));
  return row?.visitId ?? null;
};
const visitOfCase = async (tx: Executor, input: Record<string, unknown>) => {
  if (!uuid.safeParse(input.caseId).success) return null;
  const [row] = await tx
    .select({ visitId: vendorCases.visitId })
    .from(vendorCases)
    .where(eq(vendorCases.id, input.caseId as string));
  return row?.visitId ?? null;
};

export const WRITE_KINDS: Record<FieldWriteKind, WriteKindEntry> = {
  "visit.advance": { visit: "input", apply: (a, i, c) => advanceVisit(a, i, c.ip, c) },
  // The undo window (STATUS_UNDO_SECONDS) runs on the server's clock from when it applied the tap; a tap and its undo queued offline arrive together.
  "visit.undo_status": { visit: "input", apply: (a, i, c) => undoVisitStatus(a, i, c.ip, { tx: c.tx, now: c.now }) },
  "authorization.record": { visit: "input", apply: (a, i, c) => recordAuthorization(a, i, c.ip, c) },
  "attempt.log": { visit: "input", apply: (a, i, c) => logAttempt(a, i, c.ip, c.now, c) },
  "attempt.correct": {
    visit: visitOfAttempt,
    refs: { attemptId: { write: "attempt.log", field: "attemptId" } },
    apply: (a, i, c) => correctAttempt(a, i, c.ip, c),
  },
  "device.update": { visit: "input", apply: (a, i, c) => updateDeviceFacts(a, i, c.ip, c) },
  "vendor_case.record_result": {
    visit: visitOfCase,
    refs: { caseId: { write: "attempt.log", field: "vendorCaseId" } },
    apply: (a, i, c) => recordVendorResult(a, i, c.ip, c.now, { tx: c.tx }),
  },
  "vendor_case.close": {
    visit: visitOfCase,
    refs: { caseId: { write: "attempt.log", field: "vendorCaseId" } },
    apply: (a, i, c) => closeVendorCase(a, i, c.ip, { tx: c.tx }),
  },
  "vendor_case.attach_file": {
    visit: visitOfCase,
    refs: { caseId: { write: "attempt.log", field: "vendorCaseId" }, backupId: { upload: true } },
    apply: (a, i, c) => attachVendorFile(a, i, c.ip, c),
  },
  "checklist.answer": { visit: "input", apply: (a, i, c) => answerChecklist(a, i, c.ip, c) },
  "visit.complete": { visit: "input", apply: (a, i, c) => completeVisit(a, i, c.ip, c) },
  // Billing on site (lib/billing, issue #18): the estimate accepted by the person present, the payment taken at completion.
  "estimate.accept": { visit: "input", apply: (a, i, c) => acceptEstimateOnSite(a, i, { ip: c.ip, userAgent: c.userAgent, tx: c.tx }) },
  "payment.record": { visit: "input", apply: (a, i, c) => recordOnSitePayment(a, i, c.ip, { tx: c.tx, madeAt: c.madeAt }) },
};

/**
 * Fill the input's ids that come from earlier writes. The earlier write must
 * be this user's and must have worked; otherwise this one is refused with why
 * (it then waits under "Needs attention" on the phone, never silently lost).
 */
export async function resolveRefs(tx: Executor, actor: Actor, kind: FieldWriteKind, input: Record<string, unknown>, refs: Record<string, string>) {
  const declared = WRITE_KINDS[kind].refs ?? {};
  const out = { ...input };
  for (const [field, ref] of Object.entries(refs)) {
    const source = declared[field];
    if (!source)
      throw new ValidationError(`A ${FIELD_WRITE_KIND_LABELS[kind].toLowerCase()} cannot refer to an earlier write for “${field}”.`, {
        [`refs.${field}`]: ["Not a reference this kind of write takes."],
      });
    if ("upload" in source) {
      const [b] = await tx
        .select({ id: configBackups.id })
        .from(configBackups)
        .where(and(eq(configBackups.clientId, ref), eq(configBackups.uploadedBy, actor.id)));
      if (!b) throw new ConflictError("The file this needs has not been uploaded yet (or its upload was refused).", { [field]: ["Upload the file first."] });
      out[field] = b.id;
      continue;
    }
    const [w] = await tx
      .select({ kind: fieldWrites.kind, status: fieldWrites.status, response: fieldWrites.response })
      .from(fieldWrites)
      .where(and(eq(fieldWrites.id, ref), eq(fieldWrites.userId, actor.id)));
    const what = FIELD_WRITE_KIND_LABELS[source.write].toLowerCase();
    if (!w || w.kind !== source.write)
      throw new ConflictError(`The ${what} this depends on has not reached the server yet.`, { [field]: [`Send the ${what} first.`] });
    if (w.status >= 300) throw new ConflictError(`The ${what} this depends on was refused, so this cannot apply.`, { [field]: [`The ${what} was refused.`] });
    const value = ((w.response as { data?: Record<string, unknown> } | null)?.data ?? {})[source.field];
    if (typeof value !== "string")
      throw new ConflictError(`The ${what} this depends on did not create what this refers to.`, { [field]: [`Nothing to refer to.`] });
    out[field] = value;
  }
  return out;
}
