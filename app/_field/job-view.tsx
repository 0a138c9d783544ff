"use client";
import { CheckCircle2, CloudOff, HardDriveDownload, MapPin, Phone } from "lucide-react";
import { RECOVERY_OPTIONS } from "@/lib/values";
import { deviceLabel, RECOVERY_OPTION_LABELS, RELATIONSHIP_LABELS, SEAL_LABELS, TRI_STATE_LABELS, VENDOR_LABELS } from "@/lib/values/labels";
import type { FieldJob } from "@/lib/field/sync";
import { nextMove } from "@/lib/field/moves";
import { acceptsReason, DEVICE_STATE_LABELS, needsOutcomeOrReason, type DeviceState } from "@/lib/field/resolution";
import { AttemptList } from "./attempt-list";
import { EstimateOnSite, TakePayment } from "./billing-cards";
import { AuthorizationForm } from "./authorization-form";
import { CompletionForm } from "./completion-form";
import { DeviceFactsForm } from "./device-facts-form";
import { StatusBadge } from "@/app/_ui/status-badge";
import { formatDateTime, formatTimeRange, formatWeekdayDate } from "@/lib/format/dates";
import { fullAddress, mapsUrl } from "./format";
import { PlaybookList } from "./playbook-list";
import { StatusButton, UndoStatusButton } from "./status-button";
import { VendorCaseCard } from "./vendor-case-card";
import { VendorCaseFiles, type VendorFile } from "./vendor-case-files";
import { VisitSummaryView } from "./visit-summary";
import { PendingMark } from "./pending-mark";
import { QueuedUploads } from "./queued-uploads";
import { useFieldWriter } from "./write-context";
import { DevicePhotos } from "./evidence/device-photos";
import { EvidenceList } from "./evidence/evidence-list";
import { evidenceOf } from "./offline/kinds";

type Job = FieldJob;
type JobDevice = Job["devices"][number];
const isPending = (x: unknown) => !!(x && typeof x === "object" && (x as { pending?: unknown }).pending);

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

/**
 * The job, for the technician on site (and admins): phone first, one column.
 * A client component over the job as JSON: on the phone from its store (with
 * the writes not yet synced laid over it), for admins from the server.
 */
