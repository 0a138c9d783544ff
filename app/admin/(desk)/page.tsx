import type { Metadata } from "next";
import Link from "next/link";
import { AlertTriangle, CalendarClock, HardDriveDownload, Inbox, MailWarning, TrendingUp } from "lucide-react";
import { EmptyState } from "@/app/_ui/empty-state";
import { requirePagePermission } from "@/app/_ui/guard";
import { ScrollRegion } from "@/app/_ui/scroll-region";
import { StatusDot } from "@/app/_ui/status-badge";
import { getOverview, type Counted, type WeekRate } from "@/lib/dispatch/overview";
import { formatDate, formatDayLabel } from "@/lib/format/dates";
import { getSettings } from "@/lib/settings/company";
import { peopleCounts } from "@/lib/users/manage";
import { VISIT_STATUS_LABELS } from "@/lib/values/labels";
import { SuccessChart } from "./success-chart";

export const metadata: Metadata = { title: "Overview" };

const pct = (r: number | null) => (r === null ? "–" : `${Math.round(r * 100)}%`);

/** A number that opens its list; `alert` when a non-zero count needs someone's attention. */
function Tile({ title, count, icon, alert, children }: { title: string; count: Counted; icon: React.ReactNode; alert?: boolean; children?: React.ReactNode }) {
  const hot = alert && count.n > 0;
  return (
    <Link
      href={count.href}
      data-testid={`tile-${title}`}
      className={`card block text-slate-900 no-underline transition-colors hover:border-brand-600 hover:no-underline focus-visible:border-brand-600 ${hot ? "border-amber-400 bg-amber-50" : ""}`}
    >
      <span className="flex items-center gap-2 text-sm font-medium text-slate-700">
        {icon}
        {title}
      </span>
      <span className="mt-1 block text-3xl font-bold" data-testid="tile-count">
        {count.n}
      </span>
      {children ? <span className="mt-1 block text-sm text-slate-700">{children}</span> : null}
    </Link>
  );
}

function Rate({ label, w }: { label: string; w: WeekRate }) {
  return (
    <div>
      <dt className="text-sm text-slate-700">{label}</dt>
      <dd>
        <Link href={w.href} className="text-2xl font-bold" data-testid={`rate-${label}`}>
          {pct(w.rate)}
        </Link>
        <span className="block text-xs text-slate-600">
          {w.succeeded} of {w.final} attempts with a result
        </span>
      </dd>
    </div>
  );
}

