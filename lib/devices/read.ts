import "server-only";
import { and, count, eq, sql } from "drizzle-orm";
import { getDb } from "@/db/client";
import { customers, devices, sites } from "@/db/schema";
import type { Actor } from "@/lib/auth/permissions";
import { deviceScope } from "@/lib/auth/scopes";
import { NotFoundError } from "@/lib/platform/errors";
import { afterCursor, cursorKey, keyset, toPage, type PageQuery } from "@/lib/platform/pagination";
import { deviceSearchText } from "@/lib/search";
import { devicePattern } from "@/lib/search/terms";

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
  if (!row) throw new NotFoundError("That device does not exist.");
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

/**
 * When a reset that wipes the configuration (a method with wipes_config =
 * 'yes') last worked on the device. Raw SQL with every column qualified: the
 * drizzle trap (an unqualified outer column binding to the inner table) cannot
 * happen here. lib/devices/read.test.ts checks the SQL.
 */
export const lastWipeSql = sql<Date | null>`(SELECT max(coalesce(wa.ended_at, wa.created_at)) FROM attempts wa
  JOIN recovery_methods wm ON wm.id = wa.method_id
  WHERE wa.device_id = "devices"."id" AND wa.outcome = 'succeeded' AND wm.wipes_config = 'yes')`;

/**
 * The device was wiped by a reset and no config backup has been stored since:
 * whatever was set up again on site exists only on the unit.
 */
export const needsBackupSql = sql<boolean>`(${lastWipeSql} IS NOT NULL AND NOT EXISTS (SELECT 1 FROM config_backups nb
  WHERE nb.device_id = "devices"."id" AND nb.kind = 'config' AND nb.deleted_at IS NULL AND nb.uploaded_at >= ${lastWipeSql}))`;

export type DeviceListFilter = {
  /** Serial, MAC or Lorex Device ID (as the office's search matches them). */
  q?: string;
  customerId?: string;
  /** Only devices wiped by a reset with no config backup since. */
  needsBackup?: boolean;
};

/** The office's device list filter from its URL (?q=&needs=backup). */
export function deviceListFilterFromParams(sp: Record<string, string | string[] | undefined>): DeviceListFilter {
  const q = typeof sp.q === "string" && sp.q.trim() ? sp.q : undefined;
  return { q, needsBackup: sp.needs === "backup" };
}

function deviceConditions(actor: Actor | null, filter: DeviceListFilter) {
  const pattern = filter.q ? devicePattern(filter.q) : null;
  return and(
    deviceScope(actor),
    filter.customerId ? eq(devices.customerId, filter.customerId) : undefined,
    filter.q ? (pattern ? sql`${deviceSearchText} LIKE ${pattern}` : sql`false`) : undefined,
    filter.needsBackup ? needsBackupSql : undefined,
  );
}

/** The office's list of devices, newest first, a page at a time both ways, with customer, config backups and the last wiping reset. */
export async function listDevicePage(actor: Actor | null, filter: DeviceListFilter, page: PageQuery) {
  const where = deviceConditions(actor, filter);
  const pager = keyset(devices.createdAt, devices.id, page, "timestamptz", "desc");
  const db = await getDb();
  const rows = await db
    .select({
      ...listColumns,
      customerName: customers.name,
      configBackups:
        sql<number>`(SELECT count(*) FROM config_backups cb WHERE cb.device_id = "devices"."id" AND cb.kind = 'config' AND cb.deleted_at IS NULL)`.mapWith(
          Number,
        ),
      lastWipeAt: sql<Date | null>`${lastWipeSql}`.mapWith((v) => (v === null ? null : new Date(v as string))),
      needsBackup: needsBackupSql.mapWith(Boolean),
      _k: cursorKey(devices.createdAt),
    })
    .from(devices)
    .innerJoin(customers, eq(customers.id, devices.customerId))
    .where(and(where, pager.where))
    .orderBy(...pager.orderBy)
    .limit(pager.limit);
  return pager.page(rows);
}
export type DeviceListRow = Awaited<ReturnType<typeof listDevicePage>>["data"][number];

/** How many devices the same filter lists. */
export async function countDevices(actor: Actor | null, filter: DeviceListFilter): Promise<number> {
  const where = deviceConditions(actor, filter);
  const db = await getDb();
  const [row] = await db.select({ n: count() }).from(devices).innerJoin(customers, eq(customers.id, devices.customerId)).where(where);
  return row?.n ?? 0;
}
