/**
 * What pre-fills the booking form: the customer's contact details, saved
 * sites and devices. A signed-in customer gets their own; an admin booking
 * by phone looks customers up and gets the one they pick.
 */
import "server-only";
import { asc, eq, ilike, or } from "drizzle-orm";
import { getDb } from "@/db/client";
import { customers, devices, sites, users, type Brand, type DeviceKind, type RecoveryOptions } from "@/db/schema";
import { requirePermission, type Actor } from "@/lib/auth/permissions";
import { NotFoundError } from "@/lib/platform/errors";

export type BookingProfile = {
  customerId: string;
  contact: { name: string; email: string; phone: string };
  sites: {
    id: string;
    label: string | null;
    addressLine1: string;
    addressLine2: string | null;
    city: string;
    region: string;
    postalCode: string;
    accessNotes: string | null;
  }[];
  devices: { id: string; siteId: string | null; brand: Brand; kind: DeviceKind; model: string | null; recoveryOptions: RecoveryOptions }[];
};

async function profileOf(customerId: string): Promise<BookingProfile> {
  const db = await getDb();
  const [c] = await db
    .select({ id: customers.id, name: customers.name, email: customers.email, phone: customers.phone })
    .from(customers)
    .where(eq(customers.id, customerId));
  if (!c) throw new NotFoundError("That customer does not exist.");
  const [login] = await db.select({ email: users.email }).from(users).where(eq(users.customerId, c.id)).limit(1);
  const siteRows = await db
    .select({
      id: sites.id,
      label: sites.label,
      addressLine1: sites.addressLine1,
      addressLine2: sites.addressLine2,
      city: sites.city,
      region: sites.region,
      postalCode: sites.postalCode,
      accessNotes: sites.accessNotes,
    })
    .from(sites)
    .where(eq(sites.customerId, c.id))
    .orderBy(asc(sites.createdAt));
  const deviceRows = await db
    .select({
      id: devices.id,
      siteId: devices.siteId,
      brand: devices.brand,
      kind: devices.kind,
      model: devices.model,
      recoveryOptions: devices.recoveryOptions,
    })
    .from(devices)
    .where(eq(devices.customerId, c.id))
    .orderBy(asc(devices.createdAt));
  return { customerId: c.id, contact: { name: c.name, email: c.email ?? login?.email ?? "", phone: c.phone ?? "" }, sites: siteRows, devices: deviceRows };
}

/** The signed-in customer's own profile. */
export async function myBookingProfile(actor: Actor | null) {
  requirePermission(actor, "visits:book-own");
  return profileOf(actor.customerId!);
}

/** Admin booking by phone: a customer's profile. */
export async function customerBookingProfile(actor: Actor | null, customerId: string) {
  requirePermission(actor, "visits:dispatch");
  return profileOf(customerId);
}

/** Admin booking by phone: find customers by name, email or phone. */
export async function searchCustomers(actor: Actor | null, q: string) {
  requirePermission(actor, "visits:dispatch");
  const term = q.trim().slice(0, 100);
  if (term.length < 2) return [];
  const like = `%${term.replace(/[%_\\]/g, "\\$&")}%`;
  const db = await getDb();
  return db
    .select({ id: customers.id, name: customers.name, email: customers.email, phone: customers.phone })
    .from(customers)
    .where(or(ilike(customers.name, like), ilike(customers.email, like), ilike(customers.phone, like)))
    .orderBy(asc(customers.name))
    .limit(20);
}
