/**
 * Two periods side by side (same filters otherwise): each rate in both, the
 * change in rate (percentage points) and whether the 95 % Wilson intervals
 * overlap. Non-overlapping intervals are a conservative sign of a real change;
 * overlapping ones mean "could be chance" (the page says so). Client-safe.
 */
import { rate, type Rate } from "./wilson";
import type { ReportData } from "./shape";

export type RateChange = {
  /** Rate in the period shown minus the rate in the period compared with (0.05 = 5 points up); null when either has no data. */
  change: number | null;
  /** True when the two intervals share a point; null when either has no data. */
  overlap: boolean | null;
};

export function compareRates(current: Rate, other: Rate): RateChange {
  if (current.rate === null || other.rate === null || !current.ci || !other.ci) return { change: null, overlap: null };
  return { change: current.rate - other.rate, overlap: current.ci[0] <= other.ci[1] && other.ci[0] <= current.ci[1] };
}

export type ComparisonRow = {
  key: "all" | "first-visit" | `${string}|${string}`;
  label: string;
  /** A brand × method row's brand and method. */
  brand?: string;
  methodId?: string;
  current: Rate;
  other: Rate;
} & RateChange;

/**
 * Rows: every attempt, first-visit fixes, then each brand × method seen in either period
 * (in the current period's order, then the other's). `name` labels a brand × method.
 */
export function comparePeriods(current: ReportData, other: ReportData, name: (brand: string, method: string) => string): ComparisonRow[] {
  const row = (key: ComparisonRow["key"], label: string, a: Rate, b: Rate): ComparisonRow => ({ key, label, current: a, other: b, ...compareRates(a, b) });
  const none = rate(0, 0);
  const rows = [
    row("all", "All attempts", rate(current.totals.succeeded, current.totals.final), rate(other.totals.succeeded, other.totals.final)),
    row("first-visit", "First-visit fixes", current.firstVisit.overall, other.firstVisit.overall),
  ];
  const keyOf = (r: { brand: string; methodId: string }) => `${r.brand}|${r.methodId}` as const;
  const otherRows = new Map(other.byBrandMethod.map((r) => [keyOf(r), r]));
  const seen = new Set<string>();
  for (const r of [...current.byBrandMethod, ...other.byBrandMethod]) {
    const k = keyOf(r);
    if (seen.has(k)) continue;
    seen.add(k);
    const a = current.byBrandMethod.find((x) => keyOf(x) === k);
    const b = otherRows.get(k);
    rows.push({ ...row(k, name(r.brand, r.methodName), a ?? none, b ?? none), brand: r.brand, methodId: r.methodId });
  }
  return rows;
}

/** The calendar quarter holding `day` (YYYY-MM-DD) and the one before it, as inclusive day ranges. */
export function quarterAndPrevious(day: string): { current: { from: string; to: string }; previous: { from: string; to: string } } {
  const [y, m] = [Number(day.slice(0, 4)), Number(day.slice(5, 7))];
  const q = Math.floor((m - 1) / 3);
  const range = (year: number, quarter: number) => {
    const start = new Date(Date.UTC(year, quarter * 3, 1));
    const end = new Date(Date.UTC(year, quarter * 3 + 3, 0));
    return { from: start.toISOString().slice(0, 10), to: end.toISOString().slice(0, 10) };
  };
  return { current: range(y, q), previous: q === 0 ? range(y - 1, 3) : range(y, q - 1) };
}
