import type { Metadata } from "next";
import Link from "next/link";
import { requirePagePermission } from "@/app/_ui/guard";
import { Pager } from "@/app/_ui/pager";
import { formatDateTime } from "@/lib/format/dates";
import type { Actor } from "@/lib/auth/permissions";
import { ValidationError } from "@/lib/platform/errors";
import { listReportCustomers, listReportTechnicians } from "@/lib/reports/data";
import { drillAttempts, parseAttemptCell, type AttemptCellFilter } from "@/lib/reports/drill";
import { filtersToQuery, paramOf, parseReportFilters, type ReportFilters } from "@/lib/reports/filters";
import { getSettings } from "@/lib/settings/company";
import { deviceLabel, OUTCOME_LABELS, labelOf } from "@/lib/values/labels";
import { BadFilters, cell, describeFilters, DrillHeader, DrillTable } from "../drill-ui";

export const metadata: Metadata = { title: "Attempts behind a report figure" };

const PAGE_SIZE = 50;
const OUTCOME_WORDS: Record<AttemptCellFilter["outcome"], string> = {
  final: "attempts with a result",
  succeeded: "succeeded attempts",
  waiting: "attempts waiting on a vendor",
  all: "attempts",
  timed: "timed unlocks",
};

/** This page of the list; a cursor that no longer reads (an old or edited link) starts again from the first page. */
async function load(actor: Actor, f: ReportFilters, c: AttemptCellFilter, cursor: string | undefined) {
  try {
    return await drillAttempts(actor, f, c, { limit: PAGE_SIZE, cursor });
  } catch (err) {
    if (!(err instanceof ValidationError) || !cursor) throw err;
    return drillAttempts(actor, f, c, { limit: PAGE_SIZE });
  }
}

export default async function ReportAttemptsPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const actor = await requirePagePermission("reports:read");
  const params = await searchParams;
  const parsed = parseReportFilters(params);
  const parsedCell = parseAttemptCell(params);
  if (!parsed.ok || !parsedCell.ok) {
    return (
      <div className="space-y-4">
        <h1 className="text-2xl font-bold">Attempts behind a report figure</h1>
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
  if (c.method) words.push(`method: ${page.data[0]?.methodName ?? c.method}`);
  if (c.week) words.push(`week of ${c.week}`);
  const pagerParams = { ...Object.fromEntries(new URLSearchParams(filtersToQuery(f))), method: c.method, week: c.week, outcome: c.outcome };
  return (
    <div className="space-y-4">
      <DrillHeader title="Attempts behind a report figure" filters={f} words={words} count={page.count} noun={OUTCOME_WORDS[c.outcome]} />
      {page.data.length === 0 ? (
        <p className="text-slate-700">No attempts.</p>
      ) : (
        <DrillTable caption="Attempts" head={["When", "Device", "Method", "Outcome", "Minutes", "Technician", "Visit"]}>
          {page.data.map((a) => (
            <tr key={a.id} className="border-b border-slate-100" data-testid="drill-row">
              <td className={`${cell} whitespace-nowrap`}>{formatDateTime(a.at, s)}</td>
              <td className={cell}>
                <Link href={`/admin/devices/${a.deviceId}`}>{deviceLabel(a)}</Link>
                {a.firmware ? <span className="block text-xs text-slate-600">Firmware {a.firmware}</span> : null}
              </td>
              <td className={cell}>
                {a.methodName}
                {a.first ? <span className="block text-xs text-slate-600">First attempt on the device</span> : null}
              </td>
              <td className={cell}>{labelOf(OUTCOME_LABELS, a.outcome)}</td>
              <td className={`${cell} tabular-nums`}>{a.durationSeconds === null ? "—" : Math.round(a.durationSeconds / 60)}</td>
              <td className={cell}>{a.technicianName ?? "—"}</td>
              <td className={cell}>
                <Link href={`/admin/visits/${a.visitId}`}>{a.visitReference}</Link>
              </td>
            </tr>
          ))}
        </DrillTable>
      )}
      <Pager path="/admin/reports/attempts" params={pagerParams} prevCursor={page.prevCursor} nextCursor={page.nextCursor} label="Pages of attempts" />
    </div>
  );
}
