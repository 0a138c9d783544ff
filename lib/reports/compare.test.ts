import { describe, expect, it } from "vitest";
import { compareRates, comparePeriods, quarterAndPrevious } from "./compare";
import { rate } from "./wilson";
import type { ReportData } from "./shape";

describe("comparing two periods", () => {
  it("gives the change in rate and whether the Wilson intervals overlap", () => {
    // 90/100 vs 50/100: 40 points up, intervals far apart
    const far = compareRates(rate(90, 100), rate(50, 100));
    expect(far.change).toBeCloseTo(0.4, 10);
    expect(far.overlap).toBe(false);
    // 6/10 vs 5/10: 10 points up, but small samples: the intervals overlap
    const near = compareRates(rate(6, 10), rate(5, 10));
    expect(near.change).toBeCloseTo(0.1, 10);
    expect(near.overlap).toBe(true);
    // a fall is negative
    expect(compareRates(rate(50, 100), rate(90, 100)).change).toBeCloseTo(-0.4, 10);
    // no data on one side: nothing to say
    expect(compareRates(rate(0, 0), rate(5, 10))).toEqual({ change: null, overlap: null });
  });

  it("non-overlapping means a gap between the intervals, in either order", () => {
    // 80/100: about 71–87 %; 60/100: about 50–69 %: a gap. 70/100: about 60–78 %: overlaps 60/100's.
    expect(compareRates(rate(80, 100), rate(60, 100)).overlap).toBe(false);
    expect(compareRates(rate(60, 100), rate(80, 100)).overlap).toBe(false);
    expect(compareRates(rate(70, 100), rate(60, 100)).overlap).toBe(true);
  });

  it("lists every attempt, first-visit fixes and each brand × method of either period", () => {
    const data = (rows: [string, string, number, number][], succeeded: number, final: number, fixed: [number, number]): ReportData =>
      ({
        totals: { final, succeeded, pending: 0, completedVisits: fixed[1], fixedVisits: fixed[0] },
        firstVisit: { overall: rate(fixed[0], fixed[1]), byBrand: [] },
        byBrandMethod: rows.map(([brand, methodId, s, n]) => ({
          ...rate(s, n),
          brand,
          methodId,
          methodName: methodId,
          failed: n - s,
          abandoned: 0,
          pending: 0,
        })),
      }) as unknown as ReportData;
    const now = data([["dahua", "qr", 8, 10]], 8, 10, [3, 4]);
    const before = data(
      [
        ["dahua", "qr", 4, 10],
        ["lorex", "app", 1, 2],
      ],
      5,
      12,
      [1, 4],
    );
    const rows = comparePeriods(now, before, (b, m) => `${b} ${m}`);
    expect(rows.map((r) => [r.key, r.current.n, r.other.n])).toEqual([
      ["all", 10, 12],
      ["first-visit", 4, 4],
      ["dahua|qr", 10, 10],
      ["lorex|app", 0, 2],
    ]);
    expect(rows[0]!.change).toBeCloseTo(0.8 - 5 / 12, 10);
    expect(rows[2]!.change).toBeCloseTo(0.4, 10);
    expect(rows[3]).toMatchObject({ label: "lorex app", change: null, overlap: null });
  });

  it("this quarter and the one before, across a year's end", () => {
    expect(quarterAndPrevious("2026-12-06")).toEqual({ current: { from: "2026-10-01", to: "2026-12-31" }, previous: { from: "2026-07-01", to: "2026-09-30" } });
    expect(quarterAndPrevious("2027-02-28")).toEqual({ current: { from: "2027-01-01", to: "2027-03-31" }, previous: { from: "2026-10-01", to: "2026-12-31" } });
    expect(quarterAndPrevious("2024-05-15").current).toEqual({ from: "2024-04-01", to: "2024-06-30" });
  });
});
