/**
 * Free-slot computation: a pure function of the rows it is given, the
 * booking settings and "now", so it can be unit-tested and benchmarked
 * without a database (lib/availability/slot-rows.ts does the fetch).
 *
 * The rules:
 * - The company grid: from each local midnight (company time zone), every
 *   `slotStepMinutes` of real elapsed time, up to the next local midnight.
 *   Stepping in absolute time (not wall-clock) is what keeps daylight-saving
 *   days right: a 23-hour day has 46 half-hour slots, a 25-hour day 50, and
 *   no instant appears twice or goes missing.
 * - A technician offers a grid start `s` when they handle every brand asked
 *   for, the visit [s, s+length] fits inside one of that weekday's working
 *   windows (wall-clock minutes after local midnight, converted by luxon),
 *   the day is not a holiday, and [s, s+length+buffer) overlaps none of their
 *   time off and none of their active visits' [starts_at, busy_until) —
 *   the same half-open ranges the visits_no_overlap constraint compares.
 * - Only starts at least `minNoticeMinutes` after now and before
 *   now + `horizonDays` are offered.
 */
import { DateTime } from "luxon";
import type { Brand } from "@/db/schema";
import { visitMinutes } from "./visit-length";

export type SlotSettings = {
  timeZone: string;
  slotStepMinutes: number;
  minNoticeMinutes: number;
  horizonDays: number;
  travelBufferMinutes: number;
  visitBaseMinutes: number;
  visitPerDeviceMinutes: number;
};

export type TechnicianRow = { id: string; brands: readonly Brand[] };
export type HoursRow = { technicianId: string; weekday: number; startMinute: number; endMinute: number };
export type IntervalRow = { technicianId: string; startsAt: Date; endsAt: Date };
/** An active visit: it blocks [startsAt, busyUntil). */
export type BusyRow = { id?: string; technicianId: string; startsAt: Date; busyUntil: Date };

export type AvailabilityRows = {
  technicians: TechnicianRow[];
  hours: HoursRow[];
  timeOff: IntervalRow[];
  /** Closed days, local ISO dates (yyyy-mm-dd). */
  holidays: string[];
  busy: BusyRow[];
};

export type SlotRequest = {
  brands: readonly Brand[];
  deviceCount: number;
  /** Only look at local days from..to (ISO dates, inclusive); default: the whole horizon. */
  fromDay?: string;
  toDay?: string;
  /** A visit being rescheduled does not block itself. */
  ignoreVisitId?: string;
};

export type Slot = {
  start: Date;
  end: Date;
  /** Local date of the start (company time zone). */
  day: string;
  /** Technicians free for the whole visit plus buffer, least busy first. */
  technicianIds: string[];
};

const MINUTE = 60_000;

type Interval = { start: number; end: number };

/** Sorted, merged intervals per technician. */
function blockedByTechnician(rows: AvailabilityRows, ignoreVisitId?: string) {
  const map = new Map<string, Interval[]>();
  const push = (id: string, start: number, end: number) => {
    let list = map.get(id);
    if (!list) map.set(id, (list = []));
    list.push({ start, end });
  };
  for (const t of rows.timeOff) push(t.technicianId, t.startsAt.getTime(), t.endsAt.getTime());
  for (const v of rows.busy) if (!ignoreVisitId || v.id !== ignoreVisitId) push(v.technicianId, v.startsAt.getTime(), v.busyUntil.getTime());
  for (const [id, list] of map) {
    list.sort((a, b) => a.start - b.start);
    const merged: Interval[] = [];
    for (const i of list) {
      const last = merged.at(-1);
      if (last && i.start <= last.end) last.end = Math.max(last.end, i.end);
      else merged.push({ ...i });
    }
    map.set(id, merged);
  }
  return map;
}

/** Does [start, end) overlap any of the sorted, merged intervals? Binary search. */
function overlaps(list: Interval[] | undefined, start: number, end: number) {
  if (!list || list.length === 0) return false;
  let lo = 0;
  let hi = list.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (list[mid]!.end <= start) lo = mid + 1;
    else hi = mid;
  }
  return lo < list.length && list[lo]!.start < end;
}

