import Link from "next/link";
import type { BoardVisit } from "@/lib/dispatch/board";
import { StatusBadge, StatusDot } from "@/app/_ui/status-badge";
import { MoveDialog } from "./move-dialog";

type Props = {
  v: BoardVisit;
  technicians: { id: string; name: string }[];
  /** The narrow card of the timeline and the week grid. */
  compact?: boolean;
  showDay?: boolean;
  /** Moved on this board a moment ago: highlighted, with Undo in the "Just moved" list. */
  moved?: boolean;
  /** A drop of it is being saved. */
  pending?: boolean;
};

/**
 * One visit on the board: time, reference (it opens the visit), customer,
 * status, devices, and its Move / reassign control. The control sits in the
 * card's top row beside the time, so it never covers the customer's name.
 */
export function VisitCard({ v, technicians, compact = false, showDay = false, moved = false, pending = false }: Props) {
  const movable = v.status === "requested" || v.status === "scheduled";
  const devices = `${v.devices} device${v.devices === 1 ? "" : "s"}`;
  const summary = `${v.reference}, ${showDay ? `${v.dayLabel}, ` : ""}${v.timeLabel}, ${v.customerName}, ${devices}, ${v.statusLabel}${moved ? ", just moved" : ""}`;
  const ring = moved ? "ring-2 ring-amber-500 border-l-amber-500" : "border-l-brand-700";
  // In the narrow card the link is a block, so the whole line opens the visit (an inline link's box overflows its clipped line).
  const open = (
    <Link href={`/admin/visits/${v.id}`} draggable={false} className={`${compact ? "block " : ""}truncate font-mono font-semibold`}>
      <span className="sr-only">Open </span>
      {v.reference}
    </Link>
  );
  if (compact) {
    return (
      <article
        aria-label={summary}
        aria-busy={pending || undefined}
        title={summary}
        data-testid={`visit-${v.reference}`}
        data-moved={moved || undefined}
        className={`flex h-full min-h-20 flex-col overflow-hidden rounded-lg border border-l-4 border-slate-300 bg-white px-2 py-1 text-xs leading-4 shadow-sm ${ring} ${pending ? "opacity-60" : ""}`}
      >
        <div className="flex min-h-7 shrink-0 items-center justify-between gap-1">
          <p className="truncate font-semibold text-slate-900">
            {/* On the timeline a short visit is narrow: the start alone (the range is in the title and the card's name). */}
            <span className="sm:hidden">{v.timeLabel}</span>
            <span className="hidden sm:inline">{v.startLabel}</span>
          </p>
          {movable ? <MoveDialog visit={v} technicians={technicians} compact /> : null}
        </div>
        <div className="shrink-0">{open}</div>
        <p className="shrink-0 truncate" data-testid="card-customer">
          {v.customerName}
        </p>
        <p className="shrink-0 truncate text-slate-700">
          <StatusDot status={v.status} /> {moved ? <span className="font-semibold text-amber-800">Moved · </span> : null}
          {v.statusLabel} · {devices}
        </p>
      </article>
    );
  }
  return (
    <article
      aria-label={summary}
      aria-busy={pending || undefined}
      data-testid={`visit-${v.reference}`}
      data-moved={moved || undefined}
      className={`flex h-full flex-col gap-1 rounded-lg border border-l-4 border-slate-300 bg-white p-2 text-xs shadow-sm ${ring} ${pending ? "opacity-60" : ""}`}
    >
      <p className="font-semibold text-slate-900">
        {showDay ? `${v.dayLabel}, ` : ""}
        {v.timeLabel}
      </p>
      <p className="truncate">
        {open} · <span data-testid="card-customer">{v.customerName}</span>
      </p>
      <p className="truncate text-slate-700">
        {devices} · {v.city}
        {v.status === "requested" && v.technicianName ? ` · asked for ${v.technicianName}` : ""}
      </p>
      <div className="mt-auto flex flex-wrap items-center justify-between gap-1">
        <StatusBadge status={v.status} />
        {moved ? <span className="badge bg-amber-100 text-amber-900">Moved</span> : null}
        {movable ? <MoveDialog visit={v} technicians={technicians} /> : null}
      </div>
    </article>
  );
}
