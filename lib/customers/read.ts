/**
 * Customers: one read path for the admin pages (/admin/customers and a
 * customer's page) and the API (/api/v1/customers). Who sees which customer
 * is customerScope (lib/auth/scopes.ts): admins all, a customer login only
 * its own record.
 */
import "server-only";
import { and, count, desc, eq, ilike, isNull, ne, or, sql } from "drizzle-orm";
import { alias } from "drizzle-orm/pg-core";
import { getDb } from "@/db/client";
import { configBackups, customers, devices, sites, users, visits } from "@/db/schema";
import { requirePermission, type Actor } from "@/lib/auth/permissions";
import { customerScope } from "@/lib/auth/scopes";
import { deviceColumns } from "@/lib/devices/read";
import { NotFoundError } from "@/lib/platform/errors";
import { afterCursor, cursorKey, keyset, toPage, type PageQuery } from "@/lib/platform/pagination";

const customerColumns = { id: customers.id, name: customers.name, email: customers.email, phone: customers.phone, createdAt: customers.createdAt };
const siteColumns = {
  id: sites.id,
  customerId: sites.customerId,
  label: sites.label,
  addressLine1: sites.addressLine1,
  addressLine2: sites.addressLine2,
  city: sites.city,
  region: sites.region,
  postalCode: sites.postalCode,
  accessNotes: sites.accessNotes,
  createdAt: sites.createdAt,
};

/**
 * The inner tables of the per-customer counts, aliased. In a select from one
 * table drizzle writes column names without their table, so
 * `(select count(*) from devices where devices.customer_id = customers.id)`
 * came out as `... where "customer_id" = "id"`: both bound to devices, and
 * every count was 0. A subquery over an alias keeps both sides qualified.
 */
const d = alias(devices, "d");
const v = alias(visits, "v");

/** A search term for ILIKE: trimmed, at most 100 characters, no NUL (PostgreSQL refuses it), wildcards taken literally. */
function searchPattern(q: string | undefined): string | null {
  const term = q
    ?.replace(/\u0000/g, "")
    .trim()
    .slice(0, 100);
  return term ? `%${term.replace(/[%_\\]/g, "\\$&")}%` : null;
}

export type CustomerListFilter = {
  /** Part of the name, email or phone (case-insensitive). */
  q?: string;
  /** By name (the admin list) or oldest first (the API; new customers land on the last page). */
  order?: "name" | "created";
};

/**
 * Customers this actor may see, with how many devices and visits each has;
 * searchable; a page at a time (keyset: Next and Previous).
 */
export async function listCustomers(actor: Actor | null, filter: CustomerListFilter, page: PageQuery) {
  const scope = customerScope(actor);
  const db = await getDb();
  const byName = filter.order === "name";
  const pager = byName ? keyset(customers.name, customers.id, page, "text") : keyset(customers.createdAt, customers.id, page);
  const pattern = searchPattern(filter.q);
  const rows = await db
    .select({
      ...customerColumns,
      deviceCount: sql<number>`(${db.select({ n: count() }).from(d).where(eq(d.customerId, customers.id))})`.mapWith(Number),
      visitCount: sql<number>`(${db.select({ n: count() }).from(v).where(eq(v.customerId, customers.id))})`.mapWith(Number),
      _k: cursorKey(byName ? customers.name : customers.createdAt),
    })
    .from(customers)
    .where(and(scope, pattern ? or(ilike(customers.name, pattern), ilike(customers.email, pattern), ilike(customers.phone, pattern)) : undefined, pager.where))
    .orderBy(...pager.orderBy)
    .limit(pager.limit);
  return pager.page(rows);
}

/** One customer, if this actor may see it; NotFoundError otherwise (no hint it exists). */
export async function getCustomer(actor: Actor | null, id: string) {
  const scope = customerScope(actor);
  if (!/^[0-9a-f-]{36}$/i.test(id)) throw new NotFoundError("That customer does not exist.");
  const db = await getDb();
  const [row] = await db
    .select(customerColumns)
    .from(customers)
    .where(and(scope, eq(customers.id, id)));
  if (!row) throw new NotFoundError("That customer does not exist.");
  return row;
}

/** The office's page of one customer: the customer (the same scoped read), their logins, sites and devices with how many backups each has. */
export async function getCustomerDetail(actor: Actor | null, customerId: string) {
  requirePermission(actor, "customers:manage");
  const customer = await getCustomer(actor, customerId);
  const db = await getDb();
  const [logins, siteRows, deviceRows] = await Promise.all([
    db.select({ id: users.id, email: users.email, disabledAt: users.disabledAt }).from(users).where(eq(users.customerId, customer.id)),
    db.select(siteColumns).from(sites).where(eq(sites.customerId, customer.id)).orderBy(sites.createdAt, sites.id),
    db
      .select({ ...deviceColumns, backups: count(configBackups.id) })
      .from(devices)
      .leftJoin(configBackups, and(eq(configBackups.deviceId, devices.id), isNull(configBackups.deletedAt), ne(configBackups.kind, "photo")))
      .where(eq(devices.customerId, customer.id))
      .groupBy(devices.id)
      .orderBy(desc(devices.createdAt)),
  ]);
  return { customer, logins, sites: siteRows, devices: deviceRows };
}

/** A customer's sites (addresses), if this actor may see the customer; a page at a time. */
export async function listCustomerSites(actor: Actor | null, customerId: string, page: PageQuery) {
  await getCustomer(actor, customerId);
  const db = await getDb();
  const rows = await db
    .select({ ...siteColumns, _k: cursorKey(sites.createdAt) })
    .from(sites)
    .where(and(eq(sites.customerId, customerId), afterCursor(sites.createdAt, sites.id, page.cursor)))
    .orderBy(sites.createdAt, sites.id)
    .limit(page.limit + 1);
  return toPage(rows, page.limit);
}
