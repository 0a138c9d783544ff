import type { Metadata } from "next";
import Link from "next/link";
import { requirePagePermission } from "@/app/_ui/guard";
import { EmptyState } from "@/app/_ui/empty-state";
import { Pager } from "@/app/_ui/pager";
import { formatMoney } from "@/lib/billing/money";
import { listInvoices } from "@/lib/billing/read";
import { formatDate } from "@/lib/format/dates";
import { pageQuerySchema } from "@/lib/platform/pagination";
import { getSettings } from "@/lib/settings/company";
import { INVOICE_STATUSES, type InvoiceStatus } from "@/lib/values";
import { INVOICE_STATUS_LABELS } from "@/lib/values/labels";
import { InvoiceStatusBadge } from "@/app/_ui/billing/badges";
import { ScrollRegion } from "@/app/_ui/scroll-region";

export const metadata: Metadata = { title: "Invoices" };

export default async function InvoicesPage({ searchParams }: { searchParams: Promise<Record<string, string | undefined>> }) {
  const actor = await requirePagePermission("billing:manage");
  const sp = await searchParams;
  const status = INVOICE_STATUSES.includes(sp.status as InvoiceStatus) ? (sp.status as InvoiceStatus) : undefined;
  const page = pageQuerySchema.safeParse({ limit: 50, cursor: sp.cursor });
  const [s, list] = await Promise.all([
    getSettings(),
    listInvoices(actor, { status }, page.success ? page.data : { limit: 50 }).catch(() => listInvoices(actor, { status }, { limit: 50 })),
  ]);
  const m = (c: number, cur: string) => formatMoney(c, cur, s.locale);
  return (
    <div className="space-y-4">
      <div className="flex flex-wrap items-baseline justify-between gap-2">
        <h1 className="text-2xl font-bold">Invoices</h1>
        <p className="flex gap-3 text-sm">
          <Link href="/admin/receivables">Receivables</Link>
          <Link href="/admin/prices">Price list</Link>
        </p>
      </div>
      <nav aria-label="Invoice status" className="flex flex-wrap gap-2 text-sm">
        <Link
          href="/admin/invoices"
          aria-current={!status ? "page" : undefined}
          className="rounded-md px-2 py-1 aria-[current=page]:bg-brand-50 aria-[current=page]:font-semibold"
        >
          All
        </Link>
        {INVOICE_STATUSES.map((st) => (
          <Link
            key={st}
            href={`/admin/invoices?status=${st}`}
            aria-current={status === st ? "page" : undefined}
            className="rounded-md px-2 py-1 aria-[current=page]:bg-brand-50 aria-[current=page]:font-semibold"
          >
            {INVOICE_STATUS_LABELS[st]}
          </Link>
        ))}
      </nav>
      <ScrollRegion label="Invoices" className="card">
        <table className="w-full text-sm">
          <caption className="sr-only">Invoices, newest last</caption>
          <thead>
            <tr className="border-b border-slate-300 text-left">
              <th scope="col" className="py-2 pr-2">
                Invoice
              </th>
              <th scope="col" className="py-2 pr-2">
                Customer
              </th>
              <th scope="col" className="py-2 pr-2">
                Visit
              </th>
              <th scope="col" className="py-2 pr-2">
                Status
              </th>
              <th scope="col" className="py-2 pr-2">
                Due
              </th>
              <th scope="col" className="py-2 pr-2 text-right">
                Total
              </th>
              <th scope="col" className="py-2 text-right">
                Balance
              </th>
            </tr>
          </thead>
          <tbody>
            {list.data.map((i) => (
              <tr key={i.id} className="border-b border-slate-100" data-testid="invoice-row">
                <td className="py-2 pr-2">
                  <Link href={`/admin/invoices/${i.id}`}>{i.number ?? `Draft (${i.visitReference})`}</Link>
                </td>
                <td className="py-2 pr-2">{i.customerName}</td>
                <td className="py-2 pr-2">{i.visitReference}</td>
                <td className="py-2 pr-2">
                  <InvoiceStatusBadge status={i.status} overdue={i.overdue} />
                </td>
                <td className="py-2 pr-2">{i.dueOn ? formatDate(i.dueOn, s) : "—"}</td>
                <td className="py-2 pr-2 text-right">{m(i.totalCents, i.currency)}</td>
                <td className="py-2 text-right">{m(i.balanceCents, i.currency)}</td>
              </tr>
            ))}
          </tbody>
        </table>
        {list.data.length === 0 ? (
          <EmptyState title="No invoices here yet." compact action={<Link href="/admin/visits?status=completed">Completed visits</Link>}>
            Completing a visit makes its draft invoice; open the visit to issue it.
          </EmptyState>
        ) : null}
      </ScrollRegion>
      <Pager path="/admin/invoices" params={{ status }} prevCursor={list.prevCursor} nextCursor={list.nextCursor} label="Invoice pages" />
    </div>
  );
}
