import Link from "next/link";
import type { AttemptCell, VisitCell } from "@/lib/reports/drill";
import { filtersToQuery, type ReportFilters } from "@/lib/reports/filters";

/**
 * Drill-down links: every number on the report opens the list behind it,
 * with the report's filters (narrowed by the row: a brand, a technician) and
 * the cell's own (a method, a week, an outcome).
 */
export type AttemptLink = { method?: string; week?: string; outcome: AttemptCell };

export function attemptsHref(f: ReportFilters, narrow: Partial<ReportFilters>, cell: AttemptLink) {
  const q = new URLSearchParams(filtersToQuery({ ...f, ...narrow }));
  if (cell.method) q.set("method", cell.method);
  if (cell.week) q.set("week", cell.week);
  q.set("outcome", cell.outcome);
  return `/admin/reports/attempts?${q}`;
}

export function visitsHref(f: ReportFilters, narrow: Partial<ReportFilters>, outcome: VisitCell) {
  const q = new URLSearchParams(filtersToQuery({ ...f, ...narrow }));
  q.set("outcome", outcome);
  return `/admin/reports/visits?${q}`;
}

/** A count that opens the list behind it (zero stays plain text: nothing to list). */
export function CountLink({ n, href, what }: { n: number; href: string; what: string }) {
  if (n === 0) return <>{n}</>;
  return (
    <Link href={href} className="font-medium underline underline-offset-2" aria-label={`${n} ${what}: list them`}>
      {n}
    </Link>
  );
}
