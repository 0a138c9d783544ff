/**
 * Free slots as the booking form shows them: days with availability, each
 * with its start times labelled in the company time zone. Public for a new
 * booking (only brands and a count go in; no technician names come out);
 * scoped to the visit's owner (or an admin) for a reschedule.
 */
import { and, eq } from "drizzle-orm";
import { getDb } from "@/db/client";
import { visits } from "@/db/schema";
import { can, requirePermission, type Actor } from "@/lib/auth/permissions";
import { visitScope } from "@/lib/auth/scopes";
import { NotFoundError, parseInput, UnauthenticatedError } from "@/lib/platform/errors";
import { formatTime, formatWeekdayDate, type ZoneAndLocale } from "@/lib/format/dates";
import { getSettings } from "@/lib/settings/company";
import { findFreeSlots } from "../availability/slot-rows";
import { visitDeviceBrands } from "./manage";
import { slotQuerySchema } from "./schemas";
import type { Slot } from "./slots";
import { visitMinutes } from "./visit-length";

export type SlotOption = { start: string; label: string };
export type SlotDay = { day: string; label: string; slots: SlotOption[] };
export type SlotOptions = { timeZone: string; days: SlotDay[]; visitMinutes: number };

export function toSlotDays(slots: Slot[], zone: ZoneAndLocale): SlotDay[] {
  const days = new Map<string, SlotDay>();
  for (const s of slots) {
    let d = days.get(s.day);
    if (!d) days.set(s.day, (d = { day: s.day, label: formatWeekdayDate(s.day, zone), slots: [] }));
    d.slots.push({ start: s.start.toISOString(), label: formatTime(s.start, zone) });
  }
  // On the autumn change one clock hour happens twice: tell them apart by the zone name.
  for (const d of days.values()) {
    const seen = new Map<string, number>();
    for (const o of d.slots) seen.set(o.label, (seen.get(o.label) ?? 0) + 1);
    for (const o of d.slots) if (seen.get(o.label)! > 1) o.label = formatTime(o.start, zone, { zoneName: true });
  }
  return [...days.values()];
}

export async function slotOptions(input: unknown, now = new Date()): Promise<SlotOptions> {
  const q = parseInput(slotQuerySchema, input);
  const db = await getDb();
  const s = await getSettings(db);
  const slots = await findFreeSlots(db, s, { brands: q.brands, deviceCount: q.deviceCount, fromDay: q.fromDay, toDay: q.toDay }, now);
  return { timeZone: s.timeZone, days: toSlotDays(slots, s), visitMinutes: visitMinutes(s, q.deviceCount) };
}

/** Slots to move one of my visits to (it does not block itself). */
export async function rescheduleOptions(actor: Actor | null, visitId: string, now = new Date()): Promise<SlotOptions> {
  if (!actor) throw new UnauthenticatedError();
  const asAdmin = can(actor, "visits:dispatch");
  if (!asAdmin) requirePermission(actor, "visits:manage-own");
  const db = await getDb();
  const [v] = await db
    .select({ id: visits.id })
    .from(visits)
    .where(and(eq(visits.id, visitId), visitScope(actor)));
  if (!v) throw new NotFoundError("That visit does not exist.");
  const s = await getSettings(db);
  const { brands, deviceCount } = await visitDeviceBrands(db, v.id);
  const slots = await findFreeSlots(db, s, { brands, deviceCount, ignoreVisitId: v.id }, now);
  return { timeZone: s.timeZone, days: toSlotDays(slots, s), visitMinutes: visitMinutes(s, deviceCount) };
}
