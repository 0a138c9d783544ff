import type { Metadata } from "next";
import Link from "next/link";
import { requirePagePermission } from "@/app/_ui/guard";
import { listPriceItems } from "@/lib/billing/price-list";
import { getSettings } from "@/lib/settings/company";
import { PriceListForm } from "./price-list-form";

export const metadata: Metadata = { title: "Price list" };

export default async function PricesPage() {
  const actor = await requirePagePermission("billing:manage");
  const [items, s] = await Promise.all([listPriceItems(actor), getSettings()]);
  return (
    <div className="space-y-4">
      <h1 className="text-2xl font-bold">Price list</h1>
      <p className="text-slate-700">
        Booking estimates and draft invoices are priced from this list, in {s.currency}. Tax ({s.taxName} {s.taxRatePercent}%), payment terms, business hours
        (for the after-hours surcharge) and the no-fix-no-fee policy ({s.noFixNoFee ? "on" : "off"}) are in <Link href="/admin/settings">Settings</Link>.
      </p>
      <div className="card">
        <PriceListForm
          items={items.map((i) => ({
            id: i.id,
            kind: i.kind,
            brand: i.brand ?? "",
            deviceClass: i.deviceClass ?? "",
            surcharge: i.surcharge ?? "",
            name: i.name,
            unitPrice: (i.unitCents / 100).toFixed(2),
            taxable: i.taxable,
            active: i.active,
          }))}
        />
      </div>
    </div>
  );
}
