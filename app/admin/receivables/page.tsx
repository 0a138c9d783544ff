import type { Metadata } from "next";
import Link from "next/link";
import { requirePagePermission } from "@/app/_ui/guard";
import { EmptyState } from "@/app/_ui/empty-state";
import { InvoiceStatusBadge } from "@/app/_ui/billing/badges";
import { formatMoney } from "@/lib/billing/money";
import { RECEIVABLE_STATUSES, receivables, receivablesFilterSchema } from "@/lib/billing/receivables";
import { formatDate } from "@/lib/format/dates";
import { zodFieldErrors } from "@/lib/platform/errors";
import { getSettings } from "@/lib/settings/company";
import { AGE_BUCKETS } from "@/lib/values";
import { AGE_BUCKET_LABELS } from "@/lib/values/labels";
import { ScrollRegion } from "@/app/_ui/scroll-region";

export const metadata: Metadata = { title: "Receivables" };

const STATUS_LABELS = { open: "Still owed", overdue: "Overdue", paid: "Paid", all: "All issued" } as const;

export default async function ReceivablesPage({ searchParams }: { searchParams: Promise<Record<string, string | undefined>> }) {
  const actor = await requirePagePermission("billing:manage");
  const sp = await searchParams;
  const parsed = receivablesFilterSchema.safeParse({ status: sp.status || undefined, bucket: sp.bucket || undefined, q: sp.q || undefined });
  const errors = parsed.success ? {} : zodFieldErrors(parsed.error);
  const filter = parsed.success ? parsed.data : { status: "open" as const, q: "" };
  const [s, r] = await Promise.all([getSettings(), receivables(actor, filter)]);
  const m = (c: number) => formatMoney(c, r.currency, s.locale);
  const q = new URLSearchParams(
    Object.entries({ status: filter.status, bucket: "bucket" in filter ? filter.bucket : undefined, q: filter.q }).filter(([, v]) => v) as [string, string][],
  );
  return (
    <div className="space-y-4">
      <div className="flex flex-wrap items-baseline justify-between gap-2">
        <h1 className="text-2xl font-bold">Receivables</h1>
        <a href={`/admin/receivables/export?${q}`} download className="btn-secondary">
          Download CSV
        </a>
      </div>
      <section aria-label="Owed by age" className="grid gap-2 sm:grid-cols-3 lg:grid-cols-6">
        {AGE_BUCKETS.map((b) => (
          <Link key={b} href={`/admin/receivables?status=open&bucket=${b}`} className="card no-underline" data-testid={`bucket-${b}`}>
            <span className="block text-sm text-slate-700">{AGE_BUCKET_LABELS[b]}</span>
            <span className="block text-lg font-semibold text-slate-900">{m(r.buckets[b].owedCents)}</span>
            <span className="block text-xs text-slate-600">
              {r.buckets[b].count} invoice{r.buckets[b].count === 1 ? "" : "s"}
            </span>
          </Link>
        ))}
        <div className="card" data-testid="owed-total">
          <span className="block text-sm text-slate-700">Total owed</span>
          <span className="block text-lg font-semibold">{m(r.totalOwedCents)}</span>
        </div>
      </section>
      <form method="get" className="card grid gap-3 sm:grid-cols-4" aria-label="Filter receivables">
        <div>
          <label htmlFor="r-status" className="label">
            Show
          </label>
          <select id="r-status" name="status" defaultValue={filter.status} className="input">
            {RECEIVABLE_STATUSES.map((st) => (
              <option key={st} value={st}>
                {STATUS_LABELS[st]}
              </option>
            ))}
          </select>
        </div>
        <div>
          <label htmlFor="r-bucket" className="label">
            Age
          </label>
          <select
            id="r-bucket"
            name="bucket"
            defaultValue={"bucket" in filter ? (filter.bucket ?? "") : ""}
            className="input"
            aria-describedby="r-bucket-error"
          >
            <option value="">Any age</option>
            {AGE_BUCKETS.map((b) => (
              <option key={b} value={b}>
                {AGE_BUCKET_LABELS[b]}
              </option>
            ))}
          </select>
          <p id="r-bucket-error" className="field-error">
            {errors.bucket?.[0] ?? errors.status?.[0] ?? ""}
          </p>
        </div>
        <div>
          <label htmlFor="r-q" className="label">
            Customer or invoice
          </label>
          <input id="r-q" name="q" defaultValue={filter.q} className="input" aria-describedby="r-q-error" />
          <p id="r-q-error" className="field-error">
            {errors.q?.[0] ?? ""}
          </p>
        </div>
        <button type="submit" className="btn-primary self-center">
          Apply
        </button>
      </form>
      <ScrollRegion label="Invoices by due date" className="card">
        <table className="w-full text-sm">
          <caption className="sr-only">Invoices by due date</caption>
          <thead>
            <tr className="border-b border-slate-300 text-left">
              <th scope="col" className="py-2 pr-2">
                Invoice
              </th>
              <th scope="col" className="py-2 pr-2">
                Customer
              </th>
              <th scope="col" className="py-2 pr-2">
                Status
              </th>
              <th scope="col" className="py-2 pr-2">
                Due
              </th>
              <th scope="col" className="py-2 pr-2">
                Age
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
            {r.rows.map((i) => (
              <tr key={i.id} className="border-b border-slate-100" data-testid="receivable-row">
                <td className="py-2 pr-2">
                  <Link href={`/admin/invoices/${i.id}`}>{i.number}</Link>
                </td>
                <td className="py-2 pr-2">
                  <Link href={`/admin/customers/${i.customerId}`}>{i.customerName}</Link>
                </td>
                <td className="py-2 pr-2">
                  <InvoiceStatusBadge status={i.status} overdue={i.daysOverdue > 0 && i.status !== "paid"} />
                </td>
                <td className="py-2 pr-2">{formatDate(i.dueOn, s)}</td>
                <td className="py-2 pr-2">{i.status === "paid" ? "—" : AGE_BUCKET_LABELS[i.bucket]}</td>
                <td className="py-2 pr-2 text-right">{m(i.totalCents)}</td>
                <td className="py-2 text-right">{m(i.balanceCents)}</td>
              </tr>
            ))}
          </tbody>
        </table>
        {r.rows.length === 0 ? (
          <EmptyState title="No invoice matches these filters." compact action={<Link href="/admin/receivables">Show every open invoice</Link>}>
            Issued invoices appear here until they are paid.
          </EmptyState>
        ) : null}
        {r.truncated ? <p className="py-2 text-sm text-slate-700">Showing the first 500; narrow the filters or download the CSV for all.</p> : null}
      </ScrollRegion>
    </div>
  );
}
