import type { Metadata } from "next";
import Link from "next/link";
import { MapPin, Phone } from "lucide-react";
import { requirePagePermission } from "@/app/_ui/guard";
import { fullAddress } from "@/app/_field/format";
import { StatusBadge } from "@/app/_ui/status-badge";
import { StatusButton, UndoStatusButton } from "@/app/_field/status-button";
import { DAY_RANGES, listMyVisits, mapsUrl, type DayRange, type DayVisit } from "@/lib/field/day";
import { formatTimeRange, formatWeekdayDate, type ZoneAndLocale } from "@/lib/format/dates";
import { getSettings } from "@/lib/settings/company";

export const metadata: Metadata = { title: "My day" };

const TAB_LABELS: Record<DayRange, string> = { today: "Today", tomorrow: "Tomorrow", week: "Week" };

export default async function TechHome({ searchParams }: { searchParams: Promise<{ range?: string }> }) {
  const actor = await requirePagePermission("area:tech");
  const { range: raw } = await searchParams;
  const range: DayRange = (DAY_RANGES as readonly string[]).includes(raw ?? "") ? (raw as DayRange) : "today";
  const [day, settings] = await Promise.all([listMyVisits(actor, range), getSettings()]);
  const zone = { timeZone: day.timeZone, locale: settings.locale };
  const groups = new Map<string, DayVisit[]>();
  for (const v of day.visits) {
    const key = formatWeekdayDate(v.startsAt, zone);
    groups.set(key, [...(groups.get(key) ?? []), v]);
  }
  return (
    <div className="space-y-4">
      <h1 className="text-2xl font-bold">My day</h1>
      <nav aria-label="Which days" className="grid grid-cols-3 gap-1 rounded-xl bg-slate-200 p-1">
        {DAY_RANGES.map((r) => (
          <Link
            key={r}
            href={r === "today" ? "/tech" : `/tech?range=${r}`}
            aria-current={r === range ? "page" : undefined}
            className={`flex min-h-11 items-center justify-center rounded-lg text-base font-semibold no-underline ${r === range ? "bg-white text-slate-900 shadow" : "text-slate-700"}`}
          >
            {TAB_LABELS[r]}
          </Link>
        ))}
      </nav>
      {day.visits.length === 0 ? (
        <div className="card">
          <p className="text-slate-700">No visits {range === "week" ? "this week" : range}.</p>
        </div>
      ) : (
        [...groups.entries()].map(([label, list]) => (
          <section key={label} aria-label={label} className="space-y-3">
            {range === "week" ? <h2 className="text-lg font-semibold text-slate-800">{label}</h2> : null}
            <ol className="space-y-3">
              {list.map((v) => (
                <VisitCard key={v.id} v={v} zone={zone} />
              ))}
            </ol>
          </section>
        ))
      )}
    </div>
  );
}

function VisitCard({ v, zone }: { v: DayVisit; zone: ZoneAndLocale }) {
  const address = fullAddress(v);
  const move = v.move;
  return (
    <li className="card space-y-3" data-testid={`visit-${v.reference}`}>
      <div className="flex items-start justify-between gap-2">
        <div>
          <p className="text-lg font-bold">{formatTimeRange(v.startsAt, v.endsAt, zone)}</p>
          <p className="font-medium text-slate-800">{v.customerName}</p>
        </div>
        <StatusBadge status={v.status} />
      </div>
      <a href={mapsUrl(address)} className="flex min-h-11 items-center gap-2 text-base" target="_blank" rel="noopener">
        <MapPin aria-hidden className="size-5 shrink-0" />
        <span>{address}</span>
      </a>
      {v.customerPhone ? (
        <a href={`tel:${v.customerPhone.replace(/[^\d+]/g, "")}`} className="flex min-h-11 items-center gap-2 text-base">
          <Phone aria-hidden className="size-5 shrink-0" />
          <span>Call {v.customerPhone}</span>
        </a>
      ) : null}
      {v.devices.length ? <p className="text-sm text-slate-700">{v.devices.join(" · ")}</p> : null}
      {v.undo ? <UndoStatusButton key={v.undo.undoUntil} visitId={v.id} undo={v.undo} /> : null}
      {!move && v.status === "scheduled" ? <p className="text-sm text-slate-700">“On my way” opens on the day of the visit.</p> : null}
      <div className="flex flex-col gap-2 sm:flex-row">
        {move ? <StatusButton visitId={v.id} to={move.to} label={move.label} /> : null}
        <Link href={`/tech/visits/${v.id}`} className={`${move ? "btn-secondary" : "btn-primary"} w-full`}>
          Open job {v.reference}
        </Link>
      </div>
    </li>
  );
}
