import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { DateTime } from "luxon";
import { requirePagePermission } from "@/app/_ui/guard";
import { JobView } from "@/app/_field/job-view";
import { loadJobOr404 } from "@/app/_field/load-job";
import { MoveDialog } from "@/app/admin/dispatch/move-dialog";
import { listTechnicianChoices } from "@/lib/availability/technicians";
import { maxBackupBytes } from "@/lib/backups/store";
import { formatTimeRange, formatWeekdayDate } from "@/lib/format/dates";
import { getSettings } from "@/lib/settings/company";
import { deviceLabel } from "@/lib/values/labels";
import { getVisit } from "@/lib/visits/read";
import { BillingPanel } from "./billing-panel";

export const metadata: Metadata = { title: "Visit" };

/**
 * The office's page of one visit: where it sits (customer, technician, the
 * board on its day, its devices), Move / reassign while nobody has started,
 * and the job itself with the technician's components (lib/ lets admins act
 * on any visit).
 */
export default async function AdminVisitPage({ params }: { params: Promise<{ id: string }> }) {
  const actor = await requirePagePermission("visits:dispatch");
  const { id } = await params;
  const found = await loadJobOr404(actor, id);
  if (!found) notFound();
  const { job, summary } = found;
  const [visit, s, technicians] = await Promise.all([getVisit(actor, id), getSettings(), listTechnicianChoices(actor)]);
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
      <BillingPanel actor={actor} visitId={job.visit.id} status={job.visit.status} locale={job.locale} />
      <JobView job={job} summary={summary} area="admin" maxBytes={maxBackupBytes()} />
    </div>
  );
}
