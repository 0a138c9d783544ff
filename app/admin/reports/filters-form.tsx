import Link from "next/link";
import { SelectField, TextField } from "@/app/_ui/field";
import { BRANDS, DEVICE_KINDS, RECOVERY_OPTIONS, WARRANTY_SEALS } from "@/lib/values";
import { BRAND_LABELS, KIND_LABELS, RECOVERY_OPTION_LABELS, SEAL_LABELS } from "@/lib/values/labels";

type Person = { id: string; name: string };
type Props = {
  values: Record<string, string | undefined>;
  errors: Record<string, string>;
  technicians: Person[];
  customers?: Person[];
  /** This quarter compared with the last, the other filters kept. */
  quarterHref?: string;
};

/** A plain GET form: the filters live in the URL, so a filtered report can be bookmarked and shared. */
export function FiltersForm({ values, errors, technicians, customers = [], quarterHref }: Props) {
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
          hint="e.g. 7608; the matching models are listed with the report"
        />
        <TextField
          label="Firmware contains"
          name="firmware"
          defaultValue={values.firmware ?? ""}
          error={errors.firmware}
          maxLength={100}
          hint="e.g. V4.30; the matching versions are listed with the report"
        />
        <SelectField label="Recovery option the device had" name="option" defaultValue={values.option ?? ""} error={errors.option}>
          <option value="">Any</option>
          {RECOVERY_OPTIONS.map((o) => (
            <option key={o} value={o}>
              {RECOVERY_OPTION_LABELS[o]}
            </option>
          ))}
        </SelectField>
        <SelectField label="Warranty seal" name="seal" defaultValue={values.seal ?? ""} error={errors.seal}>
          <option value="">Any</option>
          {WARRANTY_SEALS.map((o) => (
            <option key={o} value={o}>
              {SEAL_LABELS[o]}
            </option>
          ))}
        </SelectField>
        <SelectField label="Attempt on the device" name="attempt" defaultValue={values.attempt ?? ""} error={errors.attempt}>
          <option value="">All attempts</option>
          <option value="first">First attempt on the device</option>
          <option value="later">Later attempts (the first did not settle it)</option>
        </SelectField>
        <SelectField label="Customer" name="customer" defaultValue={values.customer ?? ""} error={errors.customer}>
          <option value="">All customers</option>
          {customers.map((c) => (
            <option key={c.id} value={c.id}>
              {c.name}
            </option>
          ))}
        </SelectField>
      </div>
      <fieldset className="mt-2 grid gap-x-4 sm:grid-cols-2 lg:grid-cols-3">
        <legend className="mb-1 text-sm font-semibold">Compare with another period (optional)</legend>
        <TextField label="Other period starts" name="cfrom" type="date" defaultValue={values.cfrom ?? ""} error={errors.cfrom} />
        <TextField label="Other period ends" name="cto" type="date" defaultValue={values.cto ?? ""} error={errors.cto} hint="Same filters, these dates." />
      </fieldset>
      <div className="mt-2 flex flex-wrap gap-3">
        <button type="submit" className="btn-primary">
          Apply filters
        </button>
        <Link href="/admin/reports" className="btn-secondary">
          Clear filters
        </Link>
        {quarterHref ? (
          <Link href={quarterHref} className="btn-secondary">
            This quarter vs last
          </Link>
        ) : null}
      </div>
    </form>
  );
}
