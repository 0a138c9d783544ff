import { describe, expect, it } from "vitest";
import { bucketOf, DURATION_EDGES_MIN, minutesPercentile, hoursPercentile, TURNAROUND_EDGES_H, type Histogram } from "./buckets";

const hist = (values: number[], edges: readonly number[]): Histogram => {
  const h: Histogram = new Map();
  for (const v of values) h.set(bucketOf(v, edges), (h.get(bucketOf(v, edges)) ?? 0) + 1);
  return h;
};

describe("histogram percentiles", () => {
  it("puts values in [edge, next edge) buckets", () => {
    expect(bucketOf(0, DURATION_EDGES_MIN)).toBe(0);
    expect(bucketOf(0.99, DURATION_EDGES_MIN)).toBe(0);
    expect(bucketOf(1, DURATION_EDGES_MIN)).toBe(1);
    expect(bucketOf(12, DURATION_EDGES_MIN)).toBe(11);
    expect(bucketOf(1440, DURATION_EDGES_MIN)).toBe(DURATION_EDGES_MIN.length);
  });
  it("is null without data", () => {
    expect(minutesPercentile(new Map(), 0.5)).toBeNull();
  });
  it("interpolates inside the bucket", () => {
    // one value in [12, 14): the median is the bucket's middle, p90 at 90% of it
    expect(minutesPercentile(hist([12.5], DURATION_EDGES_MIN), 0.5)).toBeCloseTo(13, 10);
    expect(minutesPercentile(hist([12.5], DURATION_EDGES_MIN), 0.9)).toBeCloseTo(13.8, 10);
  });
  it("is exact at 1-minute resolution below 10 minutes", () => {
    // 1..9 minutes, one each: the median (rank 4.5) falls in [5,6) -> 5.5
    expect(
      minutesPercentile(
        hist(
          [1, 2, 3, 4, 5, 6, 7, 8, 9].map((m) => m + 0.2),
          DURATION_EDGES_MIN,
        ),
        0.5,
      ),
    ).toBeCloseTo(5.5, 10);
  });
  it("stays within the bucket width of the true quantile", () => {
    const values = Array.from({ length: 200 }, (_, i) => 3 + ((i * 37) % 170));
    const sorted = [...values].sort((a, b) => a - b);
    for (const q of [0.5, 0.9]) {
      const exact = sorted[Math.ceil(q * sorted.length) - 1]!;
      const approx = minutesPercentile(hist(values, DURATION_EDGES_MIN), q)!;
      const k = bucketOf(exact, DURATION_EDGES_MIN);
      const width = (DURATION_EDGES_MIN[k] ?? 1440) - (DURATION_EDGES_MIN[k - 1] ?? 0);
      expect(Math.abs(approx - exact)).toBeLessThanOrEqual(width);
    }
  });
  it("uses hour buckets for vendor turnaround", () => {
    expect(hoursPercentile(hist([30], TURNAROUND_EDGES_H), 0.5)).toBeCloseTo(33, 10);
  });
});
