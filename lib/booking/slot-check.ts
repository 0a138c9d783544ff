/**
 * Server-side check of a chosen start: never trust the client. The answer
 * is the slot (with its free technicians, least busy first) or a specific
 * error on the time field: passed, too soon, too far ahead, never offered,
 * or just taken (a 409 the UI answers with fresh slots).
 */
import { DateTime } from "luxon";
import type { Executor } from "@/db/client";
import type { Brand } from "@/db/schema";
import { ConflictError, ValidationError } from "@/lib/platform/errors";
import type { CompanySettings } from "@/lib/settings/schema";
import { loadAvailabilityRows, rangeFor } from "../availability/slot-rows";
import { computeFreeSlots, type Slot } from "./slots";

export const SLOT_TAKEN = "That time was just taken. Please pick another slot.";

export const slotTaken = (field = "slotStart") => new ConflictError(SLOT_TAKEN, { [field]: [SLOT_TAKEN] });

export async function checkSlot(
  db: Executor,
  s: CompanySettings,
  req: { brands: Brand[]; deviceCount: number; ignoreVisitId?: string },
  start: Date,
  now: Date,
  field = "slotStart",
): Promise<Slot> {
  const bad = (message: string) => new ValidationError(message, { [field]: [message] });
  if (Number.isNaN(start.getTime())) throw bad("Pick a time for the visit.");
  if (start.getTime() <= now.getTime()) throw bad("That time has already passed. Pick another.");
  if (start.getTime() < now.getTime() + s.minNoticeMinutes * 60_000) {
    const hours = Math.round((s.minNoticeMinutes / 60) * 10) / 10;
    throw bad(`That is too soon: we need at least ${hours} hour${hours === 1 ? "" : "s"}' notice. Pick a later time.`);
  }
  if (start.getTime() >= DateTime.fromJSDate(now, { zone: s.timeZone }).plus({ days: s.horizonDays }).toMillis()) {
    throw bad(`We book up to ${s.horizonDays} days ahead. Pick an earlier day.`);
  }
  const day = DateTime.fromJSDate(start, { zone: s.timeZone }).toISODate()!;
  const request = { ...req, fromDay: day, toDay: day };
  const rows = await loadAvailabilityRows(db, rangeFor(s, request, now), s.timeZone);
  const hit = computeFreeSlots(rows, s, request, now).find((x) => x.start.getTime() === start.getTime());
  if (hit) return hit;
  // Would it be free but for other visits? Then someone just took it.
  const withoutVisits = computeFreeSlots({ ...rows, busy: [] }, s, request, now);
  if (withoutVisits.some((x) => x.start.getTime() === start.getTime())) throw slotTaken(field);
  throw bad("We do not offer that time. Pick one of the times shown.");
}
