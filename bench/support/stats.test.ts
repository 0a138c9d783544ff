import { describe, expect, it } from "vitest";
import { atMost, median, percentile, ratio, summarize } from "./stats";

describe("percentile (nearest rank)", () => {
  const xs = Array.from({ length: 100 }, (_, i) => 100 - i); // 100..1, unsorted on purpose
  it("takes the value at the rank, whatever the input order", () => {
    expect(percentile(xs, 50)).toBe(50);
    expect(percentile(xs, 95)).toBe(95);
    expect(percentile(xs, 99)).toBe(99);
    expect(percentile(xs, 100)).toBe(100);
    expect(percentile(xs, 0)).toBe(1);
  });
  it("rounds the rank up on small samples and handles edge cases", () => {
    expect(percentile([10, 20, 30], 50)).toBe(20);
    expect(percentile([10, 20, 30], 95)).toBe(30);
    expect(percentile([7], 95)).toBe(7);
    expect(percentile([], 95)).toBeNaN();
    expect(() => percentile([1], 101)).toThrow(RangeError);
  });
  it("does not reorder the caller's array", () => {
    const a = [3, 1, 2];
    percentile(a, 50);
    expect(a).toEqual([3, 1, 2]);
  });
});

describe("summaries and targets", () => {
  it("summarizes latencies", () => {
    const s = summarize([5, 1, 4, 2, 3, 100, 6, 7, 8, 9]);
    expect(s).toEqual({ count: 10, p50: 5, p95: 100, p99: 100, max: 100 });
    expect(median([4, 1, 3])).toBe(3);
  });
  it("a ratio over zero or NaN never passes a target", () => {
    expect(ratio(30, 10)).toBe(3);
    expect(ratio(1, 0)).toBe(Infinity);
    expect(ratio(NaN, 1)).toBe(Infinity);
    expect(atMost("job/health p95", ratio(30, 10), 3).pass).toBe(true);
    expect(atMost("job/health p95", ratio(31, 10), 3).pass).toBe(false);
    expect(atMost("x", ratio(1, 0), 3).pass).toBe(false);
  });
});
