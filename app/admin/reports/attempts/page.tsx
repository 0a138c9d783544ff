import type { Metadata } from "next";
import Link from "next/link";
import { requirePagePermission } from "@/app/_ui/guard";
import { Pager } from "@/app/_ui/pager";
import { formatDateTime } from "@/lib/format/dates";
import { drillAttempts, parseAttemptCell, type AttemptCellFilter } from "@/lib/reports/drill";
import { filtersToQuery } from "@/lib/reports/filters";
import { deviceLabel, OUTCOME_LABELS, labelOf } from "@/lib/values/labels";
import { loadDrill } from "../drill-load";
import { BadFilters, cell, DrillHeader, DrillTable } from "../drill-ui";

export const metadata: Metadata = { title: "Attempts behind a report figure" };

const OUTCOME_WORDS: Record<AttemptCellFilter["outcome"], string> = {
  final: "attempts with a result",
  succeeded: "succeeded attempts",
  waiting: "attempts waiting on a vendor",
  all: "attempts",
  timed: "timed unlocks",
};

export default async function ReportAttemptsPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const actor = await requirePagePermission("reports:read");
  const r = await loadDrill(actor, await searchParams, parseAttemptCell, drillAttempts);
  if (!r.ok) return <BadFilters title="Attempts behind a report figure" errors={r.errors} />;
  const { filters: f, cell: c, page, settings: s, words } = r;
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
