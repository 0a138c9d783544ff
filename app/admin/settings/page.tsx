import type { Metadata } from "next";
import { requirePagePermission } from "@/app/_ui/guard";
import { ActionButton } from "@/app/_ui/action-button";
import { listHolidays } from "@/lib/availability/holidays";
import { getSettings } from "@/lib/settings/company";
import { removeHolidayAction } from "./actions";
import { HolidayForm } from "./holiday-form";
import { SettingsForm } from "./settings-form";

export const metadata: Metadata = { title: "Settings" };

export default async function SettingsPage() {
  const actor = await requirePagePermission("settings:manage");
  const [settings, holidays] = await Promise.all([getSettings(), listHolidays(actor)]);
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
