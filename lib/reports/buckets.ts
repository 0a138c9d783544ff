/**
 * Fixed histogram buckets. Percentiles (median, p90) cannot be summed, but
 * histograms can: the rollups store counts per bucket, and every path (rollup
 * or raw) computes percentiles from the same buckets, so all views agree.
 * The SQL functions reports_duration_bucket / reports_turnaround_bucket
 * (db/migrations/*_reports_rollups.sql) use these same edges.
 */

/** Duration bucket edges, minutes: bucket k holds [edge[k-1], edge[k]). */
export const DURATION_EDGES_MIN = [
  1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 12, 14, 16, 18, 20, 25, 30, 35, 40, 45, 50, 60, 75, 90, 105, 120, 150, 180, 240, 300, 360, 480, 720,
];
/** Longest duration an attempt may record (attempts_duration_range). */
export const DURATION_CAP_MIN = 1440;

/** Vendor turnaround bucket edges, hours. */
export const TURNAROUND_EDGES_H = [6, 12, 18, 24, 30, 36, 42, 48, 60, 72, 96, 120, 168, 336];
/** Upper end used when interpolating inside the last (open) bucket. */
export const TURNAROUND_CAP_H = 720;

export function bucketOf(value: number, edges: readonly number[]): number {
  let k = 0;
  while (k < edges.length && value >= edges[k]!) k++;
  return k;
}

export type Histogram = Map<number, number>;

export function addTo(h: Histogram, bucket: number, n: number) {
  h.set(bucket, (h.get(bucket) ?? 0) + n);
}

export function histogramCount(h: Histogram) {
  let n = 0;
  for (const c of h.values()) n += c;
  return n;
}

/**
 * The q-quantile (0 < q <= 1) of a bucketed distribution, interpolated
 * linearly inside the bucket that holds it. Accurate to the bucket's width.
 * Null for an empty histogram.
 */
export function percentile(h: Histogram, q: number, edges: readonly number[], cap: number): number | null {
  const total = histogramCount(h);
  if (total === 0) return null;
  const target = q * total;
  let before = 0;
  for (let k = 0; k <= edges.length; k++) {
    const c = h.get(k) ?? 0;
    if (c > 0 && before + c >= target) {
      const lo = k === 0 ? 0 : edges[k - 1]!;
      const hi = k < edges.length ? edges[k]! : cap;
      return lo + ((target - before) / c) * (hi - lo);
    }
    before += c;
  }
  return null;
}

export const minutesPercentile = (h: Histogram, q: number) => percentile(h, q, DURATION_EDGES_MIN, DURATION_CAP_MIN);
export const hoursPercentile = (h: Histogram, q: number) => percentile(h, q, TURNAROUND_EDGES_H, TURNAROUND_CAP_H);