/** Wall-clock minutes after local midnight on `day` -> the instant (1440 = next local midnight). */
function localMinuteToMillis(day: DateTime, minute: number) {
  if (minute >= 1440) return day.plus({ days: 1 }).startOf("day").toMillis();
  return day.set({ hour: Math.floor(minute / 60), minute: minute % 60, second: 0, millisecond: 0 }).toMillis();
}

export function computeFreeSlots(rows: AvailabilityRows, settings: SlotSettings, request: SlotRequest, now: Date): Slot[] {
  const zone = settings.timeZone;
  const length = visitMinutes(settings, request.deviceCount) * MINUTE;
  const buffer = settings.travelBufferMinutes * MINUTE;
  const step = settings.slotStepMinutes * MINUTE;
  const earliest = now.getTime() + settings.minNoticeMinutes * MINUTE;
  const latest = DateTime.fromJSDate(now, { zone }).plus({ days: settings.horizonDays }).toMillis();

  const wanted = new Set(request.brands);
  const techs = rows.technicians.filter((t) => [...wanted].every((b) => t.brands.includes(b)));
  if (techs.length === 0) return [];
  const hoursByTechDay = new Map<string, HoursRow[]>();
  for (const h of rows.hours) {
    const key = `${h.technicianId}:${h.weekday}`;
    const list = hoursByTechDay.get(key);
    if (list) list.push(h);
    else hoursByTechDay.set(key, [h]);
  }
  const blocked = blockedByTechnician(rows, request.ignoreVisitId);
  const holidays = new Set(rows.holidays);

  const firstDay = DateTime.fromMillis(earliest, { zone }).startOf("day");
  const lastDay = DateTime.fromMillis(latest, { zone }).startOf("day");
  const from = request.fromDay ? DateTime.fromISO(request.fromDay, { zone }).startOf("day") : firstDay;
  const to = request.toDay ? DateTime.fromISO(request.toDay, { zone }).startOf("day") : lastDay;
  const startDay = from < firstDay ? firstDay : from;
  const endDay = to > lastDay ? lastDay : to;

  const slots: Slot[] = [];
  for (let day = startDay; day <= endDay; day = day.plus({ days: 1 }).startOf("day")) {
    const iso = day.toISODate()!;
    if (holidays.has(iso)) continue;
    const dayStart = day.toMillis();
    const dayEnd = day.plus({ days: 1 }).startOf("day").toMillis();
    // Technicians mostly share start/end minutes: convert each distinct one once per day (luxon is the costly part).
    const instants = new Map<number, number>();
    const at = (minute: number) => {
      let v = instants.get(minute);
      if (v === undefined) instants.set(minute, (v = localMinuteToMillis(day, minute)));
      return v;
    };
    // Per technician: that day's working windows as instants.
    const windows = techs
      .map((t) => ({
        id: t.id,
        blocked: blocked.get(t.id),
        spans: (hoursByTechDay.get(`${t.id}:${day.weekday}`) ?? []).map((h) => ({
          start: at(h.startMinute),
          end: at(h.endMinute),
        })),
      }))
      .filter((w) => w.spans.length > 0);
    if (windows.length === 0) continue;
    // Least busy first: fewer blocked intervals that day.
    const load = new Map(windows.map((w) => [w.id, (w.blocked ?? []).filter((i) => i.end > dayStart && i.start < dayEnd).length]));
    windows.sort((a, b) => load.get(a.id)! - load.get(b.id)! || (a.id < b.id ? -1 : 1));

    for (let s = dayStart; s < dayEnd; s += step) {
      if (s < earliest || s >= latest) continue;
      const end = s + length;
      const free: string[] = [];
      for (const w of windows) {
        if (!w.spans.some((sp) => sp.start <= s && end <= sp.end)) continue;
        if (overlaps(w.blocked, s, end + buffer)) continue;
        free.push(w.id);
      }
      if (free.length > 0) slots.push({ start: new Date(s), end: new Date(end), day: iso, technicianIds: free });
    }
  }
  return slots;
}

/** Slots grouped by local day, for the day picker. */
export function groupByDay(slots: Slot[]) {
  const days = new Map<string, Slot[]>();
  for (const s of slots) {
    const list = days.get(s.day);
    if (list) list.push(s);
    else days.set(s.day, [s]);
  }
  return days;
}
