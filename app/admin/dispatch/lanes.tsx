import type { Board, BoardVisit } from "@/lib/dispatch/board";
import { labelledMarks } from "@/lib/dispatch/layout";
import { Droppable } from "./dnd";

/** Renders one visit card (draggable on desktop); the board passes it so the lanes stay free of drag state. */
export type CardFn = (v: BoardVisit, opts?: { compact?: boolean; showDay?: boolean }) => React.ReactNode;

export function DayLanes({ b, card }: { b: Board; card: CardFn }) {
  return (
    <div className="overflow-x-auto">
      <div className="sm:min-w-[42rem]">
        <div className="relative ml-0 hidden h-6 border-b border-slate-300 text-xs text-slate-600 sm:ml-32 sm:block" aria-hidden>
          {labelledMarks(b.marks).map((m) => (
            <span key={m.pct} className="absolute -translate-x-1/2 whitespace-nowrap" style={{ left: `${m.pct}%` }}>
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
              <Droppable
                id={`lane|${lane.id}`}
                as="ol"
                label={`${lane.name}'s visits`}
                className="relative space-y-2 rounded-lg sm:h-24 sm:flex-1 sm:space-y-0 sm:bg-slate-100"
              >
                {lane.visits.length === 0 ? <li className="text-sm text-slate-600 sm:p-2">Free all day</li> : null}
                {lane.visits.map((v) => (
                  <li
                    key={v.id}
                    className="sm:absolute sm:inset-y-1 sm:left-[min(var(--l),calc(100%_-_6rem))] sm:w-[var(--w)] sm:min-w-24 sm:px-0.5"
                    style={{ "--l": `${v.leftPct}%`, "--w": `${v.widthPct}%` } as React.CSSProperties}
                  >
                    {card(v, { compact: true })}
                  </li>
                ))}
              </Droppable>
            </li>
          ))}
        </ul>
      </div>
    </div>
  );
}

export function WeekLanes({ b, card }: { b: Board; card: CardFn }) {
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
              <Droppable
                key={d.date}
                id={`cell|${lane.id}|${d.date}`}
                as="section"
                label={`${lane.name}, ${d.label}`}
                className={`min-w-0 rounded-lg p-1.5 ${d.isToday ? "bg-brand-50 ring-1 ring-brand-600" : "bg-slate-100"}`}
              >
                <h4 className="mb-1 text-xs font-medium text-slate-700">{d.label}</h4>
                <ol className="space-y-1.5">
                  {lane.byDay[i]!.map((v) => (
                    <li key={v.id}>{card(v, { compact: true })}</li>
                  ))}
                </ol>
              </Droppable>
            ))}
          </div>
        </li>
      ))}
    </ul>
  );
}
