import type { Metadata } from "next";
import Link from "next/link";
import { requirePagePermission } from "@/app/_ui/guard";
import { Pager } from "@/app/_ui/pager";
import { formatDateTime } from "@/lib/format/dates";
import { drillVisits, parseVisitCell } from "@/lib/reports/drill";
import { filtersToQuery } from "@/lib/reports/filters";
import { loadDrill } from "../drill-load";
import { BadFilters, cell, DrillHeader, DrillTable } from "../drill-ui";

export const metadata: Metadata = { title: "Visits behind a report figure" };

export default async function ReportVisitsPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const actor = await requirePagePermission("reports:read");
  const r = await loadDrill(actor, await searchParams, parseVisitCell, drillVisits);
  if (!r.ok) return <BadFilters title="Visits behind a report figure" errors={r.errors} />;
  const { filters: f, cell: c, page, settings: s, words } = r;
  const pagerParams = { ...Object.fromEntries(new URLSearchParams(filtersToQuery(f))), outcome: c.outcome };
  return (
    <div className="space-y-4">
      <DrillHeader
        title="Visits behind a report figure"
        filters={f}
        words={words}
        count={page.count}
        noun={c.outcome === "fixed" ? "completed visits fixed first time" : "completed visits"}
      />
      {page.data.length === 0 ? (
        <p className="text-slate-700">No visits.</p>
      ) : (
        <DrillTable caption="Completed visits" head={["Visit", "When", "Technician", "Fixed first time"]}>
          {page.data.map((v) => (
            <tr key={v.id} className="border-b border-slate-100" data-testid="drill-row">
              <td className={cell}>
                <Link href={`/admin/visits/${v.id}`}>{v.reference}</Link>
              </td>
              <td className={`${cell} whitespace-nowrap`}>{formatDateTime(v.at, s)}</td>
              <td className={cell}>{v.technicianName ?? "—"}</td>
              <td className={cell}>{v.fixed ? "Yes" : "No"}</td>
            </tr>
          ))}
        </DrillTable>
      )}
      <Pager path="/admin/reports/visits" params={pagerParams} prevCursor={page.prevCursor} nextCursor={page.nextCursor} label="Pages of visits" />
    </div>
  );
}
