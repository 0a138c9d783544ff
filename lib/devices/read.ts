import "server-only";
import { and, eq } from "drizzle-orm";
import { getDb } from "@/db/client";
import { customers, devices, sites } from "@/db/schema";
import type { Actor } from "@/lib/auth/permissions";
import { deviceScope } from "@/lib/auth/scopes";
import { NotFoundError } from "@/lib/platform/errors";
import { afterCursor, cursorKey, toPage, type PageQuery } from "@/lib/platform/pagination";

export const deviceColumns = {
  id: devices.id,
  customerId: devices.customerId,
  brand: devices.brand,
  kind: devices.kind,
  model: devices.model,
  serial: devices.serial,
  firmware: devices.firmware,
  mac: devices.mac,
  channels: devices.channels,
  lorexDeviceId: devices.lorexDeviceId,
  recoveryOptions: devices.recoveryOptions,
  warrantySeal: devices.warrantySeal,
  notes: devices.notes,
  siteId: devices.siteId,
};

/**
 * Devices: one read path for the pages (admin, technician) and the API. Who
 * sees which device is deviceScope (lib/auth/scopes.ts): admins all,
 * technicians devices on visits assigned to them, customers their own; the
 * backups of a device follow the same rule (lib/backups/access.ts).
 */

/** One device with its customer's name and site, if this actor may see it; NotFoundError otherwise (no hint it exists). */
export async function getDevice(actor: Actor | null, deviceId: string) {
  const scope = deviceScope(actor);
  if (!/^[0-9a-f-]{36}$/i.test(deviceId)) throw new NotFoundError();
  const db = await getDb();
  const [row] = await db
    .select({ ...deviceColumns, customerName: customers.name, siteAddress: sites.addressLine1, siteCity: sites.city })
    .from(devices)
    .innerJoin(customers, eq(customers.id, devices.customerId))
    .leftJoin(sites, eq(sites.id, devices.siteId))
    .where(and(eq(devices.id, deviceId), scope));
  if (!row) throw new NotFoundError("That device or backup does not exist.");
  return row;
}

/** A device's facts for a list (its internal notes stay out). */
const { notes: _notes, ...listColumns } = { ...deviceColumns, createdAt: devices.createdAt };

/** Devices this actor may see, oldest first, optionally of one customer; a page at a time. */
export async function listDevices(actor: Actor | null, filter: { customerId?: string }, page: PageQuery) {
  const scope = deviceScope(actor);
  const db = await getDb();
  const rows = await db
    .select({ ...listColumns, _k: cursorKey(devices.createdAt) })
    .from(devices)
    .where(and(scope, filter.customerId ? eq(devices.customerId, filter.customerId) : undefined, afterCursor(devices.createdAt, devices.id, page.cursor)))
    .orderBy(devices.createdAt, devices.id)
    .limit(page.limit + 1);
  return toPage(rows, page.limit);
}