export default async function AdminHome() {
  const actor = await requirePagePermission("visits:dispatch");
  const [o, s, people] = await Promise.all([getOverview(actor), getSettings(), peopleCounts(actor)]);
  const t = o.todayVisits;
  const { thisWeek, lastWeek } = o.success;
  const delta = thisWeek.rate !== null && lastWeek.rate !== null ? Math.round((thisWeek.rate - lastWeek.rate) * 100) : null;
  return (
    <div className="space-y-6">
      <div className="flex flex-wrap items-baseline justify-between gap-x-4 gap-y-1">
        <h1 className="text-2xl font-bold">Overview</h1>
        <p className="text-slate-700">
          {formatDayLabel(o.today, s)} <span className="text-sm text-slate-600">· times in {o.timeZone}</span>
        </p>
      </div>

      <section aria-labelledby="attention-title">
        <h2 id="attention-title" className="sr-only">
          Needs attention
        </h2>
        <div className="grid gap-4 sm:grid-cols-2 xl:grid-cols-4">
          <Tile title="Requests to schedule" count={o.requests} alert icon={<Inbox aria-hidden className="size-4" />}>
            Visits waiting for a technician or a time
          </Tile>
          <Tile title="Vendor cases overdue" count={o.vendorCases.overdue} alert icon={<AlertTriangle aria-hidden className="size-4" />}>
            {o.vendorCases.dueSoon.n} more due within {o.vendorCases.dueSoonHours} h
          </Tile>
          <Tile title="Emails that failed" count={o.failedMail} alert icon={<MailWarning aria-hidden className="size-4" />}>
            Not delivered after every retry
          </Tile>
          <Tile title="Devices to back up" count={o.needsBackup} alert icon={<HardDriveDownload aria-hidden className="size-4" />}>
            Wiped by a reset, no config backup since
          </Tile>
        </div>
        {o.vendorCases.dueSoon.n > 0 ? (
          <p className="mt-2 text-sm">
            <Link href={o.vendorCases.dueSoon.href}>
              {o.vendorCases.dueSoon.n} vendor case{o.vendorCases.dueSoon.n === 1 ? "" : "s"} due within {o.vendorCases.dueSoonHours} h
            </Link>
          </p>
        ) : null}
      </section>

      <div className="grid grid-cols-1 gap-6 xl:grid-cols-3">
        <section className="card min-w-0 space-y-3 xl:col-span-2" aria-labelledby="today-title">
          <div className="flex flex-wrap items-baseline justify-between gap-2">
            <h2 id="today-title" className="flex items-center gap-2 text-lg font-semibold">
              <CalendarClock aria-hidden className="size-5 text-brand-700" />
              Today&apos;s visits:{" "}
              <Link href={t.total.href} data-testid="today-total">
                {t.total.n}
              </Link>
            </h2>
            <Link href={t.board} className="btn-secondary">
              Open today&apos;s board
            </Link>
          </div>
          {t.total.n === 0 ? (
            <EmptyState title="No visits today." compact action={<Link href="/admin/visits?status=requested">See requests waiting to be scheduled</Link>}>
              The technicians are free: assign waiting requests on the dispatch board.
            </EmptyState>
          ) : (
            <ScrollRegion label="Today's visits by technician and status">
              <table className="w-full text-left text-sm" data-testid="today-grid">
                <thead className="border-b border-slate-200 text-slate-600">
                  <tr>
                    <th scope="col" className="py-2 pr-3">
                      Technician
                    </th>
                    {t.statuses.map((st) => (
                      <th key={st} scope="col" className="py-2 pr-3 text-right whitespace-nowrap">
                        <StatusDot status={st} /> {VISIT_STATUS_LABELS[st]}
                      </th>
                    ))}
                    <th scope="col" className="py-2 pr-3 text-right">
                      Total
                    </th>
                  </tr>
                </thead>
                <tbody>
                  {t.rows.map((r) => (
                    <tr key={r.technicianId ?? "none"} className="border-b border-slate-100">
                      <th scope="row" className="py-2 pr-3 font-medium">
                        {r.technicianId ? <Link href={`/admin/technicians/${r.technicianId}`}>{r.name}</Link> : r.name}
                      </th>
                      {r.cells.map((c, i) => (
                        <td key={t.statuses[i]} className="py-2 pr-3 text-right">
                          {c.n ? (
                            <Link href={c.href} aria-label={`${r.name}: ${c.n} ${VISIT_STATUS_LABELS[t.statuses[i]!].toLowerCase()}`}>
                              {c.n}
                            </Link>
                          ) : (
                            <span className="text-slate-400">0</span>
                          )}
                        </td>
                      ))}
                      <td className="py-2 pr-3 text-right font-semibold">
                        {r.total.n ? (
                          <Link href={r.total.href} aria-label={`${r.name}: ${r.total.n} today`}>
                            {r.total.n}
                          </Link>
                        ) : (
                          <span className="font-normal text-slate-600">free</span>
                        )}
                      </td>
                    </tr>
                  ))}
                </tbody>
                <tfoot>
                  <tr>
                    <th scope="row" className="py-2 pr-3 text-slate-600">
                      All
                    </th>
                    {t.byStatus.map((c) => (
                      <td key={c.status} className="py-2 pr-3 text-right">
                        <Link href={c.href}>{c.n}</Link>
                      </td>
                    ))}
                    <td className="py-2 pr-3 text-right font-semibold">
                      <Link href={t.total.href}>{t.total.n}</Link>
                    </td>
                  </tr>
                </tfoot>
              </table>
            </ScrollRegion>
          )}
        </section>

        <section className="card min-w-0 space-y-3" aria-labelledby="success-title">
          <h2 id="success-title" className="flex items-center gap-2 text-lg font-semibold">
            <TrendingUp aria-hidden className="size-5 text-brand-700" />
            Success rate
          </h2>
          <dl className="grid grid-cols-2 gap-3">
            <Rate label="This week" w={thisWeek} />
            <Rate label="Last week" w={lastWeek} />
          </dl>
          <p className="text-sm text-slate-700" data-testid="rate-delta">
            {delta === null
              ? thisWeek.final === 0
                ? "No results yet this week."
                : "No results last week to compare with."
              : delta === 0
                ? "The same as last week."
                : `${Math.abs(delta)} point${Math.abs(delta) === 1 ? "" : "s"} ${delta > 0 ? "better" : "worse"} than last week.`}
          </p>
          {o.trend.length ? (
            <SuccessChart
              data={o.trend.map((w) => ({
                label: formatDate(w.week, s).replace(/,? \d{4}$/, ""),
                rate: w.rate,
                final: w.final,
                current: w.week === thisWeek.from,
              }))}
            />
          ) : null}
          <p className="text-sm">
            <Link href="/admin/reports">All reports</Link>
          </p>
        </section>
      </div>
      <section aria-labelledby="people-title" className="text-sm text-slate-700">
        <h2 id="people-title" className="sr-only">
          People
        </h2>
        <p data-testid="people-counts">
          <Link href="/admin/customers">{counted(people.customers, "customer")}</Link> ·{" "}
          <Link href="/admin/technicians">{counted(people.technicians, "active technician")}</Link> ·{" "}
          <Link href="/admin/users?role=admin">{counted(people.admins, "active admin")}</Link>
        </p>
      </section>
    </div>
  );
}

/** "1 active admin", "4 active technicians". */
const counted = (n: number, noun: string) => `${n} ${noun}${n === 1 ? "" : "s"}`;
