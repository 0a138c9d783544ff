/**
 * The two clocks of a vendor case: when the vendor's answer is due (sent +
 * the company's vendorCaseDueHours), and once the answer is in, when it stops
 * being usable (the method's catalogued validity). Pure and client-safe: the
 * server stores the deadlines, the phone counts down to them.
 */
import { DateTime } from "luxon";
import type { AnswerValidity } from "@/lib/values";

/** The warning on a method that names no words of its own (the catalogue's doNotReboot). */
export const DO_NOT_REBOOT = "Do not reboot or power-cycle this device until the vendor's answer is applied: a reboot voids the request.";

/** Warn this long before a received answer expires unused. */
export const EXPIRY_WARNING_HOURS = 4;
/** A clock turns red this close to its deadline. */
export const NEAR_DEADLINE_MS = EXPIRY_WARNING_HOURS * 3_600_000;

/**
 * When an answer received at `receivedAt` stops being usable: so many hours
 * later, or at the end of that day in the company's time zone (the next local
 * midnight, however long that day is across a daylight-saving change; where
 * midnight itself is skipped, the day's first instant), or null when no
 * source says.
 */
export function answerExpiresAt(validity: AnswerValidity, receivedAt: Date, timeZone: string): Date | null {
  switch (validity.kind) {
    case "hours":
      return new Date(receivedAt.getTime() + validity.hours * 3_600_000);
    case "end_of_day": {
      const local = DateTime.fromJSDate(receivedAt, { zone: timeZone });
      return local.plus({ days: 1 }).startOf("day").toJSDate();
    }
    default:
      return null;
  }
}

/** "24 hours", "until the end of the day", "unknown": how the validity reads on a case. */
export function describeValidity(v: AnswerValidity): string {
  if (v.kind === "hours") return v.hours % 24 === 0 && v.hours >= 48 ? `${v.hours / 24} days` : `${v.hours} hours`;
  if (v.kind === "end_of_day") return "until the end of the day";
  return "unknown (no source says)";
}

export type ClockState = "ok" | "near" | "past";

/** Where a deadline stands: more than NEAR_DEADLINE_MS away, nearer, or past. */
export function clockState(deadline: Date | number, now: Date | number): ClockState {
  const left = +deadline - +now;
  if (left <= 0) return "past";
  return left <= NEAR_DEADLINE_MS ? "near" : "ok";
}

/** "3 h 05 min", "12 min", "45 s": time left (or overdue by) for a countdown. */
export function formatCountdown(ms: number): string {
  const s = Math.floor(Math.abs(ms) / 1000);
  const d = Math.floor(s / 86_400);
  const h = Math.floor((s % 86_400) / 3600);
  const m = Math.floor((s % 3600) / 60);
  if (d > 0) return `${d} d ${h} h`;
  if (h > 0) return `${h} h ${String(m).padStart(2, "0")} min`;
  if (m > 0) return `${m} min`;
  return `${s % 60} s`;
}
