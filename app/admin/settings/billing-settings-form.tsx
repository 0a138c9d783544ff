"use client";
import { useRouter } from "next/navigation";
import { useState } from "react";
import { ActionButton } from "@/app/_ui/action-button";
import { FormMessage, SelectField, TextField } from "@/app/_ui/field";
import { errorAt, useActionForm } from "@/app/_ui/use-action-form";
import { billingSettingsSchema, type BillingSettings } from "@/lib/settings/schema";
import { CURRENCIES, PAYMENT_TERMS } from "@/lib/values";
import { removeLogoAction, saveBillingSettingsAction } from "./billing-actions";

export function BillingSettingsForm({ settings }: { settings: BillingSettings }) {
  const { form, onSubmit, formError } = useActionForm(billingSettingsSchema, saveBillingSettingsAction, {
    defaultValues: settings,
    toast: "Billing settings saved.",
  });
  const e = form.formState.errors;
  const num = { valueAsNumber: true } as const;
  return (
    <form onSubmit={onSubmit} noValidate aria-label="Billing settings" className="space-y-4">
      <FormMessage id="billing-settings-message" error={formError} />
      <div className="grid gap-4 sm:grid-cols-2">
        <SelectField label="Currency" id="b-currency" error={errorAt(e, "currency")} {...form.register("currency")}>
          {CURRENCIES.map((c) => (
            <option key={c} value={c}>
              {c}
            </option>
          ))}
        </SelectField>
        <SelectField label="Payment terms" id="b-terms" error={errorAt(e, "paymentTermsDays")} {...form.register("paymentTermsDays", num)}>
          {PAYMENT_TERMS.map((d) => (
            <option key={d} value={d}>
              {d === 0 ? "Due on receipt" : `Net ${d} days`}
            </option>
          ))}
        </SelectField>
        <TextField label="Tax name" id="b-tax-name" error={errorAt(e, "taxName")} {...form.register("taxName")} />
        <TextField
          label="Tax rate (%)"
          id="b-tax-rate"
          type="number"
          step="0.001"
          inputMode="decimal"
          hint="Applied to taxable lines, rounded per line."
          error={errorAt(e, "taxRatePercent")}
          {...form.register("taxRatePercent", num)}
        />
        <TextField
          label="Business hours start"
          id="b-open"
          type="time"
          hint="Visits starting before this get the after-hours surcharge."
          error={errorAt(e, "businessHoursStart")}
          {...form.register("businessHoursStart")}
        />
        <TextField
          label="Business hours end"
          id="b-close"
          type="time"
          hint="…and visits starting at or after this."
          error={errorAt(e, "businessHoursEnd")}
          {...form.register("businessHoursEnd")}
        />
        <TextField
          label="Overdue reminder after (days past due)"
          id="b-remind"
          type="number"
          inputMode="numeric"
          error={errorAt(e, "overdueReminderDays")}
          {...form.register("overdueReminderDays", num)}
        />
        <TextField
          label="Estimates valid for (days)"
          id="b-valid"
          type="number"
          inputMode="numeric"
          error={errorAt(e, "estimateValidDays")}
          {...form.register("estimateValidDays", num)}
        />
      </div>
      <label className="flex min-h-11 items-center gap-3">
        <input type="checkbox" className="size-5" {...form.register("noFixNoFee")} />
        <span>
          <span className="font-medium">No fix, no fee</span>: devices that could not be recovered are not charged (the call-out still is).
        </span>
      </label>
      <button type="submit" className="btn-primary" disabled={form.formState.isSubmitting}>
        {form.formState.isSubmitting ? "Saving…" : "Save billing settings"}
      </button>
    </form>
  );
}

/** Upload the logo printed on PDFs (PNG or JPEG, checked on the server by its bytes). */
export function LogoUpload({ current }: { current: string | null }) {
  const router = useRouter();
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  return (
    <div className="space-y-2">
      {current ? (
        // eslint-disable-next-line @next/next/no-img-element -- a data URL preview
        <img src={current} alt="Current company logo" className="max-h-16 rounded border border-slate-200 bg-white p-1" />
      ) : (
        <p className="text-sm text-slate-700">No logo yet: documents show the company name only.</p>
      )}
      <label htmlFor="logo-file" className="label">
        Logo (PNG or JPEG, at most 512 KB)
      </label>
      <input
        id="logo-file"
        type="file"
        accept="image/png,image/jpeg"
        className="input"
        aria-describedby="logo-error"
        disabled={busy}
        onChange={async (ev) => {
          const file = ev.target.files?.[0];
          if (!file) return;
          setError(null);
          setBusy(true);
          try {
            const res = await fetch("/admin/settings/logo", { method: "POST", body: file, headers: { "Content-Type": "application/octet-stream" } });
            if (!res.ok) {
              const p = (await res.json().catch(() => null)) as { detail?: string } | null;
              setError(p?.detail ?? "The logo could not be saved.");
            } else router.refresh();
          } catch {
            setError("We could not reach the server. Check your connection and try again.");
          } finally {
            setBusy(false);
            ev.target.value = "";
          }
        }}
      />
      <p id="logo-error" role="alert" className="field-error">
        {error ?? ""}
      </p>
      {current ? <ActionButton action={() => removeLogoAction({})} label="Remove logo" onDone={() => router.refresh()} /> : null}
    </div>
  );
}
