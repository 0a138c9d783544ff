/**
 * The phone's half of the write registry (the server's is
 * lib/field/writes/registry.ts): for each kind, how it reads in the "waiting
 * to sync" and "Needs attention" lists, and how it shows on the job at once
 * (the optimistic copy), before the server has it. The server stays the
 * judge: what it refuses moves to "Needs attention" and stops showing here.
 */
import type { FieldJob } from "@/lib/field/sync";
import { AUTHORIZATION_FIRST, formatDuration, ON_SITE_FIRST } from "@/lib/field/labels";
import { nextMove, STATUS_UNDO_SECONDS } from "@/lib/field/moves";
import { acceptsReason, completionBlockers, deviceState, needsOutcomeOrReason } from "@/lib/field/resolution";
import { lackingReason } from "@/lib/field/playbook";
import type { AttemptOutcome, PhotoKind, QueuedWriteKind, RecoveryOptions } from "@/lib/values";
import {
  CHECKLIST_ANSWER_LABELS,
  FIELD_WRITE_KIND_LABELS,
  OUTCOME_LABELS,
  PAYMENT_METHOD_LABELS,
  PHOTO_KIND_LABELS,
  VISIT_STATUS_LABELS,
} from "@/lib/values/labels";
import { formatMoney, parseMoney } from "@/lib/billing/money";
import { VENDOR_CASE_RESULT_CHOICES } from "@/lib/vendor-cases/results";
import { answerExpiresAt } from "@/lib/vendor-cases/clock";
import { missingEvidenceMessage, recheckEvidence } from "@/lib/vendor-cases/evidence";
import type { OutboxItem } from "./store";

/** The outcome the waiting attempt takes when its case closes with this result (as lib/vendor-cases/manage.ts). */
const SETTLES_TO = { unlocked: "succeeded", not_unlocked: "failed", no_answer: "failed", voided: "failed", received: null } as const;

type Job = FieldJob;
type Device = Job["devices"][number];
type In = Record<string, unknown>;
const str = (v: unknown) => (typeof v === "string" ? v : "");

export type Refusal = { error: string; fieldErrors?: Record<string, string[]> };

/** The marker the job view shows on things not yet confirmed by the server. */
export type Pending = { pending?: "queued" | "sent" };

type ClientKind = {
  /** One line for the lists. */
  summary: (input: In, job: Job | undefined) => string;
  /** A refusal the phone can tell at once, in the server's words (the server checks again on sync). */
  check?: (job: Job, input: In) => Refusal | string | null;
  /** Show it on the job now (mutates the copy it is given). */
  apply?: (job: Job, item: OutboxItem) => void;
};

const deviceOf = (job: Job, id: unknown) => job.devices.find((d) => d.id === id);
const methodName = (d: Device | undefined, id: unknown) => d?.playbook.find((e) => e.method.id === id)?.method.name ?? str(id);
/** An id the phone gave a thing the server has not made yet is the id of the write that makes it. */
const sameThing = (id: string, item: OutboxItem, field: string) => id === str(item.input[field]) || id === item.refs[field];

