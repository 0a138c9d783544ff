import type { Metadata } from "next";
import Link from "next/link";
import { requirePagePermission } from "@/app/_ui/guard";
import { formatMoney } from "@/lib/billing/money";
import { revenueFilterSchema, revenueReport } from "@/lib/billing/revenue";
import { zodFieldErrors } from "@/lib/platform/errors";
import { getSettings } from "@/lib/settings/company";
import { BRAND_LABELS, labelOf } from "@/lib/values/labels";
import { RevenueByMonthChart, RevenueByTechnicianChart } from "./revenue-charts";

export const metadata: Metadata = { title: "Revenue" };

export default async function RevenuePage({ searchParams }: { searchParams: Promise<Record<string, string | undefined>> }) {
  const actor = await requirePagePermission("reports:read");
  const sp = await searchParams;
  const parsed = revenueFilterSchema.safeParse({ from: sp.from || undefined, to: sp.to || undefined });
  const errors = parsed.success ? {} : zodFieldErrors(parsed.error);
  const [s, r] = await Promise.all([getSettings(), revenueReport(actor, parsed.success ? parsed.data : {})]);
  const m = (c: number) => formatMoney(c, r.currency, s.locale);
  const whole = (c: number) => Math.round(c / 100);
  return (
    <div className="space-y-6">
      <div className="flex flex-wrap items-baseline justify-between gap-2">
        <h1 className="text-2xl font-bold">Revenue</h1>
        <Link href="/admin/reports">← Reports</Link>
      </div>
      <form method="get" className="card flex flex-wrap items-end gap-3" aria-label="Revenue months">
        <div>
          <label htmlFor="rv-from" className="label">
            From (month)
          </label>
          <input id="rv-from" name="from" type="month" defaultValue={r.from} className="input" aria-describedby="rv-from-error" />
          <p id="rv-from-error" className="field-error">
            {errors.from?.[0] ?? ""}
          </p>
        </div>
        <div>
          <label htmlFor="rv-to" className="label">
            To (month)
          </label>
          <input id="rv-to" name="to" type="month" defaultValue={r.to} className="input" aria-describedby="rv-to-error" />
          <p id="rv-to-error" className="field-error">
            {errors.to?.[0] ?? ""}
          </p>
        </div>
        <button type="submit" className="btn-primary mb-6">
          Show
        </button>
      </form>
      {!parsed.success ? (
        <p role="alert" className="card border-red-300 text-red-800">
          Some months are not valid; showing the last 12 months instead.
        </p>
      ) : null}
      <p data-testid="revenue-totals">
        <strong>{m(r.totalCents)}</strong> before tax, less credits, from {r.from} to {r.to}: {r.invoicedVisits} invoiced visit
        {r.invoicedVisits === 1 ? "" : "s"}, <strong>{m(r.averagePerVisitCents)}</strong> on average per visit.
      </p>
      <section className="card space-y-3" aria-labelledby="rv-month">
        <h2 id="rv-month" className="text-lg font-semibold">
          By month
        </h2>
        <RevenueByMonthChart
          currency={r.currency}
          data={r.byMonth.map((x) => ({ month: x.month, net: whole(x.netCents), credited: whole(x.creditedCents) }))}
        />
        <table className="w-full text-sm">
          <caption className="sr-only">Revenue by month</caption>
          <thead>
            <tr className="border-b border-slate-300 text-left">
              <th scope="col" className="py-1">
                Month
              </th>
              <th scope="col" className="py-1 text-right">
                Invoices
              </th>
              <th scope="col" className="py-1 text-right">
                Invoiced
              </th>
              <th scope="col" className="py-1 text-right">
                Credited
              </th>
              <th scope="col" className="py-1 text-right">
                Revenue
              </th>
            </tr>
          </thead>
          <tbody>
            {r.byMonth.map((x) => (
              <tr key={x.month} className="border-b border-slate-100">
                <td className="py-1">{x.month}</td>
                <td className="py-1 text-right">{x.invoices}</td>
                <td className="py-1 text-right">{m(x.invoicedCents)}</td>
                <td className="py-1 text-right">{m(x.creditedCents)}</td>
                <td className="py-1 text-right">{m(x.netCents)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </section>
      <section className="card space-y-3" aria-labelledby="rv-brand">
        <h2 id="rv-brand" className="text-lg font-semibold">
          What recovered devices earned, by brand and method
        </h2>
        <table className="w-full text-sm">
          <caption className="sr-only">Revenue by brand and recovery method</caption>
          <thead>
            <tr className="border-b border-slate-300 text-left">
              <th scope="col" className="py-1">
                Brand
              </th>
              <th scope="col" className="py-1">
                Method
              </th>
              <th scope="col" className="py-1 text-right">
                Devices
              </th>
              <th scope="col" className="py-1 text-right">
                Revenue
              </th>
            </tr>
          </thead>
          <tbody>
            {r.byBrandMethod.map((x) => (
              <tr key={`${x.brand}:${x.methodId}`} className="border-b border-slate-100">
                <td className="py-1">{labelOf(BRAND_LABELS, x.brand)}</td>
                <td className="py-1">{x.methodName ?? "No successful method logged"}</td>
                <td className="py-1 text-right">{x.devices}</td>
                <td className="py-1 text-right">{m(x.netCents)}</td>
              </tr>
            ))}
          </tbody>
        </table>
        {r.byBrandMethod.length === 0 ? <p className="text-sm text-slate-700">No charged devices in these months.</p> : null}
      </section>
      <section className="card space-y-3" aria-labelledby="rv-tech">
        <h2 id="rv-tech" className="text-lg font-semibold">
          By technician
        </h2>
        <RevenueByTechnicianChart currency={r.currency} data={r.byTechnician.map((t) => ({ name: t.technicianName, net: whole(t.netCents) }))} />
        <table className="w-full text-sm">
          <caption className="sr-only">Revenue by technician</caption>
          <thead>
            <tr className="border-b border-slate-300 text-left">
              <th scope="col" className="py-1">
                Technician
              </th>
              <th scope="col" className="py-1 text-right">
                Visits
              </th>
              <th scope="col" className="py-1 text-right">
                Revenue
              </th>
              <th scope="col" className="py-1 text-right">
                Average per visit
              </th>
            </tr>
          </thead>
          <tbody>
            {r.byTechnician.map((t) => (
              <tr key={t.technicianId ?? "none"} className="border-b border-slate-100">
                <td className="py-1">{t.technicianName}</td>
                <td className="py-1 text-right">{t.visits}</td>
                <td className="py-1 text-right">{m(t.netCents)}</td>
                <td className="py-1 text-right">{m(t.averageCents)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </section>
    </div>
  );
}
