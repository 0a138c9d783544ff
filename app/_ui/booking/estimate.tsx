"use client";
import { formatMoney } from "@/lib/billing/money";
import { priceVisit, type PriceListItem, type PriceRules } from "@/lib/billing/price";
import type { Brand, DeviceKind } from "@/lib/values";
import { SURCHARGE_LABELS } from "@/lib/values/labels";

export type Pricing = { priceList: PriceListItem[]; rules: PriceRules };

/**
 * The estimate shown before confirming: the same price function the invoice
 * uses (lib/billing/price.ts), run here on the public price list, for the
 * devices and the chosen time (surcharges by the visit's local time).
 */
export function BookingEstimate({ pricing, devices, slotStart }: { pricing: Pricing; devices: { brand: Brand; kind: DeviceKind }[]; slotStart: string }) {
  if (!devices.length || !slotStart) return null;
  const q = priceVisit({
    ...pricing,
    devices: devices.map((d) => ({ ...d, charge: "estimate" as const })),
    startsAt: new Date(slotStart),
    bookedAt: new Date(),
  });
  const m = (c: number) => formatMoney(c, q.currency, pricing.rules.locale);
  return (
    <div className="rounded-lg border border-brand-700 bg-brand-50 px-3 py-2" data-testid="booking-estimate" aria-live="polite">
      <p className="font-semibold">Estimate: {q.summary}</p>
      <p className="text-sm text-slate-700">
        {q.surcharges.length ? `Includes: ${q.surcharges.map((s) => SURCHARGE_LABELS[s].toLowerCase()).join(", ")}. ` : ""}
        With tax about {m(q.totalCents)}. The invoice follows the work done
        {pricing.rules.noFixNoFee ? ": devices we cannot recover are not charged (no fix, no fee)." : "."}
      </p>
    </div>
  );
}
