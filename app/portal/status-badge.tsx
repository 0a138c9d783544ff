import type { VisitStatus } from "@/db/schema";
import { STATUS_LABELS } from "@/lib/visits/lifecycle";

const COLORS: Record<VisitStatus, string> = {
  requested: "bg-amber-100 text-amber-900",
  scheduled: "bg-blue-100 text-blue-900",
  en_route: "bg-indigo-100 text-indigo-900",
  on_site: "bg-indigo-100 text-indigo-900",
  waiting_vendor: "bg-amber-100 text-amber-900",
  completed: "bg-green-100 text-green-900",
  cancelled: "bg-slate-200 text-slate-800",
  no_show: "bg-red-100 text-red-900",
};

export function StatusBadge({ status, id }: { status: VisitStatus; id?: string }) {
  return (
    <span id={id} className={`badge ${COLORS[status]}`} data-testid="visit-status">
      {STATUS_LABELS[status]}
    </span>
  );
}
