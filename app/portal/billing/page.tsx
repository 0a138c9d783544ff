import type { Metadata } from "next";
import Link from "next/link";
import { requirePagePermission } from "@/app/_ui/guard";
import { EmptyState } from "@/app/_ui/empty-state";
import { EstimateStatusBadge, InvoiceStatusBadge } from "@/app/_ui/billing/badges";
import { formatMoney } from "@/lib/billing/money";
import { myBilling } from "@/lib/billing/read";
import { formatDate } from "@/lib/format/dates";
import { getSettings } from "@/lib/settings/company";

export const metadata: Metadata = { title: "Invoices and estimates" };

export default async function PortalBillingPage() {
  const actor = await requirePagePermission("billing:read-own");
  const [s, b] = await Promise.all([getSettings(), myBilling(actor)]);
  const m = (c: number, cur: string = b.balance.currency) => formatMoney(c, cur, s.locale);
  return (
    <div className="space-y-4">
      <h1 className="text-2xl font-bold">Invoices and estimates</h1>
      <section className="card" aria-labelledby="balance-h">
        <h2 id="balance-h" className="text-lg font-semibold">
          Your balance
        </h2>
        <p className="mt-1 text-xl font-semibold" data-testid="my-balance">
          {m(b.balance.owedCents)}
        </p>
        <p className="text-sm text-slate-700" data-testid="balance-note">
          {b.balance.owedCents
            ? `${b.balance.openInvoices} open invoice${b.balance.openInvoices === 1 ? "" : "s"}${b.balance.overdueCents ? `, ${m(b.balance.overdueCents)} overdue` : ""}. To pay, call us on ${s.companyPhone}.`
            : "Nothing is owed. Thank you."}
        </p>
      </section>
      <section className="card" aria-labelledby="estimates-h">
        <h2 id="estimates-h" className="mb-2 text-lg font-semibold">
          Estimates
        </h2>
        {b.estimates.length ? (
          <ul className="divide-y divide-slate-200">
            {b.estimates.map((e) => (
              <li key={e.id} className="flex flex-wrap items-center justify-between gap-2 py-3" data-testid={`estimate-${e.visitReference}`}>
                <Link href={`/portal/estimates/${e.id}`} className="font-semibold">
                  Estimate {e.visitReference}-{e.version} · {m(e.totalCents, e.currency)}
                </Link>
                <EstimateStatusBadge status={e.status} />
              </li>
            ))}
          </ul>
        ) : (
          <EmptyState title="No estimates." compact>
            When a visit needs work priced first, its estimate appears here for you to accept or decline.
          </EmptyState>
        )}
      </section>
      <section className="card" aria-labelledby="invoices-h">
        <h2 id="invoices-h" className="mb-2 text-lg font-semibold">
          Invoices
        </h2>
        {b.invoices.length ? (
          <ul className="divide-y divide-slate-200">
            {b.invoices.map((i) => (
              <li key={i.id} className="space-y-1 py-3" data-testid={`invoice-${i.number}`}>
                <div className="flex flex-wrap items-center justify-between gap-2">
                  <span className="font-semibold">
                    Invoice {i.number} · {m(i.totalCents, i.currency)}
                  </span>
                  <InvoiceStatusBadge status={i.status} overdue={i.overdue} />
                </div>
                <p className="text-sm text-slate-700">
                  Visit {i.visitReference}
                  {i.dueOn ? ` · due ${formatDate(i.dueOn, s)}` : ""} · balance {m(i.balanceCents, i.currency)} ·{" "}
                  <a href={`/api/billing/invoices/${i.id}/pdf`} download>
                    Download PDF<span className="sr-only"> of invoice {i.number}</span>
                  </a>
                </p>
              </li>
            ))}
          </ul>
        ) : (
          <EmptyState title="No invoices yet." compact>
            After a visit, its invoice appears here with what is due.
          </EmptyState>
        )}
      </section>
    </div>
  );
}
