import type { Metadata } from "next";
import Link from "next/link";
import { requirePagePermission } from "@/app/_ui/guard";
import { getBoard, type Board } from "@/lib/dispatch/board";
import { DispatchStatus } from "./dispatch-status";
import { VisitCard } from "./visit-card";

export const metadata: Metadata = { title: "Dispatch" };

const href = (view: string, date: string) => `/admin/dispatch?view=${view}&date=${date}`;

function BoardNav({ b }: { b: Board }) {
  const unit = b.view === "week" ? "week" : "day";
  return (
    <nav aria-label="Board dates" className="flex flex-wrap items-end gap-2">
      <Link className="btn-secondary" href={href(b.view, b.prev)}>
        ← Previous {unit}
      </Link>
      <Link className="btn-secondary" href={href(b.view, b.today)}>
        Today
      </Link>
      <Link className="btn-secondary" href={href(b.view, b.next)}>
        Next {unit} →
      </Link>
      <Link
        className="btn-secondary"
        href={href(b.view === "week" ? "day" : "week", b.date)}
        aria-label={b.view === "week" ? "Show day view" : "Show week view"}
      >
        {b.view === "week" ? "Day view" : "Week view"}
      </Link>
      <form method="get" action="/admin/dispatch" className="flex items-end gap-2">
        <input type="hidden" name="view" value={b.view} />
        <div>
          <label htmlFor="board-date" className="label">
            Go to date
          </label>
          <input id="board-date" name="date" type="date" defaultValue={b.date} className="input" />
        </div>
        <button type="submit" className="btn-secondary">
          Go
        </button>
      </form>
    </nav>
  );
}

function DayLanes({ b }: { b: Board }) {
  return (
    <div className="overflow-x-auto">
      <div className="sm:min-w-[60rem]">
        <div className="relative ml-0 hidden h-6 border-b border-slate-300 text-xs text-slate-600 sm:ml-32 sm:block" aria-hidden>
          {b.marks.map((m) => (
            <span key={m.pct} className="absolute -translate-x-1/2" style={{ left: `${m.pct}%` }}>
              {m.label}
            </span>
          ))}
        </div>
        <ul className="divide-y divide-slate-200" aria-label="Technicians">
          {b.lanes.map((lane) => (
            <li key={lane.id} className="py-3 sm:flex sm:items-stretch" data-testid={`lane-${lane.name}`}>
              <h3 className="mb-2 font-semibold sm:mb-0 sm:w-32 sm:shrink-0 sm:pr-2">
                {lane.name}
                <span className="block text-xs font-normal text-slate-600">
                  {lane.visits.length} visit{lane.visits.length === 1 ? "" : "s"}
                  {lane.disabled ? " · disabled" : ""}
                </span>
              </h3>
              <ol className="relative space-y-2 sm:h-24 sm:flex-1 sm:space-y-0 sm:rounded-lg sm:bg-slate-100" aria-label={`${lane.name}'s visits`}>
                {lane.visits.length === 0 ? <li className="text-sm text-slate-600 sm:p-2">Free all day</li> : null}
                {lane.visits.map((v) => (
                  <li
                    key={v.id}
                    className="sm:absolute sm:inset-y-1 sm:left-[var(--l)] sm:w-[var(--w)] sm:min-w-20 sm:px-0.5"
                    style={{ "--l": `${v.leftPct}%`, "--w": `${v.widthPct}%` } as React.CSSProperties}
                  >
                    <VisitCard v={v} technicians={b.technicians} compact />
                  </li>
                ))}
              </ol>
            </li>
          ))}
        </ul>
      </div>
    </div>
  );
}

function WeekLanes({ b }: { b: Board }) {
  return (
    <ul className="space-y-4" aria-label="Technicians">
      {b.lanes.map((lane) => (
        <li key={lane.id} data-testid={`lane-${lane.name}`}>
          <h3 className="mb-2 font-semibold">
            {lane.name}{" "}
            <span className="text-xs font-normal text-slate-600">
              · {lane.visits.length} visit{lane.visits.length === 1 ? "" : "s"} this week
            </span>
          </h3>
          <div className="grid gap-2 sm:grid-cols-7">
            {b.days.map((d, i) => (
              <section
                key={d.date}
                aria-label={`${lane.name}, ${d.label}`}
                className={`rounded-lg p-1.5 ${d.isToday ? "bg-brand-50 ring-1 ring-brand-600" : "bg-slate-100"}`}
              >
                <h4 className="mb-1 text-xs font-medium text-slate-700">{d.label}</h4>
                <ol className="space-y-1.5">
                  {lane.byDay[i]!.map((v) => (
                    <li key={v.id} className="h-20">
                      <VisitCard v={v} technicians={b.technicians} compact />
                    </li>
                  ))}
                </ol>
              </section>
            ))}
          </div>
        </li>
      ))}
    </ul>
  );
}

export default async function DispatchPage({ searchParams }: { searchParams: Promise<{ view?: string; date?: string }> }) {
  const actor = await requirePagePermission("visits:dispatch");
  const sp = await searchParams;
  const b = await getBoard(actor, { view: typeof sp.view === "string" ? sp.view : undefined, date: typeof sp.date === "string" ? sp.date : undefined });
  return (
    <div className="space-y-6">
      <div className="flex flex-wrap items-baseline justify-between gap-2">
        <h1 className="text-2xl font-bold">Dispatch</h1>
        <p className="text-sm text-slate-600">Times in {b.timeZone}</p>
      </div>
      <BoardNav b={b} />
      <DispatchStatus />
      <section className="card" aria-labelledby="board-title">
        <h2 id="board-title" className="mb-3 text-lg font-semibold">
          {b.title}
        </h2>
        {b.lanes.length === 0 ? <p>No technicians yet. Add them on the People page.</p> : b.view === "week" ? <WeekLanes b={b} /> : <DayLanes b={b} />}
      </section>
      <section className="card" aria-labelledby="unassigned-title">
        <h2 id="unassigned-title" className="text-lg font-semibold">
          Unassigned and requested ({b.unassigned.length})
        </h2>
        <p className="mb-3 text-sm text-slate-600">Visits waiting for a technician or a confirmed time. Assign one with its Move / reassign button.</p>
        {b.unassigned.length ? (
          <ul className="grid gap-3 sm:grid-cols-2 lg:grid-cols-3" aria-label="Unassigned visits">
            {b.unassigned.map((v) => (
              <li key={v.id}>
                <VisitCard v={v} technicians={b.technicians} showDay />
              </li>
            ))}
          </ul>
        ) : (
          <p className="text-sm text-slate-600">Nothing waiting.</p>
        )}
      </section>
    </div>
  );
}
