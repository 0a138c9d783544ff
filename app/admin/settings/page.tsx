import type { Metadata } from "next";
import { requirePagePermission } from "@/app/_ui/guard";
import { ActionButton } from "@/app/_ui/action-button";
import { listHolidays } from "@/lib/availability/holidays";
import { getSettings } from "@/lib/settings/company";
import { removeHolidayAction } from "./actions";
import { HolidayForm } from "./holiday-form";
import { SettingsForm } from "./settings-form";
import { BillingSettingsForm, LogoUpload } from "./billing-settings-form";
import { logoDataUrl } from "@/lib/billing/logo";
import Link from "next/link";

export const metadata: Metadata = { title: "Settings" };

export default async function SettingsPage() {
  const actor = await requirePagePermission("settings:manage");
  const [settings, holidays, logo] = await Promise.all([getSettings(), listHolidays(actor), logoDataUrl(actor)]);
  const timeZones = Intl.supportedValuesOf("timeZone");
  return (
    <div className="space-y-6">
      <h1 className="text-2xl font-bold">Settings</h1>
      <section className="card" aria-labelledby="company-heading">
        <h2 id="company-heading" className="sr-only">
          Company and booking rules
        </h2>
        <SettingsForm settings={settings} timeZones={timeZones} />
      </section>
      <section className="card space-y-4" aria-labelledby="billing-heading">
        <h2 id="billing-heading" className="text-lg font-semibold">
          Billing
        </h2>
        <p className="text-sm text-slate-600">
          Prices are in the <Link href="/admin/prices">price list</Link>.
        </p>
        <BillingSettingsForm
          settings={{
            currency: settings.currency,
            taxName: settings.taxName,
            taxRatePercent: settings.taxRatePercent,
            paymentTermsDays: settings.paymentTermsDays,
            noFixNoFee: settings.noFixNoFee,
            overdueReminderDays: settings.overdueReminderDays,
            estimateValidDays: settings.estimateValidDays,
            businessHoursStart: settings.businessHoursStart,
            businessHoursEnd: settings.businessHoursEnd,
          }}
        />
        <LogoUpload current={logo} />
      </section>
      <section className="card" aria-labelledby="holidays-heading">
        <h2 id="holidays-heading" className="text-lg font-semibold">
          Holidays
        </h2>
        <p className="mb-4 text-sm text-slate-600">Nobody can book on these days ({settings.timeZone}).</p>
        {holidays.length ? (
          <ul className="mb-6 divide-y divide-slate-100" aria-label="Upcoming holidays">
            {holidays.map((h) => (
              <li key={h.day} className="flex flex-wrap items-center justify-between gap-2 py-2" data-testid={`holiday-${h.day}`}>
                <span>
                  <span className="font-medium">{h.label}</span> · {h.name}
                </span>
                <ActionButton
                  label="Remove"
                  context={`${h.name} (${h.day})`}
                  pendingLabel="Removing…"
                  doneMessage={`Holiday ${h.name} removed.`}
                  action={removeHolidayAction.bind(null, { day: h.day })}
                />
              </li>
            ))}
          </ul>
        ) : (
          <p className="mb-6 text-sm text-slate-600">No upcoming holidays.</p>
        )}
        <HolidayForm />
      </section>
    </div>
  );
}
