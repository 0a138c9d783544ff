import type { Metadata } from "next";
import Link from "next/link";
import { requirePagePermission } from "@/app/_ui/guard";
import { Pager } from "@/app/_ui/pager";
import { formatDateTime } from "@/lib/format/dates";
import type { Actor } from "@/lib/auth/permissions";
import { ValidationError } from "@/lib/platform/errors";
import { listReportCustomers, listReportTechnicians } from "@/lib/reports/data";
import { drillVisits, parseVisitCell, type VisitCellFilter } from "@/lib/reports/drill";
import { filtersToQuery, paramOf, parseReportFilters, type ReportFilters } from "@/lib/reports/filters";
import { getSettings } from "@/lib/settings/company";
import { BadFilters, cell, describeFilters, DrillHeader, DrillTable } from "../drill-ui";

export const metadata: Metadata = { title: "Visits behind a report figure" };

const PAGE_SIZE = 50;

async function load(actor: Actor, f: ReportFilters, c: VisitCellFilter, cursor: string | undefined) {
  try {
    return await drillVisits(actor, f, c, { limit: PAGE_SIZE, cursor });
  } catch (err) {
    if (!(err instanceof ValidationError) || !cursor) throw err;
    return drillVisits(actor, f, c, { limit: PAGE_SIZE });
  }
}

export default async function ReportVisitsPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const actor = await requirePagePermission("reports:read");
  const params = await searchParams;
  const parsed = parseReportFilters(params);
  const parsedCell = parseVisitCell(params);
  if (!parsed.ok || !parsedCell.ok) {
    return (
      <div className="space-y-4">
        <h1 className="text-2xl font-bold">Visits behind a report figure</h1>
        <BadFilters errors={{ ...(parsed.ok ? {} : parsed.fieldErrors), ...(parsedCell.ok ? {} : parsedCell.fieldErrors) }} />
      </div>
    );
  }
  const f = parsed.filters;
  const c = parsedCell.value;
  const cursor = paramOf(params, "cursor") || undefined;
  const [page, s, techs, customers] = await Promise.all([
    load(actor, f, c, cursor),
    getSettings(),
    f.technician ? listReportTechnicians(actor) : Promise.resolve([]),
    f.customer ? listReportCustomers(actor, f.customer) : Promise.resolve([]),
  ]);
  const words = describeFilters(f, techs.find((t) => t.id === f.technician)?.name, customers.find((x) => x.id === f.customer)?.name);
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
