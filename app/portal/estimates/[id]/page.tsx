import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { orNotFound, requirePagePermission } from "@/app/_ui/guard";
import { EstimateStatusBadge } from "@/app/_ui/billing/badges";
import { LinesTable } from "@/app/_ui/billing/lines-table";
import { getEstimate } from "@/lib/billing/read";
import { formatDate, formatDateTime } from "@/lib/format/dates";
import { getSettings } from "@/lib/settings/company";
import { acceptEstimateAction, declineEstimateAction } from "@/app/portal/billing/actions";
import { AcceptEstimateForm, DeclineEstimateForm } from "./answer-estimate";

export const metadata: Metadata = { title: "Estimate" };

export default async function PortalEstimatePage({ params }: { params: Promise<{ id: string }> }) {
  const actor = await requirePagePermission("billing:read-own");
  const { id } = await params;
  if (!/^[0-9a-f-]{36}$/i.test(id)) notFound();
  const e = await orNotFound(getEstimate(actor, id));
  const s = await getSettings();
  const today = new Intl.DateTimeFormat("en-CA", { timeZone: s.timeZone }).format(new Date());
  const answerable = e.current && e.status === "sent" && (!e.validUntil || e.validUntil >= today);
  return (
    <div className="space-y-4">
      <p>
        <Link href="/portal/billing">← Invoices and estimates</Link>
      </p>
      <div className="flex flex-wrap items-center justify-between gap-2">
        <h1 className="text-2xl font-bold">
          Estimate {e.visitReference}-{e.version}
        </h1>
        <EstimateStatusBadge status={e.status} superseded={!e.current} />
      </div>
      <section className="card space-y-2" aria-label="Estimate">
        <p className="text-sm text-slate-700">
          For visit {e.visitReference}
          {e.validUntil ? ` · valid until ${formatDate(e.validUntil, s)}` : ""} ·{" "}
          <a href={`/api/billing/estimates/${e.id}/pdf`} download>
            Download PDF
          </a>
        </p>
        <LinesTable caption="Estimate lines" {...e} locale={s.locale} taxName={s.taxName} />
        {e.notes ? <p className="whitespace-pre-line text-sm">{e.notes}</p> : null}
      </section>
      {e.acceptedAt ? (
        <p className="card font-medium text-green-800" data-testid="estimate-accepted">
          Accepted by {e.acceptedName}, {formatDateTime(e.acceptedAt, s)}.
        </p>
      ) : null}
      {answerable ? (
        <section className="card space-y-4" aria-labelledby="answer-h">
          <h2 id="answer-h" className="text-lg font-semibold">
            Your answer
          </h2>
          <AcceptEstimateForm estimateId={e.id} revision={e.revision} accept={acceptEstimateAction} />
          <DeclineEstimateForm estimateId={e.id} decline={declineEstimateAction} />
        </section>
      ) : null}
    </div>
  );
}
