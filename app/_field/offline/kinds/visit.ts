/** The visit's own writes on the phone: status and its undo, the authorization, the checklist, completion. */
import { ON_SITE_FIRST } from "@/lib/field/labels";
import { nextMove, STATUS_UNDO_SECONDS } from "@/lib/field/moves";
import { acceptsReason, completionBlockers, deviceState, needsOutcomeOrReason } from "@/lib/field/resolution";
import type { QueuedWriteKind } from "@/lib/values";
import { CHECKLIST_ANSWER_LABELS, VISIT_STATUS_LABELS } from "@/lib/values/labels";
import type { OutboxItem } from "../store";
import { type ClientKind, type Job, deviceOf, pendingOf, str } from "./shared";

/** The checklist's answers on the job (its own write, or part of completing the visit). */
function applyChecklist(job: Job, item: OutboxItem) {
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
}

export const VISIT_KINDS = {
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
  "checklist.answer": {
    summary: (i) =>
      `Checklist: ${[i.patternLockSet, i.configExported, i.recoveryEmailUpdated].map((a) => CHECKLIST_ANSWER_LABELS[a as "yes"] ?? "—").join(" / ")}`,
    apply: applyChecklist,
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
      applyChecklist(job, item);
      job.visit.status = "completed";
      job.visit.completedAt = item.madeAt;
      // The invoice (and so the payment card) comes from the server once this has applied.
      Object.assign(job.visit, { pending: pendingOf(item) });
    },
  },
} satisfies Partial<Record<QueuedWriteKind, ClientKind>>;
