/**
 * The one price function: the booking estimate (web form, widget, public
 * API, admin phone booking, reschedule) and the draft invoice of a completed
 * visit are both made here. Pure and client-safe (the booking form runs it in
 * the browser with the public price list); lib/billing/price-list.ts loads
 * the list and rules on the server.
 *
 * Surcharges go by the visit's start in the company time zone:
 * - after hours: it starts before opening or at/after closing time;
 * - weekend: it starts on a Saturday or Sunday;
 * - same day: it was booked on the local day it starts.
 * Each applies once per visit; they add up.
 */
import { DateTime } from "luxon";
import { deviceClassOf, type Brand, type Currency, type DeviceClass, type DeviceKind, type PriceItemKind, type Surcharge } from "@/lib/values";
import { deviceLabel } from "@/lib/values/labels";
import { formatMoney, priceLine, sumLines, type LineInput, type PricedLine, type Totals } from "./money";

export type PriceListItem = {
  id: string;
  kind: PriceItemKind;
  brand: Brand | null;
  deviceClass: DeviceClass | null;
  surcharge: Surcharge | null;
  name: string;
  unitCents: number;
  taxable: boolean;
  active: boolean;
};

export type PriceRules = {
  timeZone: string;
  locale: string;
  currency: Currency;
  /** Thousandths of a percent (8.875 % = 8875). */
  taxRate: number;
  noFixNoFee: boolean;
  businessHoursStart: string;
  businessHoursEnd: string;
};

/** How a device is charged: booking estimates charge every device; an invoice by what happened. */
export type DeviceCharge = "estimate" | "recovered" | "unrecovered" | "not_attempted";

export type PriceDevice = { brand: Brand; kind: DeviceKind; model?: string | null; deviceId?: string | null; charge: DeviceCharge };

export type PriceInput = {
  priceList: readonly PriceListItem[];
  rules: PriceRules;
  devices: readonly PriceDevice[];
  /** Vendor cases opened on the visit (each carries the handling fee). */
  vendorCases?: number;
  startsAt: Date;
  /** When it was booked (same-day surcharge); default: now. */
  bookedAt?: Date;
  /** One line per device (invoices), or devices of one price grouped into one line with a quantity (estimates). */
  perDevice?: boolean;
};

export type Quote = Totals & { lines: PricedLine[]; surcharges: Surcharge[]; currency: Currency; summary: string };

const minutesOf = (hhmm: string) => Number(hhmm.slice(0, 2)) * 60 + Number(hhmm.slice(3, 5));

/** The surcharges a visit starting at `startsAt` (booked at `bookedAt`) gets, in the company time zone. */
export function surchargesFor(startsAt: Date, bookedAt: Date, rules: Pick<PriceRules, "timeZone" | "businessHoursStart" | "businessHoursEnd">): Surcharge[] {
  const local = DateTime.fromJSDate(startsAt, { zone: rules.timeZone });
  const minute = local.hour * 60 + local.minute;
  const out: Surcharge[] = [];
  if (minute < minutesOf(rules.businessHoursStart) || minute >= minutesOf(rules.businessHoursEnd)) out.push("after_hours");
  if (local.weekday >= 6) out.push("weekend");
  if (DateTime.fromJSDate(bookedAt, { zone: rules.timeZone }).toISODate() === local.toISODate()) out.push("same_day");
  return out;
}

function activeItem(list: readonly PriceListItem[], match: (i: PriceListItem) => boolean) {
  return list.find((i) => i.active && match(i));
}

const CHARGED: Record<DeviceCharge, (noFixNoFee: boolean) => boolean> = {
  estimate: () => true,
  recovered: () => true,
  unrecovered: (noFixNoFee) => !noFixNoFee,
  not_attempted: () => false,
};
const NOTE: Record<DeviceCharge, string> = { estimate: "", recovered: " — recovered", unrecovered: " — not recovered", not_attempted: " — not attempted" };

/** The lines (before tax) for a visit: call-out, devices, vendor-case fees, surcharges. */
export function visitLines(input: PriceInput): { lines: LineInput[]; surcharges: Surcharge[] } {
  const { priceList: list, rules } = input;
  const lines: LineInput[] = [];
  const callOut = activeItem(list, (i) => i.kind === "call_out");
  if (callOut) lines.push({ kind: "call_out", description: callOut.name, quantity: 1, unitCents: callOut.unitCents, taxable: callOut.taxable });

  const grouped = new Map<string, LineInput>();
  for (const d of input.devices) {
    const cls = deviceClassOf(d.kind);
    const item = activeItem(list, (i) => i.kind === "device" && i.brand === d.brand && i.deviceClass === cls);
    const charged = CHARGED[d.charge](rules.noFixNoFee);
    const unitCents = charged ? (item?.unitCents ?? 0) : 0;
    const taxable = item?.taxable ?? true;
    if (input.perDevice) {
      const why = !charged ? (d.charge === "unrecovered" ? " (no fix, no fee)" : " (not charged)") : item ? "" : " (no price set)";
      lines.push({ kind: "device", description: `${deviceLabel(d)}${NOTE[d.charge]}${why}`, quantity: 1, unitCents, taxable, deviceId: d.deviceId ?? null });
      continue;
    }
    const key = `${d.brand}:${cls}:${unitCents}`;
    const g = grouped.get(key);
    if (g) g.quantity += 1;
    else
      grouped.set(key, {
        kind: "device",
        description: item?.name ?? `${deviceLabel({ brand: d.brand, kind: d.kind })} (no price set)`,
        quantity: 1,
        unitCents,
        taxable,
      });
  }
  lines.push(...grouped.values());

  const fee = activeItem(list, (i) => i.kind === "vendor_case_fee");
  if (fee && (input.vendorCases ?? 0) > 0) {
    lines.push({ kind: "vendor_case_fee", description: fee.name, quantity: input.vendorCases!, unitCents: fee.unitCents, taxable: fee.taxable });
  }
  const surcharges = surchargesFor(input.startsAt, input.bookedAt ?? new Date(), rules);
  for (const s of surcharges) {
    const item = activeItem(list, (i) => i.kind === "surcharge" && i.surcharge === s);
    if (item) lines.push({ kind: "surcharge", description: item.name, quantity: 1, unitCents: item.unitCents, taxable: item.taxable });
  }
  return { lines, surcharges };
}

/** "Call-out $89.00 + 2 × $49.00 = $187.00 before tax". */
export function quoteSummary(lines: readonly PricedLine[], subtotalCents: number, currency: Currency, locale: string) {
  const m = (c: number) => formatMoney(c, currency, locale);
  const parts = lines
    .filter((l) => l.netCents > 0)
    .map((l) =>
      l.kind === "call_out"
        ? `Call-out ${m(l.unitCents)}`
        : l.kind === "device"
          ? `${l.quantity} × ${m(l.unitCents)}`
          : `${l.description} ${l.quantity > 1 ? `${l.quantity} × ` : ""}${m(l.unitCents)}`,
    );
  return `${parts.length ? parts.join(" + ") : m(0)} = ${m(subtotalCents)} before tax`;
}

/** The priced quote: lines with their tax (rounded once per line), totals as the sum of lines, and the one-line summary. */
export function priceVisit(input: PriceInput): Quote {
  const { lines: raw, surcharges } = visitLines(input);
  const lines = raw.map((l) => priceLine(l, input.rules.taxRate));
  const totals = sumLines(lines);
  return {
    ...totals,
    lines,
    surcharges,
    currency: input.rules.currency,
    summary: quoteSummary(lines, totals.subtotalCents, input.rules.currency, input.rules.locale),
  };
}
