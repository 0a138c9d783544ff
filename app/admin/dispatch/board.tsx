"use client";
import {
  DndContext,
  DragOverlay,
  PointerSensor,
  pointerWithin,
  useSensor,
  useSensors,
  type DragEndEvent,
  type DragMoveEvent,
  type DragStartEvent,
} from "@dnd-kit/core";
import { DateTime } from "luxon";
import Link from "next/link";
import { useCallback, useMemo, useState } from "react";
import { EmptyState } from "@/app/_ui/empty-state";
import { useZoneAndLocale } from "@/app/_ui/date-format";
import { toastFailed } from "@/app/_ui/notify";
import { formatDateTime, formatTime } from "@/lib/format/dates";
import type { Board, BoardVisit } from "@/lib/dispatch/board";
import { moveVisitAction } from "./actions";
import { announceDispatch, DispatchStatus } from "./dispatch-status";
import { Draggable, Droppable, useDesktopPointer } from "./dnd";
import { DayLanes, WeekLanes } from "./lanes";
import { JustMoved, MovesProvider, useMoves } from "./moves";
import { VisitCard } from "./visit-card";

/** Where a dragged card would land: technician ("" = back to the waiting column), local date and time. */
type Target = { technicianId: string; date: string; time: string; label: string };

export function DispatchBoard({ b }: { b: Board }) {
  return (
    <MovesProvider>
      <BoardInner b={b} />
    </MovesProvider>
  );
}

