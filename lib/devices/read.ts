import "server-only";
import { and, asc, count, desc, eq, ilike, or, sql } from "drizzle-orm";
import { getDb } from "@/db/client";
import { configBackups, customers, devices, sites, users, visits } from "@/db/schema";
import { requirePermission, type Actor } from "@/lib/auth/permissions";
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
    .where(
      and(
        scope,
        filter.customerId ? eq(devices.customerId, filter.customerId) : undefined,
        afterCursor(devices.createdAt, devices.id, page.cursor),
      ),
    )
    .orderBy(devices.createdAt, devices.id)
    .limit(page.limit + 1);
  return toPage(rows, page.limit);
}

/** Admin: customers, searchable, with device and visit counts. */
export async function listCustomers(actor: Actor | null, q?: string) {
  requirePermission(actor, "customers:manage");
  const db = await getDb();
  const term = q?.trim().slice(0, 100).replace(/[%_\\]/g, "\\$&");
  return db
    .select({
      id: customers.id,
      name: customers.name,
      email: customers.email,
      phone: customers.phone,
      devices: sql<number>`(select count(*)::int from ${devices} where ${devices.customerId} = ${customers.id})`,
      visits: sql<number>`(select count(*)::int from ${visits} where ${visits.customerId} = ${customers.id})`,
    })
    .from(customers)
    .where(term ? or(ilike(customers.name, `%${term}%`), ilike(customers.email, `%${term}%`), ilike(customers.phone, `%${term}%`)) : undefined)
    .orderBy(asc(customers.name))
    .limit(200);
}

/** Admin: one customer with their logins, sites and devices (and how many backups each device has). */
export async function getCustomerDetail(actor: Actor | null, customerId: string) {
  requirePermission(actor, "customers:manage");
  if (!/^[0-9a-f-]{36}$/i.test(customerId)) throw new NotFoundError();
  const db = await getDb();
  const [customer] = await db
    .select({ id: customers.id, name: customers.name, email: customers.email, phone: customers.phone, notes: customers.notes })
    .from(customers)
    .where(eq(customers.id, customerId));
  if (!customer) throw new NotFoundError("That customer does not exist.");
  const [logins, siteRows, deviceRows] = await Promise.all([
    db.select({ id: users.id, email: users.email, disabledAt: users.disabledAt }).from(users).where(eq(users.customerId, customerId)),
    db.select({ id: sites.id, label: sites.label, addressLine1: sites.addressLine1, city: sites.city, region: sites.region, postalCode: sites.postalCode }).from(sites).where(eq(sites.customerId, customerId)),
    db
      .select({ ...deviceColumns, backups: count(configBackups.id) })
      .from(devices)
      .leftJoin(configBackups, and(eq(configBackups.deviceId, devices.id), sql`${configBackups.deletedAt} is null`))
      .where(eq(devices.customerId, customerId))
      .groupBy(devices.id)
      .orderBy(desc(devices.createdAt)),
  ]);
  return { customer, logins, sites: siteRows, devices: deviceRows };
}
