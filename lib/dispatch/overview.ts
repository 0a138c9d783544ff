/**
 * The dispatcher's morning (/admin): today's visits by technician and
 * status, visits waiting to be scheduled, vendor cases overdue or due soon,
 * emails that failed, devices a wiping reset left without a backup, and this
 * week's success rate beside last week's. Every number comes from the same
 * lib read (and the same filter) as the list it links to, so the two always
 * agree: the link carries the filter, the count is that list's count
 * (test/consistency/demo-numbers.test.ts walks each list on the demo company).
 */
import "server-only";
import { DateTime } from "luxon";
import { requirePermission, type Actor } from "@/lib/auth/permissions";
import { listTechnicianChoices } from "@/lib/availability/technicians";
import { todayIn } from "@/lib/availability/time";
import { countDevices, deviceListFilterFromParams } from "@/lib/devices/read";
import { countOutbox, outboxFilterFromParams } from "@/lib/mail/outbox-read";
import { getReportData } from "@/lib/reports/data";
import { filtersToQuery } from "@/lib/reports/filters";
import { getSettings } from "@/lib/settings/company";
import { VISIT_STATUSES, type VisitStatus } from "@/lib/values";
import { countVendorCases, DUE_SOON_HOURS, VENDOR_CASE_VIEWS } from "@/lib/vendor-cases/read";
import { visitListFilter, visitListHref } from "@/lib/visits/list-params";
import { countVisits, countVisitsByTechnicianAndStatus } from "@/lib/visits/read";

export type Counted = { n: number; href: string };
export type WeekRate = { from: string; to: string; succeeded: number; final: number; rate: number | null; href: string };

/** The local Monday of the week containing `day`. */
const mondayOf = (day: string) => DateTime.fromISO(day).startOf("week");

/** One week's (or part week's) success rate, exactly as /admin/reports shows it for the same dates. */
async function weekRate(actor: Actor, from: string, to: string): Promise<WeekRate> {
  const filters = { from, to };
  const t = (await getReportData(actor, filters)).totals;
  return { from, to, succeeded: t.succeeded, final: t.final, rate: t.final ? t.succeeded / t.final : null, href: `/admin/reports?${filtersToQuery(filters)}` };
}

export async function getOverview(actor: Actor | null, now = new Date()) {
  requirePermission(actor, "visits:dispatch");
  const s = await getSettings();
  const today = todayIn(s.timeZone, now);
  const todayParams = { from: today, to: today };
  const monday = mondayOf(today);
  const lastMonday = monday.minus({ weeks: 1 });

  const [byTechStatus, todayTotal, technicians, requests, overdue, dueSoon, failedMail, needsBackup, thisWeek, lastWeek, trendReport] = await Promise.all([
    countVisitsByTechnicianAndStatus(actor, visitListFilter(todayParams, s.timeZone)),
    countVisits(actor, visitListFilter(todayParams, s.timeZone)),
    listTechnicianChoices(actor),
    countVisits(actor, visitListFilter({ status: "requested" }, s.timeZone)),
    countVendorCases(actor, VENDOR_CASE_VIEWS.overdue.filter, now),
    countVendorCases(actor, VENDOR_CASE_VIEWS.soon.filter, now),
    countOutbox(actor, outboxFilterFromParams({ status: "failed" })),
    countDevices(actor, deviceListFilterFromParams({ needs: "backup" })),
    weekRate(actor, monday.toISODate()!, today),
    weekRate(actor, lastMonday.toISODate()!, monday.minus({ days: 1 }).toISODate()!),
    getReportData(actor, { from: monday.minus({ weeks: 7 }).toISODate()!, to: today }),
  ]);

  // Today's grid: a row per active technician (and anyone with a visit today), plus "not assigned"; a column per status present today.
  const statuses = VISIT_STATUSES.filter((st) => byTechStatus.some((r) => r.status === st));
  const people = new Map<string | null, string>(technicians.filter((t) => !t.disabled).map((t) => [t.id, t.name]));
  for (const r of byTechStatus) if (!people.has(r.technicianId)) people.set(r.technicianId, r.technicianName ?? "Not assigned");
  const cell = (technicianId: string | null, status?: VisitStatus): Counted => ({
    n: byTechStatus.filter((r) => r.technicianId === technicianId && (!status || r.status === status)).reduce((n, r) => n + r.n, 0),
    href: visitListHref({ ...todayParams, technician: technicianId ?? "none", status }),
  });
  const rows = [...people.entries()]
    .filter(([id]) => id !== null)
    .sort((a, b) => a[1].localeCompare(b[1]))
    .map(([id, name]) => ({ technicianId: id, name, total: cell(id), cells: statuses.map((st) => cell(id, st)) }));
  const unassigned = cell(null);
  if (unassigned.n > 0) rows.push({ technicianId: null, name: "Not assigned", total: unassigned, cells: statuses.map((st) => cell(null, st)) });

  return {
    today,
    timeZone: s.timeZone,
    todayVisits: {
      total: { n: todayTotal, href: visitListHref(todayParams) } as Counted,
      statuses,
      byStatus: statuses.map((st) => ({
        status: st,
        n: byTechStatus.filter((r) => r.status === st).reduce((n, r) => n + r.n, 0),
        href: visitListHref({ ...todayParams, status: st }),
      })),
      rows,
      board: `/admin/dispatch?view=day&date=${today}`,
    },
    requests: { n: requests, href: visitListHref({ status: "requested" }) } as Counted,
    vendorCases: {
      overdue: { n: overdue, href: "/admin/vendor-cases?due=overdue" } as Counted,
      dueSoon: { n: dueSoon, href: "/admin/vendor-cases?due=soon" } as Counted,
      dueSoonHours: DUE_SOON_HOURS,
    },
    failedMail: { n: failedMail, href: "/admin/outbox?status=failed" } as Counted,
    needsBackup: { n: needsBackup, href: "/admin/devices?needs=backup" } as Counted,
    success: { thisWeek, lastWeek },
    trend: trendReport.trend.map((w) => ({ week: w.week, rate: w.rate, final: w.n })),
  };
}
export type Overview = Awaited<ReturnType<typeof getOverview>>;
