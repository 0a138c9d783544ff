import "server-only";
import { and, eq, exists } from "drizzle-orm";
import { getDb, type Executor } from "@/db/client";
import { devices, visitDevices, visits } from "@/db/schema";
import { afterCursor, cursorKey, toPage, type PageQuery } from "@/lib/platform/pagination";
import { requirePermission, type Actor } from "@/lib/auth/permissions";
import { deviceColumns } from "./read";

/** The device's facts for an API list (its internal notes stay out). */
const { notes: _notes, ...columns } = { ...deviceColumns, createdAt: devices.createdAt };

/**
 * Devices this actor may see (the rule of lib/backups/access.ts, as a
 * filter): admins all, customers their own, technicians those on visits
 * assigned to them.
 */
function deviceScope(db: Executor, actor: Actor) {
  if (actor.role === "admin") return undefined;
  if (actor.role === "customer") return eq(devices.customerId, actor.customerId ?? "00000000-0000-0000-0000-000000000000");
  return exists(
    db
      .select({ one: visitDevices.visitId })
      .from(visitDevices)
      .innerJoin(visits, eq(visits.id, visitDevices.visitId))
      .where(and(eq(visitDevices.deviceId, devices.id), eq(visits.technicianId, actor.id))),
  );
}

/** Devices, oldest first, optionally of one customer; a page at a time. */
export async function listDevicesPage(actor: Actor | null, filter: { customerId?: string }, page: PageQuery) {
  requirePermission(actor, "devices:read");
  const db = await getDb();
  const rows = await db
    .select({ ...columns, _k: cursorKey(devices.createdAt) })
    .from(devices)
    .where(
      and(
        deviceScope(db, actor),
        filter.customerId ? eq(devices.customerId, filter.customerId) : undefined,
        afterCursor(devices.createdAt, devices.id, page.cursor),
      ),
    )
    .orderBy(devices.createdAt, devices.id)
    .limit(page.limit + 1);
  return toPage(rows, page.limit);
}
