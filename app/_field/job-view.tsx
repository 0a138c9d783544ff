"use client";
import { CheckCircle2, MapPin, Phone } from "lucide-react";
import { RELATIONSHIP_LABELS } from "@/lib/values/labels";
import type { FieldJob } from "@/lib/field/sync";
import { nextMove } from "@/lib/field/moves";
import { acceptsReason } from "@/lib/field/resolution";
import { EstimateOnSite, TakePayment } from "./billing-cards";
import { AuthorizationForm } from "./authorization-form";
import { CompletionForm } from "./completion-form";
import { StatusBadge } from "@/app/_ui/status-badge";
import { formatDateTime, formatTimeRange, formatWeekdayDate } from "@/lib/format/dates";
import { fullAddress, mapsUrl } from "./format";
import { StatusButton, UndoStatusButton } from "./status-button";
import { VisitSummaryView } from "./visit-summary";
import { isPending, PendingMark } from "./pending-mark";
import { useFieldWriter } from "./write-context";
import { DeviceSection } from "./device-section";

type Job = FieldJob;

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
