/** Writes about one device on the phone: attempts and their corrections, device facts, vendor cases, files (photos: ./evidence.ts). */
import { AUTHORIZATION_FIRST, formatDuration, ON_SITE_FIRST } from "@/lib/field/labels";
import { lackingReason } from "@/lib/field/playbook";
import type { AttemptOutcome, QueuedWriteKind, RecoveryOptions } from "@/lib/values";
import { OUTCOME_LABELS } from "@/lib/values/labels";
import { VENDOR_CASE_RESULT_CHOICES } from "@/lib/vendor-cases/results";
import { answerExpiresAt } from "@/lib/vendor-cases/clock";
import { missingEvidenceMessage } from "@/lib/vendor-cases/evidence";
import { evidenceOf } from "./evidence";
import { type ClientKind, type Device, type In, deviceOf, methodName, pendingOf, sameThing, str } from "./shared";

/** The outcome the waiting attempt takes when its case closes with this result (as lib/vendor-cases/manage.ts). */
const SETTLES_TO = { unlocked: "succeeded", not_unlocked: "failed", no_answer: "failed", voided: "failed", received: null } as const;

export const DEVICE_KINDS = {
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
  "backup.upload": {
    summary: () => "File upload",
    // A vendor request file waiting on the phone counts for the evidence its methods ask for (the server
    // links the newest one stored on the visit when the case opens; the queue sends the file first).
    apply: (job, item) => {
      if (item.upload?.kind !== "vendor_request") return;
      const d = deviceOf(job, item.upload.deviceId);
      for (const items of Object.values(d?.evidence ?? {})) for (const e of items) if (e.item === "request_file") e.present = true;
    },
  },
} satisfies Partial<Record<QueuedWriteKind, ClientKind>>;
