/**
 * Money: integer cents end to end, one rounding rule. Client-safe (no
 * database): the booking form and the invoice use the same arithmetic.
 *
 * The rule: tax is computed per line, once, on the line's net amount, and
 * rounded half up to the cent (0.5 cent goes up; amounts are never negative,
 * so "half up" and "half away from zero" agree). Every total is the sum of
 * its lines' rounded amounts: never tax computed again on a subtotal.
 *
 * Tax rates are integers in thousandths of a percent (8.875 % = 8875), so
 * tax = round_half_up(net × rate / 100 000) is exact integer arithmetic.
 */
import type { Currency, LineKind } from "@/lib/values";

export const RATE_SCALE = 100_000;

/** Tax on one line: rounded once, half up. */
export function lineTax(netCents: number, taxRate: number): number {
  if (!Number.isSafeInteger(netCents) || netCents < 0 || !Number.isInteger(taxRate) || taxRate < 0 || taxRate > RATE_SCALE) {
    throw new RangeError(`lineTax: bad amount or rate (${netCents}, ${taxRate})`);
  }
  const scale = BigInt(RATE_SCALE);
  return Number((BigInt(netCents) * BigInt(taxRate) * 2n + scale) / (scale * 2n));
}

/** A tax rate in percent (8.875) as thousandths of a percent (8875); null if it has more than 3 decimals or is out of 0..100. */
export function percentToRate(percent: number): number | null {
  if (!Number.isFinite(percent) || percent < 0 || percent > 100) return null;
  const r = Math.round(percent * 1000);
  return Math.abs(percent * 1000 - r) < 1e-6 ? r : null;
}
export const rateToPercent = (rate: number) => rate / 1000;

export type LineInput = {
  kind: LineKind;
  description: string;
  quantity: number;
  unitCents: number;
  taxable: boolean;
  deviceId?: string | null;
};
export type PricedLine = LineInput & { netCents: number; taxRate: number; taxCents: number; totalCents: number };
export type Totals = { subtotalCents: number; taxCents: number; totalCents: number };

/** Net, tax and total of each line at this tax rate. */
export function priceLine(l: LineInput, taxRate: number): PricedLine {
  const netCents = l.quantity * l.unitCents;
  if (!Number.isSafeInteger(netCents) || netCents < 0) throw new RangeError("line amount out of range");
  const rate = l.taxable ? taxRate : 0;
  const taxCents = l.taxable ? lineTax(netCents, rate) : 0;
  return { ...l, netCents, taxRate: rate, taxCents, totalCents: netCents + taxCents };
}

/** Totals are the sums of the lines' rounded amounts. */
export function sumLines(lines: readonly Pick<PricedLine, "netCents" | "taxCents">[]): Totals {
  let subtotalCents = 0;
  let taxCents = 0;
  for (const l of lines) {
    subtotalCents += l.netCents;
    taxCents += l.taxCents;
  }
  return { subtotalCents, taxCents, totalCents: subtotalCents + taxCents };
}

/** "12.34" (or "12", "12.3", "$1,234.50") as cents; null for negative amounts, fractions of a cent or anything else. */
export function parseMoney(text: string): number | null {
  const t = text
    .trim()
    .replace(/^\$/, "")
    .replace(/,(?=\d{3}(\D|$))/g, "");
  if (!/^\d{1,9}(\.\d{1,2})?$/.test(t)) return null;
  const [whole, frac = ""] = t.split(".");
  const cents = Number(whole) * 100 + Number(frac.padEnd(2, "0"));
  return Number.isSafeInteger(cents) ? cents : null;
}

/** Cents as a plain decimal string, "1234.50" (forms, CSV). */
export const centsToDecimal = (cents: number) =>
  `${cents < 0 ? "-" : ""}${Math.floor(Math.abs(cents) / 100)}.${String(Math.abs(cents) % 100).padStart(2, "0")}`;

/** "$1,234.50" in the company's currency and locale. */
export function formatMoney(cents: number, currency: Currency | string = "USD", locale = "en-US"): string {
  return new Intl.NumberFormat(locale, { style: "currency", currency, minimumFractionDigits: 2, maximumFractionDigits: 2 }).format(cents / 100);
}
