import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { DateTime } from "luxon";
import { requirePagePermission } from "@/app/_ui/guard";
import { DirectWriter } from "@/app/_field/direct-writer";
import { JobView } from "@/app/_field/job-view";
import { DateFormatProvider } from "@/app/_ui/date-format";
import { MoveDialog } from "@/app/admin/dispatch/move-dialog";
import { listTechnicianChoices } from "@/lib/availability/technicians";
import { maxBackupBytes } from "@/lib/backups/store";
import { getFieldJob } from "@/lib/field/sync";
import { listRefusedWrites } from "@/lib/field/writes/refused";
import { formatDateTime, formatTimeRange, formatWeekdayDate } from "@/lib/format/dates";
import { NotFoundError } from "@/lib/platform/errors";
import { getSettings } from "@/lib/settings/company";
import { deviceLabel, FIELD_WRITE_KIND_LABELS } from "@/lib/values/labels";
import { getVisit } from "@/lib/visits/read";
import { BillingPanel } from "./billing-panel";

export const metadata: Metadata = { title: "Visit" };

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/**
 * The office's page of one visit: where it sits (customer, technician, the
 * board on its day, its devices), Move / reassign while nobody has started,
 * and the job itself with the technician's components (lib/ lets admins act
 * on any visit), writing straight to the server.
 */
export default async function AdminVisitPage({ params }: { params: Promise<{ id: string }> }) {
  const actor = await requirePagePermission("visits:dispatch");
  const { id } = await params;
  if (!UUID.test(id)) notFound();
  const job = await getFieldJob(actor, id).catch((err: unknown) => {
    if (err instanceof NotFoundError) notFound();
    throw err;
  });
  const [visit, s, technicians, refused] = await Promise.all([getVisit(actor, id), getSettings(), listTechnicianChoices(actor), listRefusedWrites(actor, id)]);
  const zone = { timeZone: job.timeZone, locale: job.locale };
  const start = DateTime.fromJSDate(visit.startsAt, { zone: s.timeZone });
  const day = start.toISODate()!;
  const movable = visit.status === "requested" || visit.status === "scheduled";
  return (
    <div className="mx-auto max-w-3xl space-y-3">
      <nav aria-label="Breadcrumb" className="text-sm">
        <ol className="flex flex-wrap items-center gap-1">
          <li>
            <Link href="/admin/visits" className="inline-flex min-h-11 items-center">
              Visits
            </Link>
          </li>
          <li aria-hidden className="text-slate-500">
            /
          </li>
          <li aria-current="page" className="font-mono">
            {visit.reference}
          </li>
        </ol>
      </nav>
      <section className="card space-y-3" aria-labelledby="office-title" data-testid="visit-office">
        <h2 id="office-title" className="sr-only">
          For the office
        </h2>
        <dl className="grid gap-x-6 gap-y-2 text-sm sm:grid-cols-2">
          <div>
            <dt className="font-medium text-slate-600">Customer</dt>
            <dd>
              <Link href={`/admin/customers/${visit.customerId}`}>{visit.customerName}</Link>
            </dd>
          </div>
          <div>
            <dt className="font-medium text-slate-600">Technician</dt>
            <dd>{visit.technicianId ? <Link href={`/admin/technicians/${visit.technicianId}`}>{visit.technicianName}</Link> : "Not assigned yet"}</dd>
          </div>
          <div>
            <dt className="font-medium text-slate-600">When</dt>
            <dd>
              {formatWeekdayDate(visit.startsAt, s)}, {formatTimeRange(visit.startsAt, visit.endsAt, s)} ·{" "}
              <Link href={`/admin/dispatch?view=day&date=${day}`} className="underline">
                Dispatch board for that day
              </Link>
            </dd>
          </div>
          <div>
            <dt className="font-medium text-slate-600">Devices</dt>
            <dd>
              <ul>
                {visit.devices.map((d) => (
                  <li key={d.deviceId}>
                    <Link href={`/admin/devices/${d.deviceId}`}>{deviceLabel(d)}</Link>
                  </li>
                ))}
              </ul>
            </dd>
          </div>
        </dl>
        {movable ? (
          <MoveDialog
            visit={{
              id: visit.id,
              reference: visit.reference,
              customerName: visit.customerName,
              technicianId: visit.technicianId,
              date: day,
              time: start.toFormat("HH:mm"),
              timeLabel: formatTimeRange(visit.startsAt, visit.endsAt, s),
              dayLabel: formatWeekdayDate(visit.startsAt, s),
            }}
            technicians={technicians.filter((t) => !t.disabled)}
          />
        ) : null}
      </section>
      {refused.length ? (
        <section className="card space-y-2 border-amber-400" aria-labelledby="refused-writes">
          <h2 id="refused-writes" className="font-semibold">
            Refused after sync ({refused.length})
          </h2>
          <p className="text-sm text-slate-700">
            Work saved on a phone that the server refused when it arrived. The technician sees it under “Needs attention”.
          </p>
          <ul className="space-y-1 text-sm" data-testid="refused-writes">
            {refused.map((w) => (
              <li key={w.id}>
                <span className="font-medium">{FIELD_WRITE_KIND_LABELS[w.kind] ?? w.kind}</span> by {w.by}, made {formatDateTime(w.madeAt, zone)}, refused{" "}
                {formatDateTime(w.receivedAt, zone)}: {w.detail}
              </li>
            ))}
          </ul>
        </section>
      ) : null}
      <BillingPanel actor={actor} visitId={job.visit.id} status={job.visit.status} locale={job.locale} />
      <DateFormatProvider timeZone={job.timeZone} locale={job.locale}>
        <DirectWriter visitId={job.visit.id}>
          <JobView job={job} area="admin" maxBytes={maxBackupBytes()} />
        </DirectWriter>
      </DateFormatProvider>
    </div>
  );
}