export const CLIENT_KINDS: Record<QueuedWriteKind, ClientKind> = {
  "visit.advance": {
    summary: (i) => `Status: ${VISIT_STATUS_LABELS[i.to as "on_site"] ?? str(i.to)}`,
    apply: (job, item) => {
      const from = job.visit.status;
      const to = item.input.to as Job["visit"]["status"];
      job.visit.status = to;
      // Undoable for STATUS_UNDO_SECONDS from the tap, as on the server (lib/field/status.ts), which judges again when it arrives.
      job.undo = { from, to, undoUntil: new Date(new Date(item.madeAt).getTime() + STATUS_UNDO_SECONDS * 1000).toISOString() };
      job.move = nextMove(job.visit, new Date(item.madeAt), job.timeZone);
    },
  },
  "visit.undo_status": {
    summary: () => "Status change undone",
    check: (job) => (job.undo && job.undo.to === job.visit.status ? null : "There is nothing to undo on this visit."),
    apply: (job, item) => {
      if (!job.undo || job.undo.to !== job.visit.status) return;
      job.visit.status = job.undo.from;
      job.undo = null;
      job.move = nextMove(job.visit, new Date(item.madeAt), job.timeZone);
    },
  },
  "authorization.record": {
    summary: (i) => `Authorization by ${str(i.personName)}`,
    apply: (job, item) => {
      if (job.authorization) return;
      const i = item.input;
      job.authorization = Object.assign(
        {
          personName: str(i.personName),
          relationship: i.relationship as NonNullable<Job["authorization"]>["relationship"],
          statement: "",
          typedAcknowledgement: i.mode === "typed" ? str(i.typedAcknowledgement) : null,
          signatureDataUrl: i.mode === "signature" ? str(i.signature) : null,
          recordedAt: item.madeAt,
          recordedByName: "",
        },
        { pending: pendingOf(item) },
      );
    },
  },
  "attempt.log": {
    check: (job, input) => {
      if (job.visit.status !== "on_site" && job.visit.status !== "waiting_vendor") return ON_SITE_FIRST;
      if (!job.authorization) return AUTHORIZATION_FIRST;
      // A vendor case goes only with the evidence its method asks for (lib/field/attempts.ts refuses it the same way).
      const d = deviceOf(job, input.deviceId);
      if (input.outcome !== "waiting_vendor" || !d) return null;
      const missing = evidenceOf(job, d, str(input.methodId))
        .filter((c) => !c.present)
        .map((c) => c.label);
      return missing.length ? { error: missingEvidenceMessage(methodName(d, input.methodId), missing), fieldErrors: { evidence: missing } } : null;
    },
    summary: (i, job) => {
      const d = job ? deviceOf(job, i.deviceId) : undefined;
      return `Attempt: ${methodName(d, i.methodId)}, ${(OUTCOME_LABELS[i.outcome as AttemptOutcome] ?? "").toLowerCase()} (${formatDuration(Number(i.durationSeconds))})${d ? ` on ${d.label}` : ""}`;
    },
    apply: (job, item) => {
      const i = item.input;
      const d = deviceOf(job, i.deviceId);
      const applied = (item.result as { data?: { attemptId?: string } } | undefined)?.data?.attemptId;
      if (!d || (applied && d.attempts.some((a) => a.id === applied))) return;
      const at = str(i.endedAt) || item.madeAt;
      d.attempts.push(
        Object.assign(
          {
            id: applied ?? item.id,
            deviceId: d.id,
            seq: Math.max(0, ...d.attempts.map((a) => a.seq)) + 1,
            methodId: str(i.methodId),
            methodName: methodName(d, i.methodId),
            outcome: i.outcome as AttemptOutcome,
            durationSeconds: Number(i.durationSeconds),
            startedAt: str(i.startedAt) || null,
            endedAt: at,
            notes: str(i.notes) || null,
            description: str(i.description) || null,
            technicianId: job.viewerId,
            technicianName: "",
            createdAt: at,
            updatedAt: at,
          },
          { pending: pendingOf(item) },
        ),
      );
      if (i.outcome === "waiting_vendor" && i.vendorCase && typeof i.vendorCase === "object") {
        const vc = i.vendorCase as In;
        const caseId = (item.result as { data?: { vendorCaseId?: string } } | undefined)?.data?.vendorCaseId ?? item.id;
        const open = {
          id: caseId,
          attemptId: applied ?? item.id,
          deviceId: d.id,
          vendor: vc.vendor as NonNullable<Device["openCase"]>["vendor"],
          whatWasSent: str(vc.whatWasSent),
          sentAt: at,
          dueAt: new Date(Date.parse(at) + job.vendorCaseDueHours * 3_600_000).toISOString(),
          status: "open" as const,
          notes: null,
          resultReceivedAt: null,
          expiresAt: null,
          closedReason: null,
          vendorMailId: null,
          closedAt: null,
          requestBackupId: null,
          resultBackupId: null,
        };
        d.cases.push(open);
        d.openCase = open;
        const m = job.vendorMethods[str(i.methodId)];
        d.openCaseMethod = m ? { id: str(i.methodId), name: m.name, answerValidity: m.answerValidity, voidedBy: m.voidedBy, doNotReboot: m.doNotReboot } : null;
        job.visit.status = "waiting_vendor";
      }
    },
  },
  "attempt.correct": {
    summary: (i) => `Correction: ${(OUTCOME_LABELS[i.outcome as AttemptOutcome] ?? "").toLowerCase()}, ${formatDuration(Number(i.durationSeconds))}`,
    apply: (job, item) => {
      for (const d of job.devices)
        for (const a of d.attempts)
          if (sameThing(a.id, item, "attemptId")) {
            const i = item.input;
            Object.assign(a, {
              methodId: str(i.methodId),
              methodName: methodName(d, i.methodId),
              outcome: i.outcome,
              durationSeconds: Number(i.durationSeconds),
              notes: str(i.notes) || null,
              description: str(i.description) || null,
              updatedAt: item.madeAt,
              pending: pendingOf(item),
            });
          }
    },
  },
  "device.update": {
    summary: (i, job) => `Device facts${job ? ` of ${deviceOf(job, i.deviceId)?.label ?? "a device"}` : ""}`,
    apply: (job, item) => {
      const d = deviceOf(job, item.input.deviceId);
      if (!d) return;
      const { visitId: _v, deviceId: _d, ...facts } = item.input;
      Object.assign(d, facts, { pending: pendingOf(item) });
      for (const e of d.playbook) e.lacking = lackingReason(e.method, (d.recoveryOptions ?? {}) as RecoveryOptions);
    },
  },
  "vendor_case.record_result": {
    summary: () => "Vendor answer in (its clock starts)",
    apply: (job, item) => {
      for (const d of job.devices) {
        if (!d.openCase || !sameThing(d.openCase.id, item, "caseId") || d.openCase.resultReceivedAt) continue;
        const expires = d.openCaseMethod ? answerExpiresAt(d.openCaseMethod.answerValidity, new Date(item.madeAt), job.timeZone) : null;
        const patch = { status: "result_received" as const, resultReceivedAt: item.madeAt, expiresAt: expires?.toISOString() ?? null };
        Object.assign(d.openCase, patch);
        const c = d.cases.find((x) => x.id === d.openCase!.id);
        if (c) Object.assign(c, patch);
      }
    },
  },
  "vendor_case.close": {
    summary: (i) => `Vendor case closed: ${(VENDOR_CASE_RESULT_CHOICES.find((c) => c.value === i.result)?.label ?? str(i.result)).toLowerCase()}`,
    apply: (job, item) => {
      const settles = SETTLES_TO[item.input.result as keyof typeof SETTLES_TO] ?? null;
      for (const d of job.devices) {
        if (!d.openCase || !sameThing(d.openCase.id, item, "caseId")) continue;
        const c = d.cases.find((x) => x.id === d.openCase!.id);
        if (c) Object.assign(c, { status: item.input.result === "no_answer" || item.input.result === "voided" ? "expired" : "closed", closedAt: item.madeAt });
        // The attempt that waited on the case takes its final outcome (lib/vendor-cases/manage.ts).
        const waited = c ? d.attempts.find((a) => a.id === c.attemptId && a.outcome === "waiting_vendor") : undefined;
        if (waited && settles) waited.outcome = settles;
        d.openCase = null;
      }
      if (job.visit.status === "waiting_vendor" && !job.devices.some((d) => d.openCase)) job.visit.status = "on_site";
    },
  },
  "vendor_case.attach_file": {
    summary: (i) => `Vendor ${str(i.which)} file linked`,
    apply: (job, item) => {
      for (const d of job.devices) {
        const c = d.openCase;
        if (!c || !sameThing(c.id, item, "caseId")) continue;
        const backupId = item.refs.backupId ?? str(item.input.backupId);
        if (item.input.which === "request") c.requestBackupId = backupId;
        else c.resultBackupId = backupId;
      }
    },
  },
  "checklist.answer": {
    summary: (i) =>
      `Checklist: ${[i.patternLockSet, i.configExported, i.recoveryEmailUpdated].map((a) => CHECKLIST_ANSWER_LABELS[a as "yes"] ?? "—").join(" / ")}`,
    apply: (job, item) => {
      const i = item.input;
      job.checklist = Object.assign(
        {
          patternLockSet: i.patternLockSet as "yes",
          configExported: i.configExported as "yes",
          recoveryEmailUpdated: i.recoveryEmailUpdated as "yes",
          notes: str(i.notes) || null,
          answeredAt: item.madeAt,
        },
        { pending: pendingOf(item) },
      );
    },
  },
  "visit.complete": {
    // What completeVisit (lib/field/completion.ts) would refuse, by the same rules (lib/field/resolution.ts).
    check: (job, input) => {
      if (job.visit.status !== "on_site" && job.visit.status !== "waiting_vendor") return ON_SITE_FIRST;
      const given = (Array.isArray(input.devices) ? input.devices : []) as { deviceId: string; reason?: string }[];
      const fieldErrors: Record<string, string[]> = {};
      const devices = job.devices.map((d) => {
        const reason = given.find((g) => g.deviceId === d.id)?.reason?.trim();
        const closingReason = reason && acceptsReason(d.state) ? reason : d.closingReason;
        return { ...d, state: deviceState({ visitStatus: job.visit.status, attempts: d.attempts, closingReason, openVendorCase: !!d.openCase }) };
      });
      for (const d of devices.filter((x) => needsOutcomeOrReason(x.state))) {
        const i = given.findIndex((g) => g.deviceId === d.id);
        if (i >= 0)
          fieldErrors[`devices.${i}.reason`] = [d.attempts.length ? "Say why this device is left unrecovered." : "Say why this device was not attempted."];
      }
      const blockers = completionBlockers({
        status: job.visit.status,
        hasAuthorization: !!job.authorization,
        openVendorCases: devices.filter((d) => d.openCase).length,
        checklistAnswered: true,
        devices: devices.map((d) => ({ label: d.label, state: d.state })),
      });
      return blockers.length ? { error: `This visit cannot be completed yet: ${blockers.join(" ")}`, fieldErrors } : null;
    },
    summary: () => "Visit completed",
    apply: (job, item) => {
      const reasons = (Array.isArray(item.input.devices) ? item.input.devices : []) as { deviceId: string; reason?: string }[];
      for (const r of reasons) {
        const d = deviceOf(job, r.deviceId);
        if (d && r.reason) d.closingReason = r.reason;
      }
      CLIENT_KINDS["checklist.answer"].apply!(job, item);
      job.visit.status = "completed";
      job.visit.completedAt = item.madeAt;
      // The invoice (and so the payment card) comes from the server once this has applied.
      Object.assign(job.visit, { pending: pendingOf(item) });
    },
  },
  "estimate.accept": {
    // What acceptEstimateOnSite (lib/billing/estimates.ts) refuses that the phone can tell; expiry and changes are the server's to judge.
    check: (job, input) => {
      const e = job.billing?.estimate;
      if (!e || e.id !== input.estimateId) return "Estimate not found.";
      if (e.status === "accepted") return "This estimate was already accepted.";
      if (e.status !== "sent") return "This estimate has not been sent to the customer yet.";
      return null;
    },
    summary: (i) => `Estimate accepted by ${str(i.name)}`,
    apply: (job, item) => {
      const e = job.billing?.estimate;
      if (!e || e.id !== item.input.estimateId || e.status === "accepted") return;
      Object.assign(e, { status: "accepted", acceptedName: str(item.input.name), acceptedAt: item.madeAt, acceptedVia: "on_site", pending: pendingOf(item) });
    },
  },
  "payment.record": {
    // What recordOnSitePayment (lib/billing/payments.ts) refuses that the phone can tell from its copy of the balance.
    check: (job, input) => {
      if (job.visit.status !== "completed") return "Complete the visit first: the payment goes on its invoice.";
      const b = job.billing?.balance;
      if (!b) return "The invoice is made when the completion reaches the office: take the payment once it has synced.";
      const cents = parseMoney(str(input.amount));
      if (cents === null || cents <= 0) return { error: "Enter the amount paid, e.g. 49.00.", fieldErrors: { amount: ["Enter the amount paid, e.g. 49.00."] } };
      if (b.balanceCents <= 0) return "This invoice is paid in full: nothing is owed.";
      if (cents > b.balanceCents) {
        const msg = `That is more than the balance of ${formatMoney(b.balanceCents, b.currency, job.locale)}. Overpayments are not recorded.`;
        return { error: msg, fieldErrors: { amount: [msg] } };
      }
      return null;
    },
    summary: (i, job) => {
      const cents = parseMoney(str(i.amount));
      const b = job?.billing?.balance;
      const amount = cents === null ? str(i.amount) : formatMoney(cents, b?.currency ?? "USD", job?.locale);
      return `Payment: ${amount} by ${(PAYMENT_METHOD_LABELS[i.method as "card"] ?? str(i.method)).replace(" (on site)", "").toLowerCase()}`;
    },
    apply: (job, item) => {
      const b = job.billing?.balance;
      const cents = parseMoney(str(item.input.amount));
      if (!b || cents === null) return;
      b.balanceCents = Math.max(0, b.balanceCents - cents);
      Object.assign(b, { pending: pendingOf(item) });
    },
  },
  "backup.upload": {
    summary: (_i, job) => `File upload${job ? "" : ""}`,
  },
  "photo.upload": {
    summary: (i, job) => {
      const d = job ? deviceOf(job, i.deviceId) : undefined;
      return `Photo: ${PHOTO_KIND_LABELS[i.photoKind as PhotoKind] ?? "device"}${d ? ` of ${d.label}` : ""}`;
    },
    // Shown at once (as waiting) and counted for the vendor's evidence checklist.
    apply: (job, item) => {
      const d = deviceOf(job, item.input.deviceId);
      const stored = (item.result as { id?: string } | undefined)?.id;
      if (!d || (stored && d.photos.some((p) => p.id === stored))) return;
      d.photos.unshift(
        Object.assign(
          {
            id: item.id,
            photoKind: item.input.photoKind as PhotoKind,
            width: 1,
            height: 1,
            takenAt: str(item.input.takenAt) || null,
            uploadedAt: item.madeAt,
            thisVisit: true,
            visitReference: job.visit.reference,
          },
          { pending: pendingOf(item) },
        ),
      );
    },
  },
};

