import { describe, expect, it } from "vitest";
import { rate, wilson } from "./wilson";

const close = (got: [number, number] | null, want: [number, number], digits = 4) => {
  expect(got).not.toBeNull();
  expect(got![0]).toBeCloseTo(want[0], digits);
  expect(got![1]).toBeCloseTo(want[1], digits);
};

describe("Wilson 95% interval", () => {
  it("is undefined for an empty sample", () => {
    expect(wilson(0, 0)).toBeNull();
    expect(rate(0, 0)).toMatchObject({ n: 0, rate: null, ci: null, small: true });
  });
  it("matches published values", () => {
    close(wilson(0, 10), [0, 0.2775]);
    close(wilson(10, 10), [0.7225, 1]);
    close(wilson(81, 263), [0.2553, 0.3662]);
    close(wilson(1, 1), [0.2065, 1]);
    close(wilson(0, 3), [0, 0.5615]);
    close(wilson(5, 10), [0.2366, 0.7634]);
    close(wilson(50, 100), [0.4038, 0.5962]);
  });
  it("is symmetric: k/n mirrors (n-k)/n", () => {
    const a = wilson(7, 31)!;
    const b = wilson(24, 31)!;
    expect(a[0]).toBeCloseTo(1 - b[1], 10);
    expect(a[1]).toBeCloseTo(1 - b[0], 10);
  });
  it("stays inside [0, 1] and contains the observed rate", () => {
    for (let n = 1; n <= 60; n++)
      for (let k = 0; k <= n; k++) {
        const [lo, hi] = wilson(k, n)!;
        expect(lo).toBeGreaterThanOrEqual(0);
        expect(hi).toBeLessThanOrEqual(1);
        expect(lo).toBeLessThanOrEqual(k / n + 1e-12);
        expect(hi).toBeGreaterThanOrEqual(k / n - 1e-12);
      }
  });
  it("refuses impossible counts", () => {
    expect(() => wilson(3, 2)).toThrow(RangeError);
    expect(() => wilson(-1, 2)).toThrow(RangeError);
  });
  it("marks samples under 10 as small", () => {
    expect(rate(9, 9).small).toBe(true);
    expect(rate(9, 10).small).toBe(false);
  });
});
