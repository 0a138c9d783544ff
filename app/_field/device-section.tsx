"use client";
import { CloudOff, HardDriveDownload } from "lucide-react";
import { RECOVERY_OPTIONS } from "@/lib/values";
import { deviceLabel, RECOVERY_OPTION_LABELS, SEAL_LABELS, TRI_STATE_LABELS, VENDOR_LABELS } from "@/lib/values/labels";
import type { FieldJob } from "@/lib/field/sync";
import { DEVICE_STATE_LABELS, needsOutcomeOrReason, type DeviceState } from "@/lib/field/resolution";
import { formatDateTime } from "@/lib/format/dates";
import { AttemptList } from "./attempt-list";
import { DeviceFactsForm } from "./device-facts-form";
import { isPending, PendingMark } from "./pending-mark";
import { PlaybookList } from "./playbook-list";
import { QueuedUploads } from "./queued-uploads";
import { VendorCaseCard } from "./vendor-case-card";
import { VendorCaseFiles, type VendorFile } from "./vendor-case-files";
import { DevicePhotos } from "./evidence/device-photos";
import { EvidenceList } from "./evidence/evidence-list";
import { RequestFileUpload } from "./evidence/request-file";
import { evidenceOf } from "./offline/kinds";

type Job = FieldJob;
type JobDevice = Job["devices"][number];

const STATE_BADGE: Record<DeviceState, string> = {
  recovered: "bg-green-700 text-white",
  not_attempted: "bg-slate-200 text-slate-800",
  unresolved: "bg-red-100 text-red-900",
  not_started: "bg-slate-100 text-slate-800",
  in_progress: "bg-blue-100 text-blue-900",
  not_finished: "bg-slate-200 text-slate-800",
  waiting_vendor: "bg-purple-100 text-purple-900",
  needs_outcome: "bg-amber-100 text-amber-900",
};

function fileOf(job: Job, id: string | null): VendorFile {
  if (!id) return null;
  const f = job.vendorFiles[id];
  return f ? { id, filename: f.filename } : { id, filename: "", pending: true };
}

