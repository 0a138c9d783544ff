/** Pure number helpers for the benchmarks (percentiles, summaries, target checks). */

/** Nearest-rank percentile (p in 0..100) of the samples; NaN for none. */
export function percentile(samples: readonly number[], p: number): number {
  if (samples.length === 0) return NaN;
  if (p < 0 || p > 100) throw new RangeError(`percentile ${p} is outside 0..100`);
  const sorted = [...samples].sort((a, b) => a - b);
  const rank = Math.max(1, Math.ceil((p / 100) * sorted.length));
  return sorted[rank - 1]!;
}

export type LatencySummary = { count: number; p50: number; p95: number; p99: number; max: number };

export function summarize(samples: readonly number[]): LatencySummary {
  return {
    count: samples.length,
    p50: percentile(samples, 50),
    p95: percentile(samples, 95),
    p99: percentile(samples, 99),
    max: samples.length ? Math.max(...samples) : NaN,
  };
}

export function median(samples: readonly number[]) {
  return percentile(samples, 50);
}

/** a / b, with a guard: a zero or missing denominator gives Infinity (a target can never pass on it). */
export function ratio(a: number, b: number): number {
  if (!Number.isFinite(a) || !Number.isFinite(b) || b <= 0) return Infinity;
  return a / b;
}

export type Check = { name: string; value: number; target: number; unit: string; pass: boolean };

/** A "value ≤ target" check (every proof target has that shape). */
export function atMost(name: string, value: number, target: number, unit = ""): Check {
  return { name, value, target, unit, pass: Number.isFinite(value) && value <= target };
}
