/**
 * Where a visit sits on a day lane: a window of whole hours covering the
 * working day (8 AM to 6 PM at least, wider if a visit falls outside), and each
 * visit's left offset and width as a percentage of it. Pure, for the board.
 */
import { DateTime } from "luxon";
import { formatTime, type ZoneAndLocale } from "@/lib/format/dates";

export type Placed = { leftPct: number; widthPct: number };

export function dayWindow(day: string, z: ZoneAndLocale, visits: { startsAt: Date; endsAt: Date }[], minHour = 8, maxHour = 18) {
  const zone = z.timeZone;
  const dayStart = DateTime.fromISO(day, { zone }).startOf("day");
  const dayEnd = dayStart.plus({ days: 1 });
  // Wall-clock hours: on a daylight-saving day "8 hours after midnight" is 7:00 or 9:00.
  let from = dayStart.set({ hour: minHour });
  let to = dayStart.set({ hour: maxHour });
  for (const v of visits) {
    const s = DateTime.fromJSDate(v.startsAt, { zone });
    const e = DateTime.fromJSDate(v.endsAt, { zone });
    if (s < from) from = s.startOf("hour") < dayStart ? dayStart : s.startOf("hour");
    if (e > to) to = e > dayEnd ? dayEnd : e.minute || e.second ? e.startOf("hour").plus({ hours: 1 }) : e;
  }
  // Hour marks for the axis (wall-clock labels, so a DST day shows its real hours).
  const marks: { label: string; pct: number }[] = [];
  const total = to.toMillis() - from.toMillis();
  for (let t = from; t < to; t = t.plus({ hours: 1 })) {
    marks.push({ label: formatTime(t.toJSDate(), z), pct: ((t.toMillis() - from.toMillis()) / total) * 100 });
  }
  return { from: from.toJSDate(), to: to.toJSDate(), marks };
}

/**
 * The marks that carry a label on the axis: every hour on a working day, every second or third on a long one
 * (a visit at 1 AM widens the window to 23 hours), so at most `most` labels share the lane and never overlap.
 */
export function labelledMarks<M>(marks: M[], most = 10): M[] {
  const every = Math.max(1, Math.ceil(marks.length / most));
  return marks.filter((_, i) => i % every === 0);
}

export function place(v: { startsAt: Date; endsAt: Date }, from: Date, to: Date): Placed {
  const total = to.getTime() - from.getTime();
  const s = Math.max(v.startsAt.getTime(), from.getTime());
  const e = Math.min(v.endsAt.getTime(), to.getTime());
  const leftPct = ((s - from.getTime()) / total) * 100;
  const widthPct = (Math.max(e - s, 0) / total) * 100;
  return { leftPct: round(leftPct), widthPct: round(widthPct) };
}

const round = (n: number) => Math.round(n * 100) / 100;
