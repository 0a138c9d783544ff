import "server-only";
import { and, asc, count, eq, gt, inArray, isNull, lt, notInArray, or, sql } from "drizzle-orm";
import { DateTime } from "luxon";
import { getDb } from "@/db/client";
import { customers, sites, users, visits, type VisitStatus } from "@/db/schema";
import { requirePermission, type Actor } from "@/lib/auth/permissions";
import { todayIn } from "@/lib/availability/time";
import { formatDate, formatDayLabel, formatTime, formatTimeRange, formatWeekdayDate } from "@/lib/format/dates";
import { getSettings } from "@/lib/settings/company";
import { VISIT_STATUS_LABELS } from "@/lib/values/labels";
import { dayWindow, place } from "./layout";
import { boardQuerySchema } from "./schemas";

export type BoardVisit = {
  id: string;
  reference: string;
  customerName: string;
  city: string;
  status: VisitStatus;
  statusLabel: string;
  technicianId: string | null;
  technicianName: string | null;
  devices: number;
  /** Local date and time in the company time zone (what the move form starts from). */
  date: string;
  time: string;
  timeLabel: string;
  /** The start alone, for timeline cards too narrow for the range. */
  startLabel: string;
  dayLabel: string;
  startsAt: Date;
  endsAt: Date;
  leftPct?: number;
  widthPct?: number;
};

/** How many waiting visits the board's column shows (the rest: the visit list, linked). */
export const UNASSIGNED_SHOWN = 100;
const ON_LANES: VisitStatus[] = ["scheduled", "en_route", "on_site", "waiting_vendor", "completed"];
const CLOSED: VisitStatus[] = ["completed", "cancelled", "no_show"];

const visitColumns = {
  id: visits.id,
  reference: visits.reference,
  status: visits.status,
  startsAt: visits.startsAt,
  endsAt: visits.endsAt,
  technicianId: visits.technicianId,
  technicianName: users.name,
  customerName: customers.name,
  city: sites.city,
  devices: sql<number>`(SELECT count(*) FROM visit_devices vd WHERE vd.visit_id = ${visits.id})`.mapWith(Number),
};

/**
 * The dispatch board: one lane per technician for a day or an ISO week (in the
 * company time zone), plus every open visit with no technician or still
 * `requested`. Admin only.
 */
export async function getBoard(actor: Actor | null, query: { view?: string; date?: string }, now = new Date()) {
  requirePermission(actor, "visits:dispatch");
  const q = boardQuerySchema.parse(query);
  const db = await getDb();
  const settings = await getSettings(db);
  const zone = settings.timeZone;
  const today = todayIn(zone, now);
  const anchor = DateTime.fromISO(q.date ?? today, { zone });
  const first = q.view === "week" ? anchor.startOf("week") : anchor.startOf("day");
  const length = q.view === "week" ? 7 : 1;
  const rangeStart = first.toJSDate();
  const rangeEnd = first.plus({ days: length }).toJSDate();
  const days = Array.from({ length }, (_, i) => {
    const d = first.plus({ days: i });
    return { date: d.toISODate()!, label: formatWeekdayDate(d.toISODate()!, settings), isToday: d.toISODate() === today };
  });

  const technicians = await db
    .select({ id: users.id, name: users.name, disabledAt: users.disabledAt })
    .from(users)
    .where(eq(users.role, "technician"))
    .orderBy(asc(users.name));

  const rows = await db
    .select(visitColumns)
    .from(visits)
    .innerJoin(customers, eq(customers.id, visits.customerId))
    .innerJoin(sites, eq(sites.id, visits.siteId))
    .leftJoin(users, eq(users.id, visits.technicianId))
    .where(and(lt(visits.startsAt, rangeEnd), gt(visits.endsAt, rangeStart), inArray(visits.status, ON_LANES), sql`${visits.technicianId} IS NOT NULL`))
    .orderBy(asc(visits.startsAt))
    .limit(2000);

  const unassignedWhere = and(notInArray(visits.status, CLOSED), or(isNull(visits.technicianId), eq(visits.status, "requested")));
  const [{ n: unassignedTotal }] = (await db.select({ n: count() }).from(visits).where(unassignedWhere)) as [{ n: number }];
  const unassignedRows = await db
    .select(visitColumns)
    .from(visits)
    .innerJoin(customers, eq(customers.id, visits.customerId))
    .innerJoin(sites, eq(sites.id, visits.siteId))
    .leftJoin(users, eq(users.id, visits.technicianId))
    .where(unassignedWhere)
    .orderBy(asc(visits.startsAt))
    .limit(UNASSIGNED_SHOWN);

  const toCard = (r: (typeof rows)[number]): BoardVisit => {
    const s = DateTime.fromJSDate(r.startsAt, { zone });
    return {
      ...r,
      statusLabel: VISIT_STATUS_LABELS[r.status],
      date: s.toISODate()!,
      time: s.toFormat("HH:mm"),
      timeLabel: formatTimeRange(r.startsAt, r.endsAt, settings),
      startLabel: formatTime(r.startsAt, settings),
      dayLabel: formatWeekdayDate(r.startsAt, settings),
    };
  };

  const window = q.view === "day" ? dayWindow(days[0]!.date, settings, rows) : null;
  const lanes = technicians
    .map((t) => {
      const mine = rows.filter((r) => r.technicianId === t.id).map(toCard);
      const placed = window ? mine.map((v) => ({ ...v, ...place(v, window.from, window.to) })) : mine;
      return { id: t.id, name: t.name, disabled: !!t.disabledAt, visits: placed, byDay: days.map((d) => placed.filter((v) => v.date === d.date)) };
    })
    .filter((l) => !l.disabled || l.visits.length > 0);

  const step = q.view === "week" ? { weeks: 1 } : { days: 1 };
  return {
    view: q.view,
    date: anchor.toISODate()!,
    today,
    timeZone: zone,
    locale: settings.locale,
    title: q.view === "week" ? `Week of ${formatDate(first.toISODate()!, settings)}` : formatDayLabel(first.toISODate()!, settings),
    prev: first.minus(step).toISODate()!,
    next: first.plus(step).toISODate()!,
    days,
    marks: window?.marks ?? [],
    /** The day view's time axis (epoch ms), for placing a dropped card; null in the week view. */
    axis: window ? { from: window.from.getTime(), to: window.to.getTime() } : null,
    /** Drops snap to the booking step. */
    stepMinutes: settings.slotStepMinutes,
    lanes,
    unassigned: unassignedRows.map(toCard),
    unassignedTotal,
    technicians: technicians.filter((t) => !t.disabledAt).map((t) => ({ id: t.id, name: t.name })),
  };
}
export type Board = Awaited<ReturnType<typeof getBoard>>;
