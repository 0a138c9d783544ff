/**
 * Dates and times as people read them: one small set of named formats, each
 * in the company's time zone and locale (company settings `timeZone` and
 * `locale`), never the server's or the phone's. Client-safe (Intl only).
 *
 * Machine formats stay where they are: ISO dates in URLs, `HH:mm` values of
 * inputs, CSV and ICS timestamps.
 *
 * Every function takes the instant (a Date, or an ISO string) and
 * `{ timeZone, locale }` (the company settings object fits). A date-only
 * string ("2026-03-02") is a calendar day and is shown as that day.
 */

export type ZoneAndLocale = { timeZone: string; locale: string };
export type DateInput = Date | string;

export const DEFAULT_LOCALE = "en-US";

const DATE_ONLY = /^\d{4}-\d{2}-\d{2}$/;

/** A calendar day is formatted at noon UTC in UTC, so no time zone can move it to another day. */
function resolve(d: DateInput, timeZone: string): { at: Date; timeZone: string } {
  if (typeof d === "string" && DATE_ONLY.test(d)) return { at: new Date(`${d}T12:00:00Z`), timeZone: "UTC" };
  return { at: typeof d === "string" ? new Date(d) : d, timeZone };
}

const cache = new Map<string, Intl.DateTimeFormat>();
function formatter(locale: string, timeZone: string, options: Intl.DateTimeFormatOptions) {
  const key = `${locale}|${timeZone}|${JSON.stringify(options)}`;
  let f = cache.get(key);
  if (!f) {
    f = new Intl.DateTimeFormat(locale, { ...options, timeZone });
    if (cache.size > 500) cache.clear();
    cache.set(key, f);
  }
  return f;
}

/**
 * ICU puts narrow and thin no-break spaces around times and ranges in some
 * engines and plain spaces in others; one kind everywhere keeps the server's
 * and the browser's text identical (hydration) and plain-text email readable.
 */
const tidy = (s: string) => s.replace(/[\u202f\u2009]/g, " ");

function format(d: DateInput, z: ZoneAndLocale, options: Intl.DateTimeFormatOptions) {
  const { at, timeZone } = resolve(d, z.timeZone);
  return tidy(formatter(z.locale, timeZone, options).format(at));
}

function formatRange(a: DateInput, b: DateInput, z: ZoneAndLocale, options: Intl.DateTimeFormatOptions) {
  const s = resolve(a, z.timeZone);
  const e = resolve(b, z.timeZone);
  return tidy(formatter(z.locale, s.timeZone, options).formatRange(s.at, e.at));
}

/**
 * Hours and minutes as the locale writes a short time: "9:05 AM" on a 12-hour
 * clock, "09:05" on a 24-hour one (ICU writes "9:05" for a numeric hour there).
 */
const hourCycles = new Map<string, string | undefined>();
function timeParts(locale: string): Intl.DateTimeFormatOptions {
  if (!hourCycles.has(locale)) hourCycles.set(locale, new Intl.DateTimeFormat(locale, { timeStyle: "short" }).resolvedOptions().hourCycle);
  const cycle = hourCycles.get(locale);
  return { hour: cycle === "h23" || cycle === "h24" ? "2-digit" : "numeric", minute: "2-digit" };
}

/** "Mar 2, 2026" (en-US), "2 Mar 2026" (en-GB); with the weekday, "Mon, Mar 2, 2026" / "Mon 2 Mar 2026". */
export const formatDate = (d: DateInput, z: ZoneAndLocale, opts: { weekday?: boolean } = {}) =>
  format(d, z, opts.weekday ? { weekday: "short", month: "short", day: "numeric", year: "numeric" } : { dateStyle: "medium" });

/** "Mar 2, 2026, 10:30 AM" (en-US), "2 Mar 2026, 10:30" (en-GB); with seconds for audit trails ("10:30:05 AM"). */
export const formatDateTime = (d: DateInput, z: ZoneAndLocale, opts: { seconds?: boolean } = {}) =>
  format(d, z, { dateStyle: "medium", timeStyle: opts.seconds ? "medium" : "short" });