function BoardInner({ b }: { b: Board }) {
  const zone = useZoneAndLocale();
  const moves = useMoves()!;
  const desktop = useDesktopPointer();
  const sensors = useSensors(useSensor(PointerSensor, { activationConstraint: { distance: 6 } }));
  const [dragging, setDragging] = useState<{ v: BoardVisit; grab: number } | null>(null);
  const [target, setTarget] = useState<Target | null>(null);
  const [pending, setPending] = useState<string | null>(null);
  const names = useMemo(() => new Map(b.lanes.map((l) => [l.id, l.name])), [b.lanes]);

  /** The place under the pointer: a time on a day lane (snapped to the booking step), a day cell of the week, or the waiting column. */
  const targetOf = useCallback(
    (e: DragMoveEvent | DragEndEvent, grab: number): Target | null => {
      const over = e.over;
      if (!over) return null;
      const v = e.active.data.current?.v as BoardVisit;
      const id = String(over.id);
      if (id === "unassigned") return { technicianId: "", date: v.date, time: v.time, label: "Back to waiting (not assigned)" };
      const [kind, techId, date] = id.split("|") as [string, string, string | undefined];
      const who = names.get(techId) ?? "";
      if (kind === "cell" && date) {
        return {
          technicianId: techId,
          date,
          time: v.time,
          label: `${who}, ${formatDateTime(DateTime.fromISO(`${date}T${v.time}`, { zone: zone.timeZone }).toJSDate(), zone)}`,
        };
      }
      if (kind === "lane" && b.axis) {
        const pointerX = (e.activatorEvent as PointerEvent).clientX + e.delta.x;
        const frac = Math.min(1, Math.max(0, (pointerX - grab - over.rect.left) / over.rect.width));
        const step = b.stepMinutes * 60_000;
        const ms = Math.round((b.axis.from + frac * (b.axis.to - b.axis.from)) / step) * step;
        const at = DateTime.fromMillis(ms, { zone: zone.timeZone });
        return { technicianId: techId, date: at.toISODate()!, time: at.toFormat("HH:mm"), label: `${who}, ${formatTime(at.toJSDate(), zone)}` };
      }
      return null;
    },
    [b.axis, b.stepMinutes, names, zone],
  );

  const onDragStart = (e: DragStartEvent) => {
    const v = e.active.data.current?.v as BoardVisit;
    // Where in the card it was picked up: a card on the timeline keeps its left edge under the same spot; a waiting card starts at the pointer.
    const onLane = b.view === "day" && !!v.technicianId && v.status !== "requested";
    const grab = onLane ? (e.activatorEvent as PointerEvent).clientX - (e.active.rect.current.initial?.left ?? 0) : 0;
    setDragging({ v, grab });
    setTarget(null);
  };
  const onDragMove = (e: DragMoveEvent) => setTarget(dragging ? targetOf(e, dragging.grab) : null);
  const onDragEnd = async (e: DragEndEvent) => {
    const d = dragging;
    setDragging(null);
    setTarget(null);
    if (!d) return;
    const t = targetOf(e, d.grab);
    const v = d.v;
    if (!t || (t.technicianId === (v.technicianId ?? "") && t.date === v.date && t.time === v.time)) return;
    setPending(v.id);
    try {
      const r = await moveVisitAction({ visitId: v.id, technicianId: t.technicianId, date: t.date, time: t.time });
      if (!r.ok) {
        const why = r.fieldErrors?.time?.[0] ?? r.fieldErrors?.technicianId?.[0] ?? r.error;
        toastFailed(`${v.reference} was not moved: ${why}`, { id: `move-${v.id}` });
        announceDispatch(`${v.reference} was not moved: ${why}`, "error");
        return;
      }
      if (!r.data.changed) return;
      const where = `${t.technicianId ? names.get(t.technicianId) : "not assigned"}, ${formatDateTime(r.data.startsAt, zone)}`;
      moves.moved(
        { visitId: v.id, reference: v.reference, summary: where, day: t.date },
        `${v.reference}: ${where}.${r.data.emailed ? " The customer will be emailed." : ""}${r.data.warnings.length ? ` Note: ${r.data.warnings.join(" ")}` : ""}`,
      );
    } catch {
      toastFailed("We could not reach the server. Check your connection and try again.", { id: `move-${v.id}` });
    } finally {
      setPending(null);
    }
  };

  const card = (v: BoardVisit, opts: { compact?: boolean; showDay?: boolean } = {}) => (
    <Draggable v={v} enabled={desktop && pending === null}>
      <VisitCard v={v} technicians={b.technicians} compact={opts.compact} showDay={opts.showDay} moved={moves.isRecent(v.id)} pending={pending === v.id} />
    </Draggable>
  );

  return (
    <DndContext
      sensors={sensors}
      collisionDetection={pointerWithin}
      onDragStart={onDragStart}
      onDragMove={onDragMove}
      onDragEnd={onDragEnd}
      onDragCancel={() => (setDragging(null), setTarget(null))}
      accessibility={{ screenReaderInstructions: { draggable: "" } }}
    >
      <div className="space-y-4">
        <DispatchStatus />
        <JustMoved view={b.view} />
        {desktop ? (
          <p className="text-sm text-slate-600">
            Drag a card to another technician or time (to a day in the week view), or back to the waiting column. Each card&apos;s ⇄ button moves it with the
            keyboard.
          </p>
        ) : null}
        <div className="grid grid-cols-1 gap-4 lg:grid-cols-[16rem_minmax(0,1fr)] lg:items-start">
          <Droppable id="unassigned" as="section" className="card min-w-0 space-y-3 lg:sticky lg:top-4 lg:max-h-[calc(100vh-2rem)] lg:overflow-y-auto">
            <div>
              <h2 id="unassigned-title" className="text-lg font-semibold">
                Waiting ({b.unassignedTotal})
              </h2>
              <p className="text-sm text-slate-600">Requests and visits with no technician yet. Drag one onto a lane, or use its Move / reassign button.</p>
            </div>
            {b.unassigned.length ? (
              <ul className="space-y-2" aria-label="Unassigned visits">
                {b.unassigned.map((v) => (
                  <li key={v.id}>{card(v, { showDay: true })}</li>
                ))}
              </ul>
            ) : (
              <EmptyState title="Nothing waiting." compact>
                New requests from the booking form and the API land here.
              </EmptyState>
            )}
            {b.unassignedTotal > b.unassigned.length ? (
              <p className="text-sm">
                <Link href="/admin/visits?status=requested">All {b.unassignedTotal} waiting visits</Link>
              </p>
            ) : null}
          </Droppable>
          <section className="card min-w-0" aria-labelledby="board-title">
            <h2 id="board-title" className="mb-3 text-lg font-semibold">
              {b.title}
            </h2>
            {b.lanes.length === 0 ? (
              <EmptyState title="No technicians yet." action={<Link href="/admin/users">Add one on the People page</Link>} />
            ) : b.view === "week" ? (
              <WeekLanes b={b} card={card} />
            ) : (
              <DayLanes b={b} card={card} />
            )}
          </section>
        </div>
      </div>
      <DragOverlay dropAnimation={null}>
        {dragging ? (
          <div className="w-56 rotate-1 opacity-95 shadow-xl" data-testid="drag-overlay">
            <VisitCard v={dragging.v} technicians={b.technicians} compact />
            <p className="mt-1 rounded-md bg-slate-900 px-2 py-1 text-xs font-semibold text-white" data-testid="drop-hint">
              {target ? `→ ${target.label}` : "Drop on a lane or a day"}
            </p>
          </div>
        ) : null}
      </DragOverlay>
    </DndContext>
  );
}
