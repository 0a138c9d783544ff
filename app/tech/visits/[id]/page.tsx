import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { requirePagePermission } from "@/app/_ui/guard";
import { JobView } from "@/app/_field/job-view";
import { loadJobOr404 } from "@/app/_field/load-job";
import { maxBackupBytes } from "@/lib/backups/store";
import { currentEstimate } from "@/lib/billing/estimates";
import { onSiteBalance } from "@/lib/billing/payments";

export const metadata: Metadata = { title: "Job" };

export default async function TechJobPage({ params }: { params: Promise<{ id: string }> }) {
  const actor = await requirePagePermission("area:tech");
  const { id } = await params;
  const found = await loadJobOr404(actor, id);
  if (!found) notFound();
  const { job, summary } = found;
  const [estimate, balance] = await Promise.all([currentEstimate(actor, id), job.visit.status === "completed" ? onSiteBalance(actor, id) : null]);
  return (
    <div className="space-y-3">
      <Link href="/tech" className="inline-flex min-h-11 items-center">
        ← My day
      </Link>
      <JobView job={job} summary={summary} area="tech" maxBytes={maxBackupBytes()} billing={{ estimate, balance }} />
    </div>
  );
}
