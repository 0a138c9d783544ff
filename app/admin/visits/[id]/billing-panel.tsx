import Link from "next/link";
import { EstimateStatusBadge, InvoiceStatusBadge } from "@/app/_ui/billing/badges";
import { ActionButton } from "@/app/_ui/action-button";
import type { Actor } from "@/lib/auth/permissions";
import { currentEstimate } from "@/lib/billing/estimates";
import { formatMoney } from "@/lib/billing/money";
import { listInvoices } from "@/lib/billing/read";
import type { VisitStatus } from "@/lib/values";
import { StartEstimateButton } from "@/app/admin/estimates/[id]/estimate-forms";
import { createInvoiceAction } from "@/app/admin/invoices/actions";

/** The visit's estimate and invoice, for the office: open, start, or make them. */
export async function BillingPanel({ actor, visitId, status, locale }: { actor: Actor; visitId: string; status: VisitStatus; locale: string }) {
  const [estimate, invoices] = await Promise.all([currentEstimate(actor, visitId), listInvoices(actor, { visitId }, { limit: 10 })]);
  const live = invoices.data.find((i) => i.status !== "void");
  return (
    <section className="card space-y-3" aria-labelledby="billing-h">
      <h2 id="billing-h" className="text-lg font-semibold">
        Billing
      </h2>
      <div className="flex flex-wrap items-center justify-between gap-2">
        <p>
          Estimate:{" "}
          {estimate ? (
            <>
              <Link href={`/admin/estimates/${estimate.id}`}>version {estimate.version}</Link> · {formatMoney(estimate.totalCents, estimate.currency, locale)}{" "}
              <EstimateStatusBadge status={estimate.status} />
            </>
          ) : (
            "none"
          )}
        </p>
        {!estimate && status !== "cancelled" && status !== "no_show" ? <StartEstimateButton visitId={visitId} label="Prepare an estimate" /> : null}
      </div>
      <div className="flex flex-wrap items-center justify-between gap-2">
        <p>
          Invoice:{" "}
          {live ? (
            <>
              <Link href={`/admin/invoices/${live.id}`}>{live.number ?? "draft"}</Link> · {formatMoney(live.totalCents, live.currency, locale)}{" "}
              <InvoiceStatusBadge status={live.status} overdue={live.overdue} />
            </>
          ) : status === "completed" ? (
            "none (voided)"
          ) : (
            "made when the visit is completed"
          )}
        </p>
        {!live && status === "completed" ? <ActionButton action={createInvoiceAction.bind(null, { visitId })} label="Make the draft invoice" /> : null}
      </div>
    </section>
  );
}