export function JobView({ job, area, maxBytes }: { job: Job; area: "tech" | "admin"; maxBytes: number }) {
  const { visit, customer, site, authorization, summary } = job;
  // Billing on site is the technician's (the admin's visit page has the office's billing panel).
  const billing = area === "tech" ? job.billing : null;
  const { queued } = useFieldWriter();
  const zone = { timeZone: job.timeZone, locale: job.locale };
  const editable = visit.status !== "completed" && visit.status !== "cancelled" && visit.status !== "no_show";
  const onSite = visit.status === "on_site" || visit.status === "waiting_vendor";
  // Worked out on the phone's clock: a copy kept from yesterday offers "On my way" once it is the visit's day (lib/field/moves.ts).
  const move = nextMove(visit, new Date(), job.timeZone);
  const address = fullAddress(site);
  const needReason = job.devices
    .filter((d) => acceptsReason(d.state))
    .map((d) => ({ id: d.id, label: d.label, attempted: d.attempts.length > 0, reason: d.closingReason ?? "" }));
  return (
    <div className={`space-y-4 ${job.undo ? "pb-52" : "pb-24"}`}>
      <section className="card space-y-3" aria-labelledby="job-title">
        <div className="flex items-start justify-between gap-2">
          <div>
            <h1 id="job-title" className="text-2xl font-bold">
              {customer.name}
            </h1>
            <p className="text-slate-700">
              {visit.reference} · {formatWeekdayDate(visit.startsAt, zone)}, {formatTimeRange(visit.startsAt, visit.endsAt, zone)}
            </p>
          </div>
          <StatusBadge status={visit.status} className="text-sm" />
        </div>
        <a href={mapsUrl(address)} target="_blank" rel="noopener" className="flex min-h-11 items-center gap-2 text-base">
          <MapPin aria-hidden className="size-5 shrink-0" /> {address}
        </a>
        {customer.phone ? (
          <a href={`tel:${customer.phone.replace(/[^\d+]/g, "")}`} className="flex min-h-11 items-center gap-2 text-base">
            <Phone aria-hidden className="size-5 shrink-0" /> Call {customer.phone}
          </a>
        ) : null}
        {site.accessNotes ? (
          <p className="rounded-lg bg-amber-50 px-3 py-2 text-sm text-amber-950">
            <span className="font-semibold">Access: </span>
            {site.accessNotes}
          </p>
        ) : null}
        {visit.bookingNotes ? <p className="text-sm text-slate-700">Booking notes: {visit.bookingNotes}</p> : null}
      </section>

      {billing?.estimate && visit.status !== "completed" ? <EstimateOnSite visitId={visit.id} e={billing.estimate} locale={job.locale} /> : null}

      <section className="card space-y-3" aria-labelledby="authorization" id="authorization-section">
        <h2 id="authorization" tabIndex={-1} className="text-lg font-semibold">
          1. Authorization
        </h2>
        {authorization ? (
          <div className="space-y-2" data-testid="authorization-recorded">
            {isPending(authorization) ? <PendingMark /> : null}
            <p className="flex items-center gap-2 font-medium text-green-800">
              <CheckCircle2 aria-hidden className="size-5" /> Authorized by {authorization.personName} (
              {RELATIONSHIP_LABELS[authorization.relationship].toLowerCase()}), {formatDateTime(authorization.recordedAt, zone)}
            </p>
            {authorization.signatureDataUrl ? (
              // eslint-disable-next-line @next/next/no-img-element -- an inline data URL, nothing to optimise
              <img
                src={authorization.signatureDataUrl}
                alt={`Signature of ${authorization.personName}`}
                className="h-20 rounded border border-slate-200 bg-white"
              />
            ) : (
              <p className="text-sm text-slate-700">Typed acknowledgement: “{authorization.typedAcknowledgement}”</p>
            )}
          </div>
        ) : editable && onSite ? (
          <AuthorizationForm visitId={visit.id} />
        ) : (
          <p className="text-slate-700">{editable ? "Record it once you are on site." : "No authorization was recorded."}</p>
        )}
      </section>

      <h2 className="px-1 text-lg font-semibold">2. Devices</h2>
      {job.devices.map((d) => (
        <DeviceSection key={d.id} job={job} d={d} editable={editable && onSite} authorized={!!authorization} area={area} maxBytes={maxBytes} />
      ))}

      <section className="card space-y-3" aria-labelledby="finish" id="finish-section">
        <h2 id="finish" className="text-lg font-semibold">
          3. Finish the visit
        </h2>
        {visit.status === "completed" ? (
          <div className="space-y-2">
            <p className="font-medium text-green-800">Completed {visit.completedAt ? formatDateTime(visit.completedAt, zone) : ""}. This visit is read-only.</p>
            {summary ? (
              <>
                <h3 className="font-semibold">Visit summary (as the customer sees it)</h3>
                <VisitSummaryView summary={summary} zone={zone} />
              </>
            ) : null}
          </div>
        ) : editable && onSite ? (
          <CompletionForm
            key={needReason.map((d) => d.id).join()}
            visitId={visit.id}
            needReason={needReason}
            checklist={job.checklist}
            blockers={job.blockers.filter((b) => !/give a reason/.test(b))}
          />
        ) : (
          <p className="text-slate-700">Available once you are on site.</p>
        )}
      </section>

      {visit.status === "completed" && billing && (billing.balance || isPending(visit)) ? (
        <TakePayment visitId={visit.id} b={billing.balance} locale={job.locale} queued={queued} />
      ) : null}

      {move || job.undo ? (
        <div data-sticky-actions className="fixed inset-x-0 bottom-0 z-20 border-t border-slate-200 bg-white/95 px-3 py-3 shadow-lg backdrop-blur">
          <div className="mx-auto flex max-w-3xl flex-col gap-2">
            {job.undo ? <UndoStatusButton key={`${job.undo.from}-${job.undo.to}`} visitId={visit.id} undo={job.undo} /> : null}
            {move ? (
              <StatusButton
                visitId={visit.id}
                to={move.to}
                label={move.label}
                className="btn-primary w-full text-base"
                focusAfter={move.to === "on_site" ? "authorization" : undefined}
              />
            ) : null}
          </div>
        </div>
      ) : null}
    </div>
  );
}

function fileOf(job: Job, id: string | null): VendorFile {
  if (!id) return null;
  const f = job.vendorFiles[id];
  return f ? { id, filename: f.filename } : { id, filename: "", pending: true };
}

function DeviceSection(props: { job: Job; d: JobDevice; editable: boolean; authorized: boolean; area: "tech" | "admin"; maxBytes: number }) {
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
