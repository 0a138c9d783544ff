/**
 * Reading the cumulative rollups (report_cum): the running totals of a set of
 * keys through a few probe days, their differences (a date range is the total
 * at its last day minus the total the day before its first), and the counts
 * arithmetic the report's rows share.
 */
import { sql, type SQL } from "drizzle-orm";
import { addDays } from "./days";
import type { ReportFilters } from "./filters";

export type Counts = { succeeded: number; failed: number; abandoned: number; waiting: number };

export const ZERO: Counts = { succeeded: 0, failed: 0, abandoned: 0, waiting: 0 };
export function addCounts(into: Counts, c: Counts) {
  into.succeeded += c.succeeded;
  into.failed += c.failed;
  into.abandoned += c.abandoned;
  into.waiting += c.waiting;
  return into;
}
export const isZero = (c: Counts) => !c.succeeded && !c.failed && !c.abandoned && !c.waiting;

/** Element-wise a + sign·b (histograms as plain arrays; missing entries are 0). */
export function addHist(a: number[], b: readonly (number | null)[] | null | undefined, sign = 1): number[] {
  if (!b) return a;
  for (let i = 0; i < b.length; i++) a[i] = (a[i] ?? 0) + sign * Number(b[i] ?? 0);
  return a;
}
export const histEmpty = (h: number[]) => h.every((x) => !x);

export type CumRow = {
  id: number;
  probe: string;
  c1: number | null;
  c2: number | null;
  c3: number | null;
  c4: number | null;
  c5: number | null;
  c6: number | null;
  c7: number | null;
  c8: number | null;
  h1: number[] | null;
  h2: number[] | null;
};
export const CUM_COLS = ["c1", "c2", "c3", "c4", "c5", "c6", "c7", "c8"] as const;

/** For every key the query selects (it must return `id`), the running totals through each probe day. */
export function probeSql(keys: SQL, days: string[]): SQL {
  const values = sql.join(
    days.map((d) => sql`(${d}::date)`),
    sql`, `,
  );
  return sql`SELECT k.*, p.day::text AS probe, c.c1, c.c2, c.c3, c.c4, c.c5, c.c6, c.c7, c.c8, c.h1, c.h2
    FROM (${keys}) k
    CROSS JOIN (VALUES ${values}) AS p(day)
    LEFT JOIN LATERAL (SELECT * FROM report_cum c WHERE c.key = k.id AND c.day <= p.day ORDER BY c.day DESC LIMIT 1) c ON true`;
}

export type Totals = { c: number[]; h1: number[]; h2: number[] };
/** Running totals at `hi` minus those at `lo` (lo absent: from the start), per key. */
export function diffs<R extends CumRow>(rows: R[], hi: string, lo: string | null): Map<number, { row: R; t: Totals }> {
  const out = new Map<number, { row: R; t: Totals }>();
  for (const r of rows) {
    const sign = r.probe === hi ? 1 : r.probe === lo ? -1 : 0;
    if (!sign) continue;
    const e = out.get(r.id) ?? out.set(r.id, { row: r, t: { c: [0, 0, 0, 0, 0, 0, 0, 0], h1: [], h2: [] } }).get(r.id)!;
    CUM_COLS.forEach((k, i) => {
      e.t.c[i] = (e.t.c[i] ?? 0) + sign * Number(r[k] ?? 0);
    });
    addHist(e.t.h1, r.h1, sign);
    addHist(e.t.h2, r.h2, sign);
  }
  return out;
}

/** The attempt figures of a difference, for the attempt-order filter (first attempts: c1..c4, later: c5..c8). */
export function pick(t: Totals, order: ReportFilters["attempt"]): Counts & { hist: number[] } {
  const first = { succeeded: t.c[0]!, failed: t.c[1]!, abandoned: t.c[2]!, waiting: t.c[3]! };
  const later = { succeeded: t.c[4]!, failed: t.c[5]!, abandoned: t.c[6]!, waiting: t.c[7]! };
  if (order === "first") return { ...first, hist: [...t.h1] };
  if (order === "later") return { ...later, hist: [...t.h2] };
  return { ...addCounts({ ...first }, later), hist: addHist([...t.h1], t.h2) };
}

const INF = "infinity";
/** Probe days for a day range: the day before `from` (if any) and `to` (or the end of time). */
export const rangeProbes = (f: { from?: string; to?: string }) => ({ hi: f.to ?? INF, lo: f.from ? addDays(f.from, -1) : null });
