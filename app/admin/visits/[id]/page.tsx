import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { requirePagePermission } from "@/app/_ui/guard";
import { JobView } from "@/app/_field/job-view";
import { loadJobOr404 } from "@/app/_field/load-job";
import { maxBackupBytes } from "@/lib/backups/store";
import { BillingPanel } from "./billing-panel";

export const metadata: Metadata = { title: "Visit" };

/** Admins open any job with the technician's components (lib/ lets admins act on any visit). */
export default async function AdminJobPage({ params }: { params: Promise<{ id: string }> }) {
  const actor = await requirePagePermission("visits:dispatch");
  const { id } = await params;
  const found = await loadJobOr404(actor, id);
  if (!found) notFound();
  const { job, summary } = found;
  return (
    <div className="mx-auto max-w-3xl space-y-3">
      <Link href="/admin/vendor-cases" className="inline-flex min-h-11 items-center">
        ← Vendor cases
      </Link>
      <p className="text-sm text-slate-700">Technician: {job.visit.technicianName ?? "not assigned"}</p>
      <BillingPanel actor={actor} visitId={job.visit.id} status={job.visit.status} locale={job.locale} />
      <JobView job={job} summary={summary} area="admin" maxBytes={maxBackupBytes()} />
    </div>
  );
}
