import type { ReactNode } from "react";
import { Inbox } from "lucide-react";

/**
 * What an empty list shows: what is (not) here, and what to do about it
 * (a next step, usually a link). Every list renders one instead of nothing.
 */
export function EmptyState({ title, children, action, compact = false }: { title: string; children?: ReactNode; action?: ReactNode; compact?: boolean }) {
  return (
    <div
      data-testid="empty-state"
      className={`flex items-start gap-3 rounded-lg border border-dashed border-slate-300 bg-slate-50 text-slate-700 ${compact ? "p-3 text-sm" : "p-4"}`}
    >
      <Inbox aria-hidden className="mt-0.5 size-5 shrink-0 text-slate-500" />
      <div className="space-y-1">
        <p className="font-semibold text-slate-900">{title}</p>
        {children ? <div className="text-sm">{children}</div> : null}
        {action ? <div className="pt-1">{action}</div> : null}
      </div>
    </div>
  );
}