/** "10:30 AM" (en-US), "10:30" (en-GB); with the zone ("10:30 AM EST") where a clock time repeats (the autumn change). */
export const formatTime = (d: DateInput, z: ZoneAndLocale, opts: { zoneName?: boolean } = {}) =>
  format(d, z, opts.zoneName ? { ...timeParts(z.locale), timeZoneName: "short" } : timeParts(z.locale));

/** "10:30 AM – 12:00 PM", "10:00 – 11:30 AM" (en-US), "10:30–12:00" (en-GB); dates are added when the ends fall on different days. */
export const formatTimeRange = (a: DateInput, b: DateInput, z: ZoneAndLocale) => formatRange(a, b, z, timeParts(z.locale));

/** "Mon, Mar 2" (en-US), "Mon 2 Mar" (en-GB): days in a list or a picker. */
export const formatWeekdayDate = (d: DateInput, z: ZoneAndLocale) => format(d, z, { weekday: "short", month: "short", day: "numeric" });

/** "Monday" (for sentences such as "does not work on Mondays"). */
export const formatWeekday = (d: DateInput, z: ZoneAndLocale) => format(d, z, { weekday: "long" });

/** "Monday, March 2, 2026" (en-US), "Monday, 2 March 2026" (en-GB): a page's day heading. */
export const formatDayLabel = (d: DateInput, z: ZoneAndLocale) => format(d, z, { weekday: "long", month: "long", day: "numeric", year: "numeric" });

/** "Mar 2, 2026, 10:30 AM – 12:00 PM", or "Mar 2, 2026, 10:30 AM – Mar 3, 2026, 9:00 AM" across days (time off, holidays of several days). */
export const formatDateTimeRange = (a: DateInput, b: DateInput, z: ZoneAndLocale) => formatRange(a, b, z, { dateStyle: "medium", timeStyle: "short" });

/**
 * A visit's time, in full and with the zone, for emails and the customer's
 * pages: "Monday, March 2, 2026, 10:30 AM – 12:00 PM EST".
 */
export const formatVisitWindow = (a: DateInput, b: DateInput, z: ZoneAndLocale) =>
  formatRange(a, b, z, { weekday: "long", month: "long", day: "numeric", year: "numeric", ...timeParts(z.locale), timeZoneName: "short" });

/** One picked time in full with the zone: "Monday, March 2, 2026 at 10:30 AM EST". */
export const formatFullDateTime = (d: DateInput, z: ZoneAndLocale) =>
  format(d, z, { weekday: "long", month: "long", day: "numeric", year: "numeric", ...timeParts(z.locale), timeZoneName: "short" });

/** Is this an IANA time zone Intl knows ("America/New_York", "UTC", "US/Eastern")? Known zones are remembered: the check builds a formatter. */
export function isTimeZone(tz: string): boolean {
  if (knownZones.has(tz)) return true;
  try {
    new Intl.DateTimeFormat("en-US", { timeZone: tz });
  } catch {
    return false;
  }
  if (knownZones.size < 1000) knownZones.add(tz);
  return true;
}

const knownZones = new Set<string>();

/** Is this a BCP 47 language tag Intl formats dates for? Returns its canonical form ("en-us" -> "en-US"), or null. */
export function canonicalLocale(tag: string): string | null {
  const known = canonicalLocales.get(tag);
  if (known) return known;
  const canonical = findCanonicalLocale(tag);
  // Only answers that are locales are kept (a finite set; the settings are read on every request and building the answer takes Intl's locale data).
  if (canonical && canonicalLocales.size < 1000) canonicalLocales.set(tag, canonical);
  return canonical;
}

const canonicalLocales = new Map<string, string>();

function findCanonicalLocale(tag: string): string | null {
  try {
    const [canonical] = Intl.getCanonicalLocales(tag.trim());
    if (!canonical || Intl.DateTimeFormat.supportedLocalesOf(canonical).length === 0) return null;
    return canonical;
  } catch {
    return null;
  }
}
