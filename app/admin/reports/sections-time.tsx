import type { ReportData } from "@/lib/reports/data";
import { TrendChart, type TrendPoint } from "./charts";
import { brandLabel, hours, interval, minutes, pct } from "./format";
import { attemptsHref, CountLink, visitsHref } from "./links";
import { Empty, RateCells, Section, SmallBadge, Table, td, th } from "./ui";

export function TimeSection({ data, exportHref, vendorHref }: { data: ReportData; exportHref: string; vendorHref: string }) {
  return (
    <Section
      id="time"
      title="Time to unlock"
      exportHref={exportHref}
      intro="Minutes on site for succeeded attempts with a recorded duration. Median and 90th percentile come from fixed buckets (1 minute wide up to 10 minutes, wider above), interpolated inside a bucket."
    >
      {data.timeToUnlock.length === 0 ? (
        <Empty />
      ) : (
        <Table caption="Time to unlock per method" head={["Method", "Unlocks timed", "Median", "90th percentile"]}>
          {data.timeToUnlock.map((r) => (
            <tr key={r.methodId} className="border-b border-slate-100">
              <th scope="row" className={th}>
                {r.methodName}
              </th>
              <td className={td}>
                <CountLink n={r.n} href={attemptsHref(data.filters, {}, { method: r.methodId, outcome: "timed" })} what={`timed unlocks, ${r.methodName}`} />
                <SmallBadge small={r.n < 10} />
              </td>
              <td className={td}>{minutes(r.medianMinutes)}</td>
              <td className={td}>{minutes(r.p90Minutes)}</td>
            </tr>
          ))}
        </Table>
      )}
      <div className="mt-6 flex flex-wrap items-baseline justify-between gap-2">
        <h3 className="font-semibold">Vendor turnaround (sent → result)</h3>
        <a href={vendorHref} download className="text-sm font-medium">
          Download CSV<span className="sr-only">: vendor turnaround</span>
        </a>
      </div>
      {data.vendorTurnaround.length === 0 ? (
        <Empty>No vendor cases for these filters.</Empty>
      ) : (
        <Table caption="Vendor-case turnaround per vendor" head={["Vendor", "Cases", "Answered", "Still waiting", "Median", "90th percentile"]}>
          {data.vendorTurnaround.map((r) => (
            <tr key={r.vendor} className="border-b border-slate-100">
              <th scope="row" className={th}>
                {brandLabel(r.vendor)}
              </th>
              <td className={td}>{r.cases}</td>
              <td className={td}>{r.received}</td>
              <td className={td}>{r.waiting}</td>
              <td className={td}>{hours(r.medianHours)}</td>
              <td className={td}>{hours(r.p90Hours)}</td>
            </tr>
          ))}
        </Table>
      )}
    </Section>
  );
}

export function TechniciansSection({ data, exportHref }: { data: ReportData; exportHref: string }) {
  return (
    <Section
      id="technicians"
      title="Per technician"
      exportHref={exportHref}
      intro="Attempts are counted for the technician who made them, visits for the technician assigned. With fewer than 10 results a rate says little: read the interval."
    >
      {data.technicians.length === 0 ? (
        <Empty />
      ) : (
        <Table
          caption="Results per technician"
          head={["Technician", "Completed visits", "First-visit fix", "Fix interval", "Attempts", "Succeeded", "Rate", "95% interval", "Median time"]}
        >
          {data.technicians.map((t) => (
            <tr key={t.technicianId} className="border-b border-slate-100">
              <th scope="row" className={th}>
                {t.name}
              </th>
              <td className={td}>
                <CountLink n={t.visits.n} href={visitsHref(data.filters, { technician: t.technicianId }, "completed")} what={`completed visits, ${t.name}`} />
              </td>
              <td className={td}>
                {pct(t.visits.rate)}
                <SmallBadge small={t.visits.small && t.visits.n > 0} />
              </td>
              <td className={td}>{interval(t.visits.ci)}</td>
              <RateCells
                r={t.attempts}
                links={{
                  n: attemptsHref(data.filters, { technician: t.technicianId }, { outcome: "final" }),
                  succeeded: attemptsHref(data.filters, { technician: t.technicianId }, { outcome: "succeeded" }),
                  what: `attempts, ${t.name}`,
                }}
              />
              <td className={td}>{minutes(t.medianMinutes)}</td>
            </tr>
          ))}
        </Table>
      )}
    </Section>
  );
}

export function TrendSection({ data, exportHref }: { data: ReportData; exportHref: string }) {
  const points: TrendPoint[] = data.trend.map((w) => ({
    week: w.week,
    total: w.total,
    rate: w.rate === null ? null : Math.round(w.rate * 1000) / 10,
    href: attemptsHref(data.filters, {}, { week: w.week, outcome: "all" }),
  }));
  return (
    <Section id="trend" title="Weekly trend" exportHref={exportHref}>
      {points.length === 0 ? (
        <Empty />
      ) : (
        <div className="space-y-4">
          <TrendChart data={points} />
          <details>
            <summary className="cursor-pointer text-sm font-medium text-brand-700">Table of weekly numbers ({points.length} weeks)</summary>
            <Table caption="Attempts and success rate per week" head={["Week starting", "Attempts", "Final", "Succeeded", "Rate", "95% interval"]}>
              {data.trend.map((w) => (
                <tr key={w.week} className="border-b border-slate-100">
                  <th scope="row" className={th}>
                    {w.week}
                  </th>
                  <td className={td}>
                    <CountLink n={w.total} href={attemptsHref(data.filters, {}, { week: w.week, outcome: "all" })} what={`attempts in the week of ${w.week}`} />
                  </td>
                  <td className={td}>
                    <CountLink
                      n={w.n}
                      href={attemptsHref(data.filters, {}, { week: w.week, outcome: "final" })}
                      what={`final attempts in the week of ${w.week}`}
                    />
                  </td>
                  <td className={td}>
                    <CountLink
                      n={w.succeeded}
                      href={attemptsHref(data.filters, {}, { week: w.week, outcome: "succeeded" })}
                      what={`succeeded attempts in the week of ${w.week}`}
                    />
                  </td>
                  <td className={td}>{pct(w.rate)}</td>
                  <td className={td}>{interval(w.ci)}</td>
                </tr>
              ))}
            </Table>
          </details>
        </div>
      )}
    </Section>
  );
}
