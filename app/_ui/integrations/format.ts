import { DateTime } from "luxon";

/** A timestamp in the company's time zone, or a dash. */
export function when(d: Date | null | undefined, timeZone: string): string {
  return d ? DateTime.fromJSDate(d, { zone: timeZone }).toFormat("d LLL yyyy, HH:mm") : "—";
}
