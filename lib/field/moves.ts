/**
 * The technician's one-tap status moves, as rules the screens and the server
 * share (client-safe; lib/field/status.ts enforces them):
 *   - "On my way" (scheduled -> en_route) and a straight "arrived"
 *     (scheduled -> on_site) only on the visit's own day in the company's
 *     time zone: a mis-tap in the Week tab must not email a customer days early;
 *   - "Arrived on site" (en_route -> on_site) whenever the visit is en route;
 *   - a tap can be undone for STATUS_UNDO_SECONDS by who made it; the
 *     "on my way" email waits in the outbox until then, and is dropped on undo.
 */
import { DateTime } from "luxon";
import type { VisitStatus } from "@/lib/values";

/** How long a status tap can be undone (a constant: long enough to notice a mis-tap, short enough not to delay the customer's email). */
export const STATUS_UNDO_SECONDS = 10;

export type StatusMove = { to: "en_route" | "on_site"; label: string };

/** Is `startsAt` on the same local day as `now` in the company's time zone? */
export function isVisitDay(startsAt: Date | string, now: Date, timeZone: string) {
  const day = (d: Date) => DateTime.fromJSDate(d, { zone: timeZone }).toISODate();
  return day(new Date(startsAt)) === day(now);
}

/** May a visit in this status move to `to` now? Null when it may; else why not, in words. */
export function whyNotMove(v: { status: VisitStatus; startsAt: Date | string }, to: StatusMove["to"], now: Date, timeZone: string): string | null {
  if (v.status === "scheduled" && !isVisitDay(v.startsAt, now, timeZone)) {
    return to === "en_route"
      ? "“On my way” is for today's visits only: this visit is on another day."
      : "“Arrived on site” is for today's visits only: this visit is on another day.";
  }
  return null;
}

/** The next one-tap move of a visit on the technician's screens, if any. */
export function nextMove(v: { status: VisitStatus; startsAt: Date | string }, now: Date, timeZone: string): StatusMove | null {
  if (v.status === "scheduled") return whyNotMove(v, "en_route", now, timeZone) ? null : { to: "en_route", label: "On my way" };
  if (v.status === "en_route") return { to: "on_site", label: "Arrived on site" };
  return null;
}
