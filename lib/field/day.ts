import "server-only";
import { and, asc, eq, gte, inArray, lt, notInArray } from "drizzle-orm";
import { DateTime } from "luxon";
import { getDb } from "@/db/client";
import { customers, devices, sites, visitDevices, visits } from "@/db/schema";
import { requirePermission, type Actor } from "@/lib/auth/permissions";
import { visitScope } from "@/lib/auth/scopes";
import { getSettings } from "@/lib/settings/company";
import { deviceLabel } from "@/lib/values/labels";
import { nextMove } from "./moves";
import { recentStatusChanges } from "./status";

export const DAY_RANGES = ["today", "tomorrow", "week"] as const;
export type DayRange = (typeof DAY_RANGES)[number];

/** [from, to) of a range in the company time zone: today, tomorrow, or today and the 6 days after. */
export function rangeBounds(range: DayRange, now: Date, timeZone: string) {
  const today = DateTime.fromJSDate(now, { zone: timeZone }).startOf("day");
  const from = range === "tomorrow" ? today.plus({ days: 1 }) : today;
  const to = range === "week" ? today.plus({ days: 7 }) : from.plus({ days: 1 });
  return { from: from.toJSDate(), to: to.toJSDate() };
}

/** The technician's visits in a range, in order, with what the day view shows. Cancelled visits are left out. */
export async function listMyVisits(actor: Actor | null, range: DayRange, now = new Date()) {
  requirePermission(actor, "visits:read-assigned");
  const db = await getDb();
  const s = await getSettings(db);
  const { from, to } = rangeBounds(range, now, s.timeZone);
  const rows = await db
    .select({
      id: visits.id,
      reference: visits.reference,
      status: visits.status,
      startsAt: visits.startsAt,
      endsAt: visits.endsAt,
      customerName: customers.name,
      customerPhone: customers.phone,
      addressLine1: sites.addressLine1,
      addressLine2: sites.addressLine2,
      city: sites.city,
      region: sites.region,
      postalCode: sites.postalCode,
    })
    .from(visits)
    .innerJoin(customers, eq(customers.id, visits.customerId))
    .innerJoin(sites, eq(sites.id, visits.siteId))
    .where(and(visitScope(actor), gte(visits.startsAt, from), lt(visits.startsAt, to), notInArray(visits.status, ["cancelled", "requested"])))
    .orderBy(asc(visits.startsAt));
  const devs = rows.length
    ? await db
        .select({ visitId: visitDevices.visitId, brand: devices.brand, kind: devices.kind, model: devices.model })
        .from(visitDevices)
        .innerJoin(devices, eq(devices.id, visitDevices.deviceId))
        .where(
          inArray(
            visitDevices.visitId,
            rows.map((r) => r.id),
          ),
        )
        .orderBy(asc(visitDevices.position), asc(devices.createdAt), asc(devices.id))
    : [];
  const undo = await recentStatusChanges(
    db,
    actor,
    rows.map((r) => r.id),
    now,
  );
  return {
    timeZone: s.timeZone,
    from,
    to,
    visits: rows.map((r) => ({
      ...r,
      devices: devs.filter((d) => d.visitId === r.id).map((d) => deviceLabel(d)),
      /** The one-tap move offered now (none on another day's visit), and the last tap while it can be undone. */
      move: nextMove(r, now, s.timeZone),
      undo: undo.get(r.id) ?? null,
    })),
  };
}

export type DayVisit = Awaited<ReturnType<typeof listMyVisits>>["visits"][number];

/** A maps link for an address (opens the phone's maps app). */
export function mapsUrl(address: string) {
  return `https://maps.google.com/?q=${encodeURIComponent(address)}`;
}
