import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { orNotFound, requirePagePermission } from "@/app/_ui/guard";
import { EstimateStatusBadge } from "@/app/_ui/billing/badges";
import { toEditorLines } from "@/app/_ui/billing/editor-lines";
import { LinesTable } from "@/app/_ui/billing/lines-table";
import { percentToRate } from "@/lib/billing/money";
import { getEstimate } from "@/lib/billing/read";
import { formatDate, formatDateTime } from "@/lib/format/dates";
import { getSettings } from "@/lib/settings/company";
import { EstimateEditor, SendEstimateButton, StartEstimateButton } from "./estimate-forms";

export const metadata: Metadata = { title: "Estimate" };

export default async function EstimatePage({ params }: { params: Promise<{ id: string }> }) {
  const actor = await requirePagePermission("billing:manage");
  const { id } = await params;
  if (!/^[0-9a-f-]{36}$/i.test(id)) notFound();
  const e = await orNotFound(getEstimate(actor, id));
  const s = await getSettings();
  const open = e.current && (e.status === "draft" || e.status === "sent");
  return (
    <div className="mx-auto max-w-4xl space-y-4">
      <p>
        <Link href={`/admin/visits/${e.visitId}`}>← Visit {e.visitReference}</Link>
      </p>
      <div className="flex flex-wrap items-center justify-between gap-2">
        <h1 className="text-2xl font-bold">
          Estimate {e.visitReference}-{e.version}
        </h1>
        <EstimateStatusBadge status={e.status} superseded={!e.current} />
      </div>
      <section className="card space-y-2" aria-label="Estimate details">
        <p>
          For <Link href={`/admin/customers/${e.customerId}`}>{e.customerName}</Link>
          {e.sentAt ? ` · sent ${formatDateTime(e.sentAt, s)}` : ""}
          {e.validUntil ? ` · valid until ${formatDate(e.validUntil, s)}` : ""}
        </p>
        {e.acceptedAt ? (
          <p className="font-medium text-green-800" data-testid="estimate-accepted">
            Accepted by {e.acceptedName}, {formatDateTime(e.acceptedAt, s)} ({e.acceptedVia === "on_site" ? "on site" : "online"}).
          </p>
        ) : null}
        {e.declinedAt ? <p className="font-medium text-red-800">Declined {formatDateTime(e.declinedAt, s)}.</p> : null}
        <p>
          <a href={`/api/billing/estimates/${e.id}/pdf`} download>
            Download PDF
          </a>
        </p>
      </section>
      <section className="card space-y-3" aria-labelledby="est-lines">
        <h2 id="est-lines" className="text-lg font-semibold">
          Lines
        </h2>
        {open ? (
          <EstimateEditor
            estimateId={e.id}
            lines={toEditorLines(e.lines)}
            notes={e.notes ?? ""}
            currency={e.currency}
            locale={s.locale}
            taxRate={percentToRate(s.taxRatePercent) ?? 0}
          />
        ) : (
          <LinesTable caption="Estimate lines" {...e} locale={s.locale} taxName={s.taxName} />
        )}
        <div className="flex flex-wrap gap-3 border-t border-slate-200 pt-3">
          {e.current && e.status === "draft" ? <SendEstimateButton estimateId={e.id} /> : null}
          {e.current && e.status !== "draft" ? <StartEstimateButton visitId={e.visitId} label="Make a new version" /> : null}
        </div>
        {e.status === "sent" ? (
          <p className="text-sm text-slate-700">Edits to a sent estimate are shown to the customer, who must read it again before accepting.</p>
        ) : null}
      </section>
    </div>
  );
}
