import type { ComparisonRow } from "@/lib/reports/compare";
import type { ReportFilters } from "@/lib/reports/filters";
import type { Rate } from "@/lib/reports/wilson";
import { interval, pct } from "./format";
import { attemptsHref, CountLink, visitsHref } from "./links";
import { Empty, Section, SmallBadge, Table, td, th } from "./ui";

const points = (x: number | null) => (x === null ? "—" : `${x > 0 ? "+" : x < 0 ? "−" : "±"}${Math.abs(Math.round(x * 100))} pts`);

function PeriodCells({ r, f, row }: { r: Rate; f: ReportFilters; row: ComparisonRow }) {
  const href =
    row.key === "first-visit"
      ? visitsHref(f, {}, "completed")
      : attemptsHref(f, row.brand ? { brand: row.brand as ReportFilters["brand"] } : {}, { method: row.methodId, outcome: "final" });
  return (
    <>
      <td className={td}>
        <CountLink
          n={r.n}
          href={href}
          what={`${row.key === "first-visit" ? "completed visits" : "attempts with a result"}, ${row.label}, ${f.from} to ${f.to}`}
        />
      </td>
      <td className={td}>
        {r.n === 0 ? (
          "—"
        ) : (
          <>
            {pct(r.rate)} <span className="text-slate-600">({interval(r.ci)})</span>
            <SmallBadge small={r.small} />
          </>
        )}
      </td>
    </>
  );
}

/** Two periods side by side: the filters' dates against the dates compared with. */
export function ComparisonSection({ rows, current, other }: { rows: ComparisonRow[]; current: ReportFilters; other: ReportFilters }) {
  const a = `${current.from ?? "the start"} to ${current.to ?? "today"}`;
  const b = `${other.from} to ${other.to}`;
  return (
    <Section
      id="comparison"
      title={`${a} compared with ${b}`}
      intro={
        <>
          Change = this period’s rate minus the other’s, in percentage points. When the two 95% intervals overlap, the change may be chance; when they do not,
          it is very unlikely to be.
        </>
      }
    >
      {rows.every((r) => r.current.n === 0 && r.other.n === 0) ? (
        <Empty />
      ) : (
        <Table
          caption={`Success rates, ${a} compared with ${b}`}
          head={["Figure", `Attempts ${a}`, "Rate (95% interval)", `Attempts ${b}`, "Rate (95% interval)", "Change", "Intervals overlap?"]}
        >
          {rows.map((r) => (
            <tr key={r.key} className="border-b border-slate-100" data-testid="comparison-row">
              <th scope="row" className={th}>
                {r.label}
              </th>
              <PeriodCells r={r.current} f={current} row={r} />
              <PeriodCells r={r.other} f={other} row={r} />
              <td className={td}>{points(r.change)}</td>
              <td className={td}>{r.overlap === null ? "—" : r.overlap ? "Yes: may be chance" : "No: a real change"}</td>
            </tr>
          ))}
        </Table>
      )}
    </Section>
  );
}
