"use client";
import { FormMessage } from "@/app/_ui/field";
import { useActionForm } from "@/app/_ui/use-action-form";
import { BRANDS, type Brand } from "@/lib/values";
import { BRAND_LABELS } from "@/lib/values/labels";
import { brandsSchema } from "@/lib/availability/schemas";
import { setBrandsAction } from "../actions";

export function BrandsForm({ technicianId, brands }: { technicianId: string; brands: Brand[] }) {
  const { form, onSubmit, formError } = useActionForm(brandsSchema, setBrandsAction, {
    defaultValues: { technicianId, brands },
    toast: (r) => `Brands saved: ${r.brands.map((b) => BRAND_LABELS[b]).join(", ")}.`,
  });
  const error = form.formState.errors.brands?.message ?? form.formState.errors.brands?.root?.message;
  return (
    <form onSubmit={onSubmit} noValidate aria-label="Brands handled" className="space-y-4">
      <FormMessage id="brands-message" error={formError} />
      <fieldset aria-describedby="brands-error">
        <legend className="label">Brands this technician handles</legend>
        <div className="flex flex-wrap gap-4">
          {BRANDS.map((b) => (
            <label key={b} className="flex min-h-11 items-center gap-2">
              <input type="checkbox" value={b} className="size-5" {...form.register("brands")} />
              {BRAND_LABELS[b]}
            </label>
          ))}
        </div>
        <p id="brands-error" className="field-error" aria-live="polite">
          {error ?? ""}
        </p>
      </fieldset>
      <button type="submit" className="btn-primary" disabled={form.formState.isSubmitting}>
        {form.formState.isSubmitting ? "Saving…" : "Save brands"}
      </button>
    </form>
  );
}
