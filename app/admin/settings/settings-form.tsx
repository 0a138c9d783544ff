"use client";
import { FormMessage, SelectField, TextField } from "@/app/_ui/field";
import { useActionForm } from "@/app/_ui/use-action-form";
import { canonicalLocale, formatDayLabel, formatTimeRange } from "@/lib/format/dates";
import { VENDORS } from "@/lib/values";
import { VENDOR_LABELS } from "@/lib/values/labels";
import { generalSettingsSchema, type CompanySettings } from "@/lib/settings/schema";
import { NUMBER_SETTING_FIELDS, type NumberSettingField } from "@/lib/settings/fields";
import { visitMinutes } from "@/lib/booking/visit-length";
import { saveSettingsAction } from "./actions";

/** The security settings (lib/settings/schema.ts); the session lifetimes and the technicians' backup grace. */
const SECURITY: readonly NumberSettingField[] = [
  { key: "staffSessionHours", label: "Staff sign-in lasts (hours)", hint: "Technicians and admins sign in again after this long, however active." },
  { key: "customerSessionDays", label: "Customer sign-in lasts (days)", hint: "Customers sign in again after this long." },
  {
    key: "backupAccessGraceHours",
    label: "Technician backup access after a visit (hours)",
    hint: "How long a technician may still download a device's backups after completing the visit.",
  },
];

/** Suggestions for the locale field (any BCP 47 tag Intl knows is accepted). */
const LOCALES = ["en-US", "en-CA", "en-GB", "en-AU", "es-US", "fr-CA", "es-MX"];
/** "For example: 1 device 60 min, 2 devices 90 min, 3 devices 120 min.", from the rule bookings use and the values being edited. */
function visitLengthExample(base: unknown, extra: unknown) {
  const s = { visitBaseMinutes: Number(base), visitPerDeviceMinutes: Number(extra) };
  if (!Number.isFinite(s.visitBaseMinutes) || !Number.isFinite(s.visitPerDeviceMinutes)) return null;
  return `For example: ${[1, 2, 3].map((n) => `${n} device${n === 1 ? "" : "s"} ${visitMinutes(s, n)} min`).join(", ")}.`;
}

/** A fixed afternoon for the preview (the same text on the server and in the browser). */
const SAMPLE = [new Date("2026-03-02T19:30:00Z"), new Date("2026-03-02T21:00:00Z")] as const;

function localePreview(locale: string | undefined, timeZone: string) {
  const tag = canonicalLocale(locale ?? "");
  if (!tag) return "an unknown language tag";
  const z = { timeZone, locale: tag };
  return `${formatDayLabel(SAMPLE[0], z)}, ${formatTimeRange(SAMPLE[0], SAMPLE[1], z)}`;
}

export function SettingsForm({ settings, timeZones }: { settings: CompanySettings; timeZones: string[] }) {
  const { form, onSubmit, formError } = useActionForm(generalSettingsSchema, saveSettingsAction, {
    defaultValues: settings,
    toast: "Settings saved.",
  });
  const e = form.formState.errors;
  const zones = timeZones.includes(settings.timeZone) ? timeZones : [settings.timeZone, ...timeZones];
  return (
    <form onSubmit={onSubmit} noValidate aria-label="Company settings" className="space-y-6">
      <FormMessage id="settings-message" error={formError} />
      <fieldset className="grid gap-4 sm:grid-cols-2">
        <legend className="mb-2 text-base font-semibold">Company</legend>
        <TextField label="Company name" id="s-name" error={e.companyName?.message} {...form.register("companyName")} />
        <TextField label="Phone" id="s-phone" type="tel" error={e.companyPhone?.message} {...form.register("companyPhone")} />
        <TextField label="Email" id="s-email" type="email" error={e.companyEmail?.message} {...form.register("companyEmail")} />
        <TextField label="Address" id="s-address" error={e.companyAddress?.message} {...form.register("companyAddress")} />
        <SelectField
          label="Time zone"
          id="s-tz"
          hint="Working hours, time off and bookings are in this zone."
          error={e.timeZone?.message}
          {...form.register("timeZone")}
        >
          {zones.map((z) => (
            <option key={z} value={z}>
              {z}
            </option>
          ))}
        </SelectField>
        <TextField
          label="Date and time format (locale)"
          id="s-locale"
          list="s-locale-list"
          autoComplete="off"
          spellCheck={false}
          hint={
            <>
              A language tag: en-US writes Mar 2, 2:30 PM; en-GB writes 2 Mar, 14:30. Every page and email shows dates and times this way.
              <span className="mt-1 block">
                Preview:{" "}
                <span data-testid="locale-preview" className="font-medium text-slate-800">
                  {localePreview(form.watch("locale"), form.watch("timeZone") ?? settings.timeZone)}
                </span>
              </span>
            </>
          }
          error={e.locale?.message}
          {...form.register("locale")}
        />
        <datalist id="s-locale-list">
          {LOCALES.map((l) => (
            <option key={l} value={l} />
          ))}
        </datalist>
      </fieldset>
      <fieldset className="grid gap-4 sm:grid-cols-2">
        <legend className="mb-2 text-base font-semibold">Booking rules</legend>
        {NUMBER_SETTING_FIELDS.map((n) => (
          <TextField
            key={n.key}
            label={n.label}
            id={`s-${n.key}`}
            type="number"
            inputMode="numeric"
            hint={
              n.key === "visitPerDeviceMinutes" ? (
                <>
                  {n.hint}
                  <span className="mt-1 block" data-testid="visit-length-example">
                    {visitLengthExample(form.watch("visitBaseMinutes"), form.watch("visitPerDeviceMinutes"))}
                  </span>
                </>
              ) : (
                n.hint
              )
            }
            error={e[n.key]?.message}
            {...form.register(n.key, { valueAsNumber: true })}
          />
        ))}
      </fieldset>
      <fieldset className="grid gap-4 sm:grid-cols-3">
        <legend className="mb-2 text-base font-semibold">Vendor support addresses</legend>
        <p className="text-sm text-slate-700 sm:col-span-3">
          A vendor case&apos;s email (device facts, the customer&apos;s authorization, evidence photos, the exported file) goes here. Leave one empty to send
          that vendor&apos;s cases another way (phone, portal).
        </p>
        {VENDORS.map((v) => (
          <TextField
            key={v}
            label={`${VENDOR_LABELS[v]} support email`}
            id={`s-vendor-${v}`}
            type="email"
            autoComplete="off"
            error={e.vendorSupportEmails?.[v]?.message}
            {...form.register(`vendorSupportEmails.${v}`)}
          />
        ))}
      </fieldset>
      <fieldset className="grid gap-4 sm:grid-cols-2">
        <legend className="mb-2 text-base font-semibold">Security</legend>
        {SECURITY.map((n) => (
          <TextField
            key={n.key}
            label={n.label}
            id={`s-${n.key}`}
            type="number"
            inputMode="numeric"
            hint={n.hint}
            error={e[n.key]?.message}
            {...form.register(n.key, { valueAsNumber: true })}
          />
        ))}
      </fieldset>
      <button type="submit" className="btn-primary" disabled={form.formState.isSubmitting}>
        {form.formState.isSubmitting ? "Saving…" : "Save settings"}
      </button>
    </form>
  );
}
