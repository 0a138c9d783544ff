import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { requirePagePermission } from "@/app/_ui/guard";
import { DirectWriter } from "@/app/_field/direct-writer";
import { JobView } from "@/app/_field/job-view";
import { DateFormatProvider } from "@/app/_ui/date-format";
import { maxBackupBytes } from "@/lib/backups/store";
import { getFieldJob } from "@/lib/field/sync";
import { listRefusedWrites } from "@/lib/field/writes/refused";
import { formatDateTime } from "@/lib/format/dates";
import { NotFoundError } from "@/lib/platform/errors";
import { FIELD_WRITE_KIND_LABELS } from "@/lib/values/labels";
import { BillingPanel } from "./billing-panel";

export const metadata: Metadata = { title: "Visit" };

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** Admins open any job with the technician's components (lib/ lets admins act on any visit), writing straight to the server. */
export default async function AdminJobPage({ params }: { params: Promise<{ id: string }> }) {
  const actor = await requirePagePermission("visits:dispatch");
  const { id } = await params;
  if (!UUID.test(id)) notFound();
  const job = await getFieldJob(actor, id).catch((err: unknown) => {
    if (err instanceof NotFoundError) notFound();
    throw err;
  });
  const refused = await listRefusedWrites(actor, id);
  const zone = { timeZone: job.timeZone, locale: job.locale };
  return (
    <div className="mx-auto max-w-3xl space-y-3">
      <Link href="/admin/vendor-cases" className="inline-flex min-h-11 items-center">
        ← Vendor cases
      </Link>
      <p className="text-sm text-slate-700">Technician: {job.visit.technicianName ?? "not assigned"}</p>
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
