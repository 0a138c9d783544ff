/**
 * The database side of free slots: fetch exactly the rows computeFreeSlots
 * needs for a time range, then compute. Takes an Executor so booking can
 * run it inside its transaction.
 */
import { and, eq, gt, gte, inArray, isNull, lt, lte } from "drizzle-orm";
import { DateTime } from "luxon";
import type { Executor } from "@/db/client";
import { ACTIVE_VISIT_STATUSES, holidays, technicianHours, technicianProfiles, technicianTimeOff, users, visits } from "@/db/schema";
import type { CompanySettings } from "@/lib/settings/schema";
import { computeFreeSlots, type AvailabilityRows, type Slot, type SlotRequest } from "../booking/slots";

export type TimeRange = { from: Date; to: Date };

/**
 * The time range a request can touch: from now (or its first day) to the horizon (or its last day), plus a
 * day each side, and never outside today … the booking horizon whatever days were asked for (no slot is
 * offered outside it, so no row outside it is read: a request for the year 2000 to 2999 reads one horizon).
 */
export function rangeFor(settings: CompanySettings, request: Partial<Pick<SlotRequest, "fromDay" | "toDay">> & object, now: Date): TimeRange {
  const zone = settings.timeZone;
  const nowLocal = DateTime.fromJSDate(now, { zone });
  const earliest = nowLocal.startOf("day");
  const horizon = nowLocal.plus({ days: settings.horizonDays }).endOf("day");
  const asked = (day: string | undefined) => (day ? DateTime.fromISO(day, { zone }) : null);
  const clamp = (d: DateTime) => (d < earliest ? earliest : d > horizon ? horizon : d);
  const first = clamp(asked(request.fromDay) ?? nowLocal);
  const last = clamp(asked(request.toDay)?.plus({ days: 1 }) ?? horizon);
  return { from: first.startOf("day").minus({ days: 1 }).toJSDate(), to: last.endOf("day").plus({ days: 1 }).toJSDate() };
}

/** Active technicians, their hours, time off, holidays and active visits overlapping the range. */
export async function loadAvailabilityRows(db: Executor, range: TimeRange, zone: string): Promise<AvailabilityRows> {
  const techRows = await db
    .select({ id: technicianProfiles.userId, brands: technicianProfiles.brands })
    .from(technicianProfiles)
    .innerJoin(users, eq(users.id, technicianProfiles.userId))
    .where(and(eq(users.role, "technician"), isNull(users.disabledAt)));
  if (techRows.length === 0) return { technicians: [], hours: [], timeOff: [], holidays: [], busy: [] };
  const ids = techRows.map((t) => t.id);
  const fromDay = DateTime.fromJSDate(range.from, { zone }).toISODate()!;
  const toDay = DateTime.fromJSDate(range.to, { zone }).toISODate()!;
  const [hours, timeOff, closed, busy] = await Promise.all([
    db
      .select({
        technicianId: technicianHours.technicianId,
        weekday: technicianHours.weekday,
        startMinute: technicianHours.startMinute,
        endMinute: technicianHours.endMinute,
      })
      .from(technicianHours)
      .where(inArray(technicianHours.technicianId, ids)),
    db
      .select({ technicianId: technicianTimeOff.technicianId, startsAt: technicianTimeOff.startsAt, endsAt: technicianTimeOff.endsAt })
      .from(technicianTimeOff)
      .where(and(inArray(technicianTimeOff.technicianId, ids), lt(technicianTimeOff.startsAt, range.to), gt(technicianTimeOff.endsAt, range.from))),
    db
      .select({ day: holidays.day })
      .from(holidays)
      .where(and(gte(holidays.day, fromDay), lte(holidays.day, toDay))),
    db
      .select({ id: visits.id, technicianId: visits.technicianId, startsAt: visits.startsAt, busyUntil: visits.busyUntil })
      .from(visits)
      .where(
        and(
          inArray(visits.status, [...ACTIVE_VISIT_STATUSES]),
          inArray(visits.technicianId, ids),
          lt(visits.startsAt, range.to),
          gt(visits.busyUntil, range.from),
        ),
      ),
  ]);
  return {
    technicians: techRows.map((t) => ({ id: t.id, brands: t.brands })),
    hours,
    timeOff,
    holidays: closed.map((h) => h.day),
    busy: busy.map((b) => ({ id: b.id, technicianId: b.technicianId!, startsAt: b.startsAt, busyUntil: b.busyUntil })),
  };
}

/** Fetch + compute: the free slots for a request. */
export async function findFreeSlots(db: Executor, settings: CompanySettings, request: SlotRequest, now: Date): Promise<Slot[]> {
  const rows = await loadAvailabilityRows(db, rangeFor(settings, request, now), settings.timeZone);
  return computeFreeSlots(rows, settings, request, now);
}
