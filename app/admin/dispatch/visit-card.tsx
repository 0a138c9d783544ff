import type { BoardVisit } from "@/lib/dispatch/board";
import { StatusBadge, StatusDot } from "@/app/_ui/status-badge";
import { MoveDialog } from "./move-dialog";

/**
 * One visit on the board: time, reference, customer, status, devices, and its
 * Move / reassign control. `compact` is the narrow timeline card (icon button).
 */
export function VisitCard({
  v,
  technicians,
  compact = false,
  showDay = false,
}: {
  v: BoardVisit;
  technicians: { id: string; name: string }[];
  compact?: boolean;
  showDay?: boolean;
}) {
  const movable = v.status === "requested" || v.status === "scheduled";
  const devices = `${v.devices} device${v.devices === 1 ? "" : "s"}`;
  const summary = `${v.reference}, ${showDay ? `${v.dayLabel}, ` : ""}${v.timeLabel}, ${v.customerName}, ${devices}, ${v.statusLabel}`;
  if (compact) {
    return (
      <article
        aria-label={summary}
        title={summary}
        data-testid={`visit-${v.reference}`}
        className="relative flex h-full flex-col overflow-hidden rounded-lg border border-slate-300 border-l-4 border-l-brand-700 bg-white px-2 py-1.5 text-xs leading-4 shadow-sm"
      >
        <p className="shrink-0 truncate font-semibold text-slate-900">
          {/* On the timeline a short visit is narrow: the start alone (the range is in the title and the card's name). */}
          <span className="sm:hidden">{v.timeLabel}</span>
          <span className="hidden sm:inline">{v.startLabel}</span>
        </p>
        <p className="shrink-0 truncate font-mono">{v.reference}</p>
        <p className="shrink-0 truncate">{v.customerName}</p>
        <p className={`shrink-0 truncate text-slate-700 ${movable ? "pr-7" : ""}`}>
          <StatusDot status={v.status} /> {v.statusLabel} · {devices}
        </p>
        {movable ? (
          <div className="absolute right-1 bottom-1">
            <MoveDialog visit={v} technicians={technicians} compact />
          </div>
        ) : null}
      </article>
    );
  }
  return (
    <article
      aria-label={summary}
      data-testid={`visit-${v.reference}`}
      className="flex h-full flex-col gap-1 rounded-lg border border-slate-300 border-l-4 border-l-brand-700 bg-white p-2 text-xs shadow-sm"
    >
      <p className="font-semibold text-slate-900">
        {showDay ? `${v.dayLabel}, ` : ""}
        {v.timeLabel}
      </p>
      <p className="truncate">
        <span className="font-mono">{v.reference}</span> · {v.customerName}
      </p>
      <p className="truncate text-slate-700">
        {devices} · {v.city}
        {v.status === "requested" && v.technicianName ? ` · asked for ${v.technicianName}` : ""}
      </p>
      <div className="mt-auto flex flex-wrap items-center justify-between gap-1">
        <StatusBadge status={v.status} />
        {movable ? <MoveDialog visit={v} technicians={technicians} /> : null}
      </div>
    </article>
  );
}
