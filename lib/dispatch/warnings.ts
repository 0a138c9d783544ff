import "server-only";
import { and, eq, gt, lt } from "drizzle-orm";
import { DateTime } from "luxon";
import type { Executor } from "@/db/client";
import { devices, holidays, technicianHours, technicianProfiles, technicianTimeOff, visitDevices, type Brand } from "@/db/schema";
import { minutesToTime } from "@/lib/availability/time";
import { formatDate, formatWeekday, type ZoneAndLocale } from "@/lib/format/dates";
import { BRAND_LABELS } from "@/lib/values/labels";

/**
 * What a dispatcher should know about a placement the database allows: outside
 * the technician's hours, on their time off or a company holiday, or a brand
 * they are not set up for. The dispatcher decides (overtime, a one-off), so
 * these are notes on the result, not refusals; customers' own booking never
 * offers such slots.
 */
export async function placementWarnings(
  db: Executor,
  p: { visitId: string; technicianId: string; technicianName: string; startsAt: Date; endsAt: Date; settings: ZoneAndLocale },
): Promise<string[]> {
  const zone = p.settings.timeZone;
  const start = DateTime.fromJSDate(p.startsAt, { zone });
  const end = DateTime.fromJSDate(p.endsAt, { zone });
  const day = start.toISODate()!;
  const [hours, off, holiday, profile, brands] = await Promise.all([
    db
      .select({ startMinute: technicianHours.startMinute, endMinute: technicianHours.endMinute })
      .from(technicianHours)
      .where(and(eq(technicianHours.technicianId, p.technicianId), eq(technicianHours.weekday, start.weekday))),
    db
      .select({ id: technicianTimeOff.id })
      .from(technicianTimeOff)
      .where(and(eq(technicianTimeOff.technicianId, p.technicianId), lt(technicianTimeOff.startsAt, p.endsAt), gt(technicianTimeOff.endsAt, p.startsAt)))
      .limit(1),
    db.select({ name: holidays.name }).from(holidays).where(eq(holidays.day, day)),
    db.select({ brands: technicianProfiles.brands }).from(technicianProfiles).where(eq(technicianProfiles.userId, p.technicianId)),
    db
      .selectDistinct({ brand: devices.brand })
      .from(visitDevices)
      .innerJoin(devices, eq(devices.id, visitDevices.deviceId))
      .where(eq(visitDevices.visitId, p.visitId)),
  ]);
  const warnings: string[] = [];
  const who = p.technicianName;
  const startMin = start.hour * 60 + start.minute;
  const endMin = end.hasSame(start, "day") ? end.hour * 60 + end.minute : 24 * 60;
  if (hours.length === 0) {
    warnings.push(`${who} does not work on ${formatWeekday(p.startsAt, p.settings)}s.`);
  } else if (!hours.some((h) => h.startMinute <= startMin && endMin <= h.endMinute)) {
    const spans = hours.map((h) => `${minutesToTime(h.startMinute)}–${minutesToTime(h.endMinute)}`).join(", ");
    warnings.push(`This is outside ${who}'s hours on ${formatWeekday(p.startsAt, p.settings)}s (${spans}).`);
  }
  if (off.length > 0) warnings.push(`${who} has time off then.`);
  if (holiday[0]) warnings.push(`${formatDate(day, p.settings)} is a company holiday (${holiday[0].name}).`);
  const skills = new Set<Brand>(profile[0]?.brands ?? []);
  const missing = brands.map((b) => b.brand).filter((b) => !skills.has(b));
  if (missing.length > 0) warnings.push(`${who} is not set up for ${missing.map((b) => BRAND_LABELS[b]).join(" and ")} devices.`);
  return warnings;
}
