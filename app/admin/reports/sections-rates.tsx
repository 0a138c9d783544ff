import type { ReportData } from "@/lib/reports/data";
import { BrandMethodChart, type RatePoint } from "./charts";
import { brandLabel, interval, pct } from "./format";
import { attemptsHref, CountLink, visitsHref } from "./links";
import { Empty, RateCells, Section, Table, td, th } from "./ui";

const VERDICT: Record<string, string> = {
  inside: "Claim is inside the interval",
  above: "Claim is above what we measure",
  below: "Claim is below what we measure",
  "no data": "No results yet",
};

export function BrandMethodSection({ data, exportHref }: { data: ReportData; exportHref: string }) {
  const rows = data.byBrandMethod;
  const f = data.filters;
  const chart: RatePoint[] = rows
    .filter((r) => r.rate !== null)
    .map((r) => ({
      label: `${brandLabel(r.brand)} · ${r.methodName} (n=${r.n})`,
      // a 0% bar has no width and recharts would drop its whisker: draw it a hair wide
      rate: Math.max(r.rate! * 100, 0.01),
      err: [Math.max(r.rate! * 100, 0.01) - r.ci![0] * 100, r.ci![1] * 100 - Math.max(r.rate! * 100, 0.01)],
      n: r.n,
      small: r.small,
    }));
  return (
    <Section
      id="brand-method"
      title="Success rate by brand and method"
      exportHref={exportHref}
      intro="Attempts = attempts with a final outcome (succeeded, failed or abandoned); attempts still waiting on a vendor are listed apart and count once the attempt is corrected to its result."
    >
      {rows.length === 0 ? (
        <Empty />
      ) : (
        <div className="grid gap-6 lg:grid-cols-2">
          <BrandMethodChart data={chart} />
          <Table caption="Success rate by brand and method" head={["Brand · method", "Attempts", "Succeeded", "Rate", "95% interval", "Waiting on vendor"]}>
            {rows.map((r) => (
              <tr key={`${r.brand}-${r.methodId}`} className={`border-b border-slate-100 ${r.small ? "text-slate-600" : ""}`}>
                <th scope="row" className={th}>
                  {brandLabel(r.brand)} · {r.methodName}
                </th>
                <RateCells
                  r={r}
                  links={{
                    n: attemptsHref(f, { brand: r.brand as typeof f.brand }, { method: r.methodId, outcome: "final" }),
                    succeeded: attemptsHref(f, { brand: r.brand as typeof f.brand }, { method: r.methodId, outcome: "succeeded" }),
                    what: `attempts, ${brandLabel(r.brand)} · ${r.methodName}`,
                  }}
                />
                <td className={td}>
                  <CountLink
                    n={r.pending}
                    href={attemptsHref(f, { brand: r.brand as typeof f.brand }, { method: r.methodId, outcome: "waiting" })}
                    what={`attempts waiting on a vendor, ${brandLabel(r.brand)} · ${r.methodName}`}
                  />
                </td>
              </tr>
            ))}
          </Table>
        </div>
      )}
    </Section>
  );
}

export function ClaimsSection({ data, exportHref }: { data: ReportData; exportHref: string }) {
  return (
    <Section
      id="claims"
      title="Measured vs claimed (Dahua)"
      exportHref={exportHref}
      intro="The seed guide's claimed rates beside what our own jobs show on Dahua devices."
    >
      <Table caption="Measured vs claimed success rates" head={["Method", "Claimed", "Measured", "95% interval", "Attempts", "Verdict"]}>
        {data.claims.map((c) => (
          <tr key={c.methodId} className="border-b border-slate-100">
            <th scope="row" className={th}>
              {c.methodName}
            </th>
            <td className={td}>{pct(c.claimed)}</td>
            <td className={td}>{pct(c.measured.rate)}</td>
            <td className={td}>{interval(c.measured.ci)}</td>
            <td className={td}>
              <CountLink
                n={c.measured.n}
                href={attemptsHref(data.filters, { brand: "dahua" }, { method: c.methodId, outcome: "final" })}
                what={`attempts, Dahua · ${c.methodName}`}
              />
              {c.measured.small && c.measured.n > 0 ? <span className="badge ml-1 whitespace-nowrap bg-amber-100 text-amber-900">small sample</span> : null}
            </td>
            <td className={`${td} ${c.verdict === "inside" ? "text-green-800" : c.verdict === "no data" ? "text-slate-600" : "text-red-800"}`}>
              {VERDICT[c.verdict]}
            </td>
          </tr>
        ))}
      </Table>
    </Section>
  );
}

export function FirstVisitSection({ data, exportHref }: { data: ReportData; exportHref: string }) {
  const fv = data.firstVisit;
  return (
    <Section
      id="first-visit"
      title="First-visit fix rate"
      exportHref={exportHref}
      intro="Completed visits where every device's last attempt on that visit succeeded, with no attempt waiting on a vendor, no vendor case and no follow-up visit. Per brand: completed visits with a device of that brand."
    >
      <Table caption="First-visit fix rate, overall and per brand" head={["Visits", "Completed", "Fixed first time", "Rate", "95% interval"]}>
        {[{ brand: "all", ...fv.overall }, ...fv.byBrand].map((r) => (
          <tr key={r.brand} className="border-b border-slate-100">
            <th scope="row" className={th}>
              {r.brand === "all" ? "All visits" : `With a ${brandLabel(r.brand)} device`}
            </th>
            <RateCells
              r={r}
              links={{
                n: visitsHref(data.filters, r.brand === "all" ? {} : { brand: r.brand as typeof data.filters.brand }, "completed"),
                succeeded: visitsHref(data.filters, r.brand === "all" ? {} : { brand: r.brand as typeof data.filters.brand }, "fixed"),
                what: r.brand === "all" ? "completed visits" : `completed visits with a ${brandLabel(r.brand)} device`,
                done: "fixed first time",
              }}
            />
          </tr>
        ))}
      </Table>
    </Section>
  );
}
