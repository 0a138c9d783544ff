import { describe, expect, it } from "vitest";
import fc from "fast-check";
import { formatMoney, lineTax, parseMoney, percentToRate, priceLine, sumLines } from "./money";

describe("money: integer cents, tax rounded half up once per line", () => {
  it("rounds each line's tax half up to the cent", () => {
    expect(lineTax(1000, 8875)).toBe(89); // 88.75 -> 89
    expect(lineTax(1000, 8825)).toBe(88); // 88.25 -> 88
    expect(lineTax(1, 50_000)).toBe(1); // 0.5 -> 1 (half up)
    expect(lineTax(1, 49_999)).toBe(0); // 0.49999 -> 0
    expect(lineTax(0, 8000)).toBe(0);
    expect(lineTax(100_000_000_000, 100_000)).toBe(100_000_000_000); // no float error at the extremes
  });

  it("totals are the sum of the lines' rounded tax, never tax recomputed on the subtotal", () => {
    const lines = [1, 1, 1].map(() => priceLine({ kind: "extra", description: "x", quantity: 1, unitCents: 1, taxable: true }, 50_000));
    expect(lines.map((l) => l.taxCents)).toEqual([1, 1, 1]);
    expect(sumLines(lines)).toEqual({ subtotalCents: 3, taxCents: 3, totalCents: 6 }); // 3 cents × 50% on the subtotal would round to 2
  });

  it("untaxed lines carry no tax and record rate 0", () => {
    expect(priceLine({ kind: "extra", description: "x", quantity: 3, unitCents: 1999, taxable: false }, 8000)).toMatchObject({
      netCents: 5997,
      taxRate: 0,
      taxCents: 0,
      totalCents: 5997,
    });
  });

  it("property: total = subtotal + tax, each line total = net + tax, tax within half a cent of exact", () => {
    fc.assert(
      fc.property(
        fc.array(fc.record({ quantity: fc.integer({ min: 1, max: 1000 }), unitCents: fc.integer({ min: 0, max: 100_000_000 }), taxable: fc.boolean() }), {
          maxLength: 20,
        }),
        fc.integer({ min: 0, max: 100_000 }),
        (raw, rate) => {
          const lines = raw.map((l) => priceLine({ kind: "extra", description: "x", ...l }, rate));
          const t = sumLines(lines);
          expect(t.totalCents).toBe(t.subtotalCents + t.taxCents);
          for (const l of lines) {
            expect(l.totalCents).toBe(l.netCents + l.taxCents);
            if (l.taxable) expect(Math.abs(l.taxCents - (l.netCents * rate) / 100_000)).toBeLessThanOrEqual(0.5);
          }
        },
      ),
    );
  });

  it("parses money typed by people, refusing negatives and fractions of a cent", () => {
    expect(parseMoney("49")).toBe(4900);
    expect(parseMoney("49.5")).toBe(4950);
    expect(parseMoney("$1,234.56")).toBe(123456);
    expect(parseMoney("0.01")).toBe(1);
    expect(parseMoney("-1.00")).toBeNull();
    expect(parseMoney("1.005")).toBeNull();
    expect(parseMoney("1e3")).toBeNull();
    expect(parseMoney("")).toBeNull();
  });

  it("tax rates in percent with up to 3 decimals", () => {
    expect(percentToRate(8)).toBe(8000);
    expect(percentToRate(8.875)).toBe(8875);
    expect(percentToRate(7.1)).toBe(7100);
    expect(percentToRate(8.8755)).toBeNull();
    expect(percentToRate(-1)).toBeNull();
    expect(percentToRate(101)).toBeNull();
  });

  it("formats in the company's currency and locale", () => {
    expect(formatMoney(18700, "USD", "en-US")).toBe("$187.00");
    expect(formatMoney(123456, "EUR", "en-GB")).toBe("€1,234.56");
  });
});
