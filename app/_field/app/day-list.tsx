"use client";
import { MapPin, Phone } from "lucide-react";
import { StatusBadge } from "@/app/_ui/status-badge";
import type { FieldJob } from "@/lib/field/sync";
import { formatTimeRange, formatWeekdayDate, type ZoneAndLocale } from "@/lib/format/dates";
import type { VisitStatus } from "@/lib/values";
import { nextMove } from "@/lib/field/moves";
import { fullAddress, mapsUrl } from "../format";
import { withPending } from "../offline/kinds";
import type { DayMeta, OutboxItem } from "../offline/store";
import { StatusButton, UndoStatusButton } from "../status-button";
import { FieldWriterProvider } from "../write-context";
import { useTechWriter } from "./tech-writer";

export type DayRange = "today" | "tomorrow" | "week";
const TAB_LABELS: Record<DayRange, string> = { today: "Today", tomorrow: "Tomorrow", week: "Week" };

type Card = {
  id: string;
  reference: string;
  status: VisitStatus;
  startsAt: string;
  endsAt: string;
  customerName: string;
  customerPhone: string | null;
  address: string;
  devices: string[];
  job?: FieldJob;
};

/** The technician's day, from the phone's store: today, tomorrow (in full, offline too) or the week (as a list). */
export function DayList(props: {
  userId: string;
  range: DayRange;
  day: DayMeta | undefined;
  jobs: FieldJob[];
  items: readonly OutboxItem[];
  zone: ZoneAndLocale;
}) {
  const { range, day, zone } = props;
  const inRange = (iso: string) => {
    const r = day?.ranges[range];
    return !r || (iso >= r.from && iso < r.to);
  };
  const fromJobs: Card[] = props.jobs
    .map((j) => withPending(j, props.items))
    .filter((j) => inRange(j.visit.startsAt) && j.visit.status !== "cancelled")
    .map((j) => ({
      id: j.visit.id,
      reference: j.visit.reference,
      status: j.visit.status,
      startsAt: j.visit.startsAt,
      endsAt: j.visit.endsAt,
      customerName: j.customer.name,
      customerPhone: j.customer.phone,
      address: fullAddress(j.site),
      devices: j.devices.map((d) => d.label),
      job: j,
    }));
  const known = new Set(fromJobs.map((c) => c.id));
  const fromWeek: Card[] = (day?.week ?? [])
    .filter((v) => !known.has(v.id) && inRange(v.startsAt))
    .map((v) => ({
      id: v.id,
      reference: v.reference,
      status: v.status,
      startsAt: v.startsAt,
      endsAt: v.endsAt,
      customerName: v.customerName,
      customerPhone: v.customerPhone,
      address: fullAddress(v),
      devices: v.devices,
    }));
  const cards = [...fromJobs, ...fromWeek].sort((a, b) => a.startsAt.localeCompare(b.startsAt));
  const groups = new Map<string, Card[]>();
  for (const c of cards) {
    const key = formatWeekdayDate(c.startsAt, zone);
    groups.set(key, [...(groups.get(key) ?? []), c]);
  }
  return (
    <div className="space-y-4">
      <h1 className="text-2xl font-bold">My day</h1>
      <nav aria-label="Which days" className="grid grid-cols-3 gap-1 rounded-xl bg-slate-200 p-1">
        {(["today", "tomorrow", "week"] as const).map((r) => (
          <a
            key={r}
            href={r === "today" ? "/tech" : `/tech?range=${r}`}
            aria-current={r === range ? "page" : undefined}
            className={`flex min-h-11 items-center justify-center rounded-lg text-base font-semibold no-underline ${r === range ? "bg-white text-slate-900 shadow" : "text-slate-700"}`}
          >
            {TAB_LABELS[r]}
          </a>
        ))}
      </nav>
      {!day ? (
        <div className="card">
          <p className="text-slate-700">Nothing saved on this phone yet: open FieldKey once with a connection.</p>
        </div>
      ) : cards.length === 0 ? (
        <div className="card">
          <p className="text-slate-700">No visits {range === "week" ? "this week" : range}.</p>
        </div>
      ) : (
        [...groups.entries()].map(([label, list]) => (
          <section key={label} aria-label={label} className="space-y-3">
            {range === "week" ? <h2 className="text-lg font-semibold text-slate-800">{label}</h2> : null}
            <ol className="space-y-3">
              {list.map((c) => (
                <VisitCard key={c.id} c={c} zone={zone} userId={props.userId} items={props.items} />
              ))}
            </ol>
          </section>
        ))
      )}
    </div>
  );
}

function VisitCard({ c, zone, userId, items }: { c: Card; zone: ZoneAndLocale; userId: string; items: readonly OutboxItem[] }) {
  // "On my way" only on the visit's day in the company's time zone (lib/field/moves.ts; the server refuses it otherwise).
  const move = nextMove(c, new Date(), zone.timeZone);
  const undo = c.job?.undo ?? null;
  const writer = useTechWriter(userId, c.job, c.id, items);
  return (
    <li className="card space-y-3" data-testid={`visit-${c.reference}`}>
      <div className="flex items-start justify-between gap-2">
        <div>
          <p className="text-lg font-bold">{formatTimeRange(c.startsAt, c.endsAt, zone)}</p>
          <p className="font-medium text-slate-800">{c.customerName}</p>
        </div>
        <StatusBadge status={c.status} />
      </div>
      <a href={mapsUrl(c.address)} className="flex min-h-11 items-center gap-2 text-base" target="_blank" rel="noopener">
        <MapPin aria-hidden className="size-5 shrink-0" />
        <span>{c.address}</span>
      </a>
      {c.customerPhone ? (
        <a href={`tel:${c.customerPhone.replace(/[^\d+]/g, "")}`} className="flex min-h-11 items-center gap-2 text-base">
          <Phone aria-hidden className="size-5 shrink-0" />
          <span>Call {c.customerPhone}</span>
        </a>
      ) : null}
      {c.devices.length ? <p className="text-sm text-slate-700">{c.devices.join(" · ")}</p> : null}
      {undo && c.job ? (
        <FieldWriterProvider writer={writer}>
          <UndoStatusButton key={`${undo.from}-${undo.to}`} visitId={c.id} undo={undo} />
        </FieldWriterProvider>
      ) : null}
      {!move && c.status === "scheduled" ? <p className="text-sm text-slate-700">“On my way” opens on the day of the visit.</p> : null}
      <div className="flex flex-col gap-2 sm:flex-row">
        {move && c.job ? (
          <FieldWriterProvider writer={writer}>
            <StatusButton visitId={c.id} to={move.to} label={move.label} />
          </FieldWriterProvider>
        ) : null}
        <a href={`/tech/visits/${c.id}`} className={`${move && c.job ? "btn-secondary" : "btn-primary"} w-full`}>
          Open job {c.reference}
        </a>
      </div>
    </li>
  );
}
