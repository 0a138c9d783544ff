import "server-only";
import { and, eq } from "drizzle-orm";
import { getDb } from "@/db/client";
import { customers, sites } from "@/db/schema";
import { afterCursor, cursorKey, toPage, type PageQuery } from "@/lib/platform/pagination";
import { can, requirePermission, type Actor } from "@/lib/auth/permissions";
import { NotFoundError } from "@/lib/platform/errors";

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

/** Which customers this actor may read: admins all, a customer login only its own record; others 403. */
function customerScope(actor: Actor | null) {
  if (can(actor, "customers:manage")) return undefined;
  requirePermission(actor, "customers:read-own");
  return eq(customers.id, actor.customerId ?? "00000000-0000-0000-0000-000000000000");
}

/** Customers, oldest first, a page at a time. */
export async function listCustomersPage(actor: Actor | null, page: PageQuery) {
  const scope = customerScope(actor);
  const db = await getDb();
  const rows = await db
    .select({ ...customerColumns, _k: cursorKey(customers.createdAt) })
    .from(customers)
    .where(and(scope, afterCursor(customers.createdAt, customers.id, page.cursor)))
    .orderBy(customers.createdAt, customers.id)
    .limit(page.limit + 1);
  return toPage(rows, page.limit);
}

/** One customer, if this actor may see it; NotFoundError otherwise (no hint it exists). */
export async function getCustomer(actor: Actor | null, id: string) {
  const scope = customerScope(actor);
  const db = await getDb();
  const [row] = await db
    .select(customerColumns)
    .from(customers)
    .where(and(scope, eq(customers.id, id)));
  if (!row) throw new NotFoundError("That customer does not exist.");
  return row;
}

/** A customer's sites (addresses), a page at a time. */
export async function listCustomerSitesPage(actor: Actor | null, customerId: string, page: PageQuery) {
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
