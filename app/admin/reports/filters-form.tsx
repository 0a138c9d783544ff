import Link from "next/link";
import { SelectField, TextField } from "@/app/_ui/field";
import { BRANDS, DEVICE_KINDS } from "@/lib/values";
import { BRAND_LABELS, KIND_LABELS } from "@/lib/values/labels";

type Props = { values: Record<string, string | undefined>; errors: Record<string, string>; technicians: { id: string; name: string }[] };

/** A plain GET form: the filters live in the URL, so a filtered report can be bookmarked and shared. */
export function FiltersForm({ values, errors, technicians }: Props) {
  return (
    <form method="get" action="/admin/reports" className="card" aria-labelledby="filters-heading">
      <h2 id="filters-heading" className="mb-3 text-lg font-semibold">
        Filters
      </h2>
      <div className="grid gap-x-4 sm:grid-cols-2 lg:grid-cols-3">
        <TextField label="From (day)" name="from" type="date" defaultValue={values.from ?? ""} error={errors.from} hint="Empty: from the first attempt." />
        <TextField label="To (day)" name="to" type="date" defaultValue={values.to ?? ""} error={errors.to} hint="Inclusive, company time zone." />
        <SelectField label="Brand" name="brand" defaultValue={values.brand ?? ""} error={errors.brand}>
          <option value="">All brands</option>
          {BRANDS.map((b) => (
            <option key={b} value={b}>
              {BRAND_LABELS[b]}
            </option>
          ))}
        </SelectField>
        <SelectField label="Device kind" name="kind" defaultValue={values.kind ?? ""} error={errors.kind}>
          <option value="">All kinds</option>
          {DEVICE_KINDS.map((k) => (
            <option key={k} value={k}>
              {KIND_LABELS[k]}
            </option>
          ))}
        </SelectField>
        <SelectField label="Technician" name="technician" defaultValue={values.technician ?? ""} error={errors.technician}>
          <option value="">All technicians</option>
          {technicians.map((t) => (
            <option key={t.id} value={t.id}>
              {t.name}
            </option>
          ))}
        </SelectField>
        <TextField
          label="Model contains"
          name="model"
          defaultValue={values.model ?? ""}
          error={errors.model}
          maxLength={100}
          hint="e.g. 7608 (slower: read from every attempt)"
        />
      </div>
      <div className="mt-2 flex flex-wrap gap-3">
        <button type="submit" className="btn-primary">
          Apply filters
        </button>
        <Link href="/admin/reports" className="btn-secondary">
          Clear filters
        </Link>
      </div>
    </form>
  );
}
