/**
 * Local (company time zone) dates and times <-> instants, with luxon. (How
 * they read for people is lib/format/dates.)
 * Never hand-rolled: daylight-saving gaps and repeats are luxon's job; we only
 * refuse a wall-clock time that does not exist on that day.
 */
import { DateTime } from "luxon";
import { ValidationError } from "@/lib/platform/errors";

export const WEEKDAY_NAMES = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"] as const;

export const TIME_RE = /^([01]\d|2[0-3]):[0-5]\d$|^24:00$/;
export const DATE_RE = /^\d{4}-\d{2}-\d{2}$/;

/** "09:30" -> 570. "24:00" -> 1440 (end of day). */
export function timeToMinutes(hhmm: string): number {
  const [h, m] = hhmm.split(":").map(Number);
  return h! * 60 + m!;
}

/** 570 -> "09:30"; 1440 -> "24:00". */
export function minutesToTime(minutes: number): string {
  const h = Math.floor(minutes / 60);
  const m = minutes % 60;
  return `${String(h).padStart(2, "0")}:${String(m).padStart(2, "0")}`;
}

/** A calendar date that really exists ("2026-02-30" does not). */
export function isRealDate(day: string): boolean {
  return DATE_RE.test(day) && DateTime.fromISO(day, { zone: "utc" }).isValid;
}

/**
 * The instant of a wall-clock time on a local date in `zone`. Throws a
 * ValidationError (on `field`) when the time falls in a daylight-saving gap.
 */
export function localToInstant(day: string, time: string, zone: string, field = "time"): Date {
  const dt = DateTime.fromISO(`${day}T${time}`, { zone });
  if (!dt.isValid) throw new ValidationError("Please correct the highlighted fields.", { [field]: ["That date or time is not valid."] });
  if (dt.toFormat("yyyy-MM-dd'T'HH:mm") !== `${day}T${time}`) {
    throw new ValidationError("Please correct the highlighted fields.", {
      [field]: [`${time} does not exist on ${day} in ${zone} (the clocks go forward). Pick another time.`],
    });
  }
  return dt.toJSDate();
}

/** "yyyy-MM-ddTHH:mm" (a datetime-local input) -> instant in `zone`. */
export function localDateTimeToInstant(value: string, zone: string, field: string): Date {
  const [day, time] = value.split("T");
  return localToInstant(day ?? "", (time ?? "").slice(0, 5), zone, field);
}

/** An instant as a datetime-local value in `zone`. */
export function instantToLocalInput(d: Date, zone: string): string {
  return DateTime.fromJSDate(d, { zone }).toFormat("yyyy-MM-dd'T'HH:mm");
}

/** Today's local date in `zone`. */
export function todayIn(zone: string, now = new Date()): string {
  return DateTime.fromJSDate(now, { zone }).toISODate()!;
}
