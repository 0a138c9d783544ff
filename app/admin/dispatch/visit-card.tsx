import type { BoardVisit } from "@/lib/dispatch/board";
import type { VisitStatus } from "@/db/schema";
import { MoveDialog } from "./move-dialog";

const STATUS_STYLE: Record<VisitStatus, string> = {
  requested: "bg-amber-100 text-amber-900",
  scheduled: "bg-blue-100 text-blue-900",
  en_route: "bg-indigo-100 text-indigo-900",
  on_site: "bg-violet-100 text-violet-900",
  waiting_vendor: "bg-orange-100 text-orange-900",
  completed: "bg-green-100 text-green-900",
  cancelled: "bg-slate-200 text-slate-800",
  no_show: "bg-red-100 text-red-900",
};

export function StatusBadge({ status, label }: { status: VisitStatus; label: string }) {
  return <span className={`badge ${STATUS_STYLE[status]}`}>{label}</span>;
}

/** One visit on the board: time, reference, customer, status, devices, and its Move / reassign control. */
export function VisitCard({ v, technicians, compact = false, showDay = false }: { v: BoardVisit; technicians: { id: string; name: string }[]; compact?: boolean; showDay?: boolean }) {
  const movable = v.status === "requested" || v.status === "scheduled";
  return (
    <article
      aria-label={`${v.reference}, ${v.dayLabel} ${v.timeLabel}, ${v.customerName}`}
      data-testid={`visit-${v.reference}`}
      className="flex h-full flex-col gap-1 overflow-hidden rounded-lg border border-slate-300 border-l-4 border-l-brand-700 bg-white p-2 text-xs shadow-sm"
    >
      <p className="font-semibold text-slate-900">
        {showDay ? `${v.dayLabel} ` : ""}
        {v.timeLabel}
      </p>
      <p className="truncate">
        <span className="font-mono">{v.reference}</span> · {v.customerName}
      </p>
      <p className="truncate text-slate-700">
        {v.devices} device{v.devices === 1 ? "" : "s"} · {v.city}
        {v.status === "requested" && v.technicianName ? ` · asked for ${v.technicianName}` : ""}
      </p>
      <div className="mt-auto flex flex-wrap items-center justify-between gap-1">
        <StatusBadge status={v.status} label={v.statusLabel} />
        {movable ? <MoveDialog visit={v} technicians={technicians} compact={compact} /> : null}
      </div>
    </article>
  );
}