/** One device of the job: its state, the open vendor case, attempts, playbook, files and facts. */
export function DeviceSection(props: { job: Job; d: JobDevice; editable: boolean; authorized: boolean; area: "tech" | "admin"; maxBytes: number }) {
  const { job, d, editable, authorized, area, maxBytes } = props;
  const zone = { timeZone: job.timeZone, locale: job.locale };
  const canLog = editable && !d.openCase;
  return (
    <section className="card space-y-4" aria-labelledby={`device-${d.id}`} data-testid={`device-${d.brand}`}>
      <div className="flex items-start justify-between gap-2">
        <div>
          {/* Takes the focus back after an attempt is logged (the sheet that had it is gone). */}
          <h3 id={`device-${d.id}`} tabIndex={-1} className="text-lg font-bold">
            {deviceLabel(d)}
          </h3>
          <p className="text-sm text-slate-700">
            {[d.serial ? `S/N ${d.serial}` : null, d.firmware ? `FW ${d.firmware}` : null, d.channels ? `${d.channels} ch` : null]
              .filter(Boolean)
              .join(" · ") || "No serial recorded yet"}
          </p>
        </div>
        <span className={`badge shrink-0 ${STATE_BADGE[d.state]}`} data-testid="device-state">
          {DEVICE_STATE_LABELS[d.state]}
        </span>
      </div>
      {d.problem ? <p className="text-sm">Customer says: {d.problem}</p> : null}
      {d.closingReason && (d.state === "unresolved" || d.state === "not_attempted") ? <p className="text-sm">Reason: {d.closingReason}</p> : null}
      {d.openCase ? (
        <VendorCaseCard
          editable={editable}
          files={
            <VendorCaseFiles
              caseId={d.openCase.id}
              deviceId={d.id}
              visitId={job.visit.id}
              maxBytes={maxBytes}
              editable={editable}
              request={fileOf(job, d.openCase.requestBackupId)}
              result={fileOf(job, d.openCase.resultBackupId)}
            />
          }
          c={{
            id: d.openCase.id,
            vendorLabel: VENDOR_LABELS[d.openCase.vendor],
            whatWasSent: d.openCase.whatWasSent,
            sentAt: formatDateTime(d.openCase.sentAt, zone),
            dueAt: formatDateTime(d.openCase.dueAt, zone),
            overdue: d.openCaseOverdue,
            notes: d.openCase.notes,
          }}
          clock={{
            dueAt: d.openCase.dueAt,
            dueAtText: formatDateTime(d.openCase.dueAt, zone),
            resultReceivedAt: d.openCase.resultReceivedAt,
            expiresAt: d.openCase.expiresAt,
            expiresAtText: d.openCase.expiresAt ? formatDateTime(d.openCase.expiresAt, zone) : null,
            method: d.openCaseMethod
              ? {
                  name: d.openCaseMethod.name,
                  doNotReboot: d.openCaseMethod.doNotReboot,
                  validity: job.vendorMethods[d.openCaseMethod.id]?.validity ?? "unknown (no source says)",
                  voidedBy: d.openCaseMethod.voidedBy,
                }
              : null,
          }}
          now={job.fetchedAt}
        />
      ) : null}
      <DevicePhotos deviceId={d.id} deviceLabel={d.label} photos={d.photos} editable={editable} zone={zone} maxBytes={maxBytes} />
      {editable && !d.openCase && Object.keys(d.evidence).length ? (
        <details className="rounded-lg border border-slate-200 px-3 py-1" data-testid="evidence-checklists">
          <summary className="min-h-11 cursor-pointer content-center font-medium">What the vendors ask for</summary>
          <div className="space-y-3 py-3">
            <p className="text-sm text-slate-700">A vendor case can be sent only once everything its method asks for is here.</p>
            {Object.keys(d.evidence).map((methodId) => (
              <EvidenceList key={methodId} methodName={job.vendorMethods[methodId]?.name ?? methodId} items={evidenceOf(job, d, methodId)} />
            ))}
            {Object.values(d.evidence).some((items) => items.some((e) => e.item === "request_file")) ? (
              <RequestFileUpload deviceId={d.id} deviceLabel={d.label} visitId={job.visit.id} maxBytes={maxBytes} />
            ) : null}
          </div>
        </details>
      ) : null}
      <div>
        <h4 className="mb-2 font-semibold">Attempts</h4>
        <AttemptList
          viewerId={job.viewerId}
          editable={editable}
          methods={d.playbook.map((e) => ({ id: e.method.id, name: e.method.name }))}
          attempts={d.attempts.map((a) => ({
            id: a.id,
            seq: a.seq,
            methodId: a.methodId,
            methodName: a.methodName,
            outcome: a.outcome,
            durationSeconds: a.durationSeconds,
            notes: a.notes,
            description: a.description,
            technicianId: a.technicianId,
            technicianName: a.technicianName,
            when: formatDateTime(a.endedAt ?? a.createdAt, zone),
            corrected: Date.parse(a.updatedAt) - Date.parse(a.createdAt) > 1000,
            pending: isPending(a),
          }))}
        />
      </div>
      {editable ? (
        <details open={needsOutcomeOrReason(d.state) || d.state === "needs_outcome"} className="group">
          <summary className="min-h-11 cursor-pointer content-center font-semibold">Playbook ({d.playbook.length} methods)</summary>
          {d.openCase ? <p className="mb-2 text-sm text-slate-700">Logging is paused on this device until the vendor case is closed.</p> : null}
          <PlaybookList
            visitId={job.visit.id}
            device={{ id: d.id, label: d.label, brand: d.brand }}
            entries={d.playbook}
            authorized={authorized}
            editable={canLog}
            vendorDueHours={job.vendorCaseDueHours}
          />
        </details>
      ) : null}
      {editable && area === "tech" ? <QueuedUploads deviceId={d.id} deviceLabel={d.label} firmware={d.firmware} maxBytes={maxBytes} /> : null}
      <a href={area === "tech" ? `/tech/devices/${d.id}?visit=${job.visit.id}` : `/admin/devices/${d.id}`} className="btn-secondary w-full">
        <HardDriveDownload aria-hidden className="size-4" /> Config backups of this device
        {area === "tech" ? <CloudOff aria-label="(needs a connection)" className="size-4" /> : null}
      </a>
      <details className="rounded-lg border border-slate-200 px-3 py-1">
        <summary className="min-h-11 cursor-pointer content-center font-medium">
          Device facts{editable ? " (edit)" : ""} {isPending(d) ? <PendingMark /> : null}
        </summary>
        <div className="py-3">
          {editable ? (
            <DeviceFactsForm key={JSON.stringify([d.recoveryOptions, d.serial, d.model, d.firmware, d.mac, d.notes])} visitId={job.visit.id} d={d} />
          ) : (
            <dl className="grid grid-cols-[auto_1fr] gap-x-3 gap-y-1 text-sm">
              <dt className="font-medium">MAC</dt>
              <dd>{d.mac ?? "—"}</dd>
              {d.brand === "lorex" ? (
                <>
                  <dt className="font-medium">Lorex Device ID</dt>
                  <dd>{d.lorexDeviceId ?? "—"}</dd>
                </>
              ) : null}
              <dt className="font-medium">Warranty seal</dt>
              <dd>{SEAL_LABELS[d.warrantySeal]}</dd>
              {RECOVERY_OPTIONS.map((o) => (
                <div key={o} className="contents">
                  <dt className="font-medium">{RECOVERY_OPTION_LABELS[o]}</dt>
                  <dd>{TRI_STATE_LABELS[d.recoveryOptions[o] ?? "unknown"]}</dd>
                </div>
              ))}
            </dl>
          )}
        </div>
      </details>
    </section>
  );
}
