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

/**
 * The dates FieldKey accepts anywhere a person or a client types one: years 1900 to 2999. Wider than any
 * visit, report or time off needs, narrow enough that a day either side still has a four-digit year the
 * database stores (year 0 or 10000 would be a database error, SQLSTATE 22008).
 */
export const SUPPORTED_YEARS = { min: 1900, max: 2999 } as const;

/** A calendar date that really exists ("2026-02-30" does not), in the supported years. */
export function isRealDate(day: string): boolean {
  if (!DATE_RE.test(day)) return false;
  const d = DateTime.fromISO(day, { zone: "utc" });
  return d.isValid && d.year >= SUPPORTED_YEARS.min && d.year <= SUPPORTED_YEARS.max;
}

/**
 * An ISO 8601 instant (as z.iso.datetime checks it) whose UTC year is in the supported years. Only the year
 * is judged: a value that is not a date at all is the format check's to refuse (one bad value, one message).
 */
export function isSupportedInstant(iso: string): boolean {
  const t = Date.parse(iso);
  if (Number.isNaN(t)) return true;
  const year = new Date(t).getUTCFullYear();
  return year >= SUPPORTED_YEARS.min && year <= SUPPORTED_YEARS.max;
}

/**
 * The instant of a wall-clock time on a local date in `zone`. Throws a
 * ValidationError (on `field`) when the time falls in a daylight-saving gap.
 */
export function localToInstant(day: string, time: string, zone: string, field = "time"): Date {
  const dt = DateTime.fromISO(`${day}T${time}`, { zone });
  if (!dt.isValid || !isRealDate(day)) throw new ValidationError("Please correct the highlighted fields.", { [field]: ["That date or time is not valid."] });
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