/**
 * A vendor-pending method's evidence checklist for a device as it stands on
 * the phone (the server's answer ticked again from unsynced facts and photos).
 */
export function evidenceOf(job: Job, d: Device, methodId: string) {
  const server = d.evidence[methodId];
  if (!server) return [];
  return recheckEvidence(server, {
    device: { serial: d.serial, model: d.model, mac: d.mac, lorexDeviceId: d.lorexDeviceId },
    authorized: !!job.authorization,
    photos: d.photos.map((p) => ({ photoKind: p.photoKind, thisVisit: p.thisVisit })),
  });
}

const pendingOf = (item: OutboxItem): Pending["pending"] => (item.state === "sent" ? "sent" : "queued");

/** How a queued item reads in the lists. */
export function describeItem(item: OutboxItem, job: Job | undefined) {
  if (item.kind === "backup.upload") return `${FIELD_WRITE_KIND_LABELS["backup.upload"]}: ${item.upload?.filename ?? "file"}`;
  if (item.kind === "photo.upload") return CLIENT_KINDS["photo.upload"].summary(item.input, job);
  return CLIENT_KINDS[item.kind].summary(item.input, job);
}

/**
 * The job as the technician sees it: the server's copy with the writes not
 * yet confirmed laid over it in order (refused ones are not), device states
 * and what still blocks completion worked out again by the same rules the
 * server uses (lib/field/resolution.ts).
 */
export function withPending(job: Job, items: readonly OutboxItem[]): Job {
  const mine = items.filter((i) => i.visitId === job.visit.id && i.state !== "attention");
  if (mine.length === 0) return job;
  const view = structuredClone(job);
  for (const item of mine) CLIENT_KINDS[item.kind].apply?.(view, item);
  for (const d of view.devices)
    d.state = deviceState({ visitStatus: view.visit.status, attempts: d.attempts, closingReason: d.closingReason, openVendorCase: !!d.openCase });
  view.blockers = completionBlockers({
    status: view.visit.status,
    hasAuthorization: !!view.authorization,
    openVendorCases: view.devices.filter((d) => d.openCase).length,
    checklistAnswered: true,
    devices: view.devices.map((d) => ({ label: d.label, state: d.state })),
  });
  return view;
}
