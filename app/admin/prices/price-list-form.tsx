"use client";
import { X } from "lucide-react";
import { useFieldArray, useWatch } from "react-hook-form";
import { FormMessage, SelectField, TextField } from "@/app/_ui/field";
import { errorAt, useActionForm } from "@/app/_ui/use-action-form";
import { priceListSchema } from "@/lib/billing/schemas";
import { BRANDS, DEVICE_CLASSES, PRICE_ITEM_KINDS, SURCHARGES } from "@/lib/values";
import { BRAND_LABELS, DEVICE_CLASS_LABELS, PRICE_ITEM_KIND_LABELS, SURCHARGE_LABELS } from "@/lib/values/labels";
import { savePriceListAction } from "./actions";

export type PriceRow = {
  id: string;
  kind: (typeof PRICE_ITEM_KINDS)[number];
  brand: string;
  deviceClass: string;
  surcharge: string;
  name: string;
  unitPrice: string;
  taxable: boolean;
  active: boolean;
};

/** The price list: call-out, per device by brand and kind, surcharges, the vendor-case fee and extras, each with a tax flag. */
export function PriceListForm({ items }: { items: PriceRow[] }) {
  const { form, onSubmit, formError } = useActionForm(priceListSchema, savePriceListAction as never, {
    sendInput: true,
    defaultValues: { items } as never,
    toast: "Price list saved.",
  });
  const { fields, append, remove } = useFieldArray({ control: form.control, name: "items" });
  const rows = (useWatch({ control: form.control, name: "items" }) ?? []) as PriceRow[];
  const e = form.formState.errors;
  return (
    <form onSubmit={onSubmit} noValidate aria-label="Price list" className="space-y-3">
      <FormMessage error={formError} id="prices-message" />
      <ul className="space-y-3">
        {fields.map((f, i) => {
          const kind = rows[i]?.kind;
          return (
            <li key={f.id} className="grid gap-2 rounded-lg border border-slate-200 p-3 md:grid-cols-[10rem_1fr_8rem_auto_auto_auto]" data-testid="price-row">
              <SelectField label="For" id={`p-${i}-kind`} error={errorAt(e, `items.${i}.kind`)} {...form.register(`items.${i}.kind`)}>
                {PRICE_ITEM_KINDS.map((k) => (
                  <option key={k} value={k}>
                    {PRICE_ITEM_KIND_LABELS[k]}
                  </option>
                ))}
              </SelectField>
              <div className="grid gap-2 sm:grid-cols-2">
                <TextField label="Name on documents" id={`p-${i}-name`} error={errorAt(e, `items.${i}.name`)} {...form.register(`items.${i}.name`)} />
                {kind === "device" ? (
                  <div className="grid grid-cols-2 gap-2">
                    <SelectField label="Brand" id={`p-${i}-brand`} error={errorAt(e, `items.${i}.brand`)} {...form.register(`items.${i}.brand`)}>
                      <option value="">Choose…</option>
                      {BRANDS.map((b) => (
                        <option key={b} value={b}>
                          {BRAND_LABELS[b]}
                        </option>
                      ))}
                    </SelectField>
                    <SelectField label="Kind" id={`p-${i}-class`} error={errorAt(e, `items.${i}.deviceClass`)} {...form.register(`items.${i}.deviceClass`)}>
                      <option value="">Choose…</option>
                      {DEVICE_CLASSES.map((c) => (
                        <option key={c} value={c}>
                          {DEVICE_CLASS_LABELS[c]}
                        </option>
                      ))}
                    </SelectField>
                  </div>
                ) : kind === "surcharge" ? (
                  <SelectField label="Which" id={`p-${i}-surcharge`} error={errorAt(e, `items.${i}.surcharge`)} {...form.register(`items.${i}.surcharge`)}>
                    <option value="">Choose…</option>
                    {SURCHARGES.map((x) => (
                      <option key={x} value={x}>
                        {SURCHARGE_LABELS[x]}
                      </option>
                    ))}
                  </SelectField>
                ) : null}
              </div>
              <TextField
                label="Price"
                id={`p-${i}-price`}
                inputMode="decimal"
                error={errorAt(e, `items.${i}.unitPrice`)}
                {...form.register(`items.${i}.unitPrice`)}
              />
              <label className="flex min-h-11 items-center gap-2 self-end pb-6 text-sm">
                <input type="checkbox" className="size-5" {...form.register(`items.${i}.taxable`)} /> Taxable
              </label>
              <label className="flex min-h-11 items-center gap-2 self-end pb-6 text-sm">
                <input type="checkbox" className="size-5" {...form.register(`items.${i}.active`)} /> In use
              </label>
              <button type="button" className="btn-secondary mb-6 self-end px-3" onClick={() => remove(i)} aria-label={`Remove price ${i + 1}`}>
                <X aria-hidden className="size-4" />
              </button>
            </li>
          );
        })}
      </ul>
      <div className="flex flex-wrap gap-3">
        <button
          type="button"
          className="btn-secondary"
          onClick={() =>
            append({ id: "", kind: "extra", brand: "", deviceClass: "", surcharge: "", name: "", unitPrice: "0.00", taxable: true, active: true } as never)
          }
        >
          Add a price
        </button>
        <button type="submit" className="btn-primary" disabled={form.formState.isSubmitting}>
          {form.formState.isSubmitting ? "Saving…" : "Save price list"}
        </button>
      </div>
    </form>
  );
}
