/**
 * Test data builders. Each writes through the same tables as the app and
 * returns ids; an `actor` helper turns a user row into what lib/ functions take.
 */
import { randomBytes } from "node:crypto";
import { getDb } from "@/db/client";
import {
  customers,
  devices,
  sites,
  technicianHours,
  technicianProfiles,
  users,
  visitDevices,
  visits,
  type Brand,
  type DeviceKind,
  type Role,
  type VisitStatus,
} from "@/db/schema";
import type { Actor } from "@/lib/auth/permissions";

const uniq = () => randomBytes(4).toString("hex");

export async function makeUser(role: Role, over: { email?: string; name?: string; passwordHash?: string | null } = {}): Promise<Actor> {
  const db = await getDb();
  const email = over.email ?? `${role}-${uniq()}@example.test`;
  const name = over.name ?? `${role} ${uniq()}`;
  let customerId: string | null = null;
  if (role === "customer") {
    const [c] = await db.insert(customers).values({ name, email }).returning({ id: customers.id });
    customerId = c!.id;
  }
  const [u] = await db
    .insert(users)
    .values({ email, name, role, customerId, passwordHash: over.passwordHash ?? null })
    .returning({ id: users.id });
  if (role === "technician") {
    await db.insert(technicianProfiles).values({ userId: u!.id });
    await db.insert(technicianHours).values([1, 2, 3, 4, 5, 6, 7].map((weekday) => ({ technicianId: u!.id, weekday, startMinute: 0, endMinute: 1440 })));
  }
  return { id: u!.id, role, name, email, customerId };
}

export async function makeSite(customerId: string) {
  const db = await getDb();
  const [s] = await db
    .insert(sites)
    .values({ customerId, addressLine1: "1 Test St", city: "Cleveland", region: "OH", postalCode: "44101" })
    .returning({ id: sites.id });
  return s!.id;
}

export async function makeDevice(customerId: string, over: { brand?: Brand; kind?: DeviceKind; siteId?: string } = {}) {
  const db = await getDb();
  const [d] = await db
    .insert(devices)
    .values({ customerId, siteId: over.siteId ?? null, brand: over.brand ?? "dahua", kind: over.kind ?? "nvr", model: "TEST-1" })
    .returning({ id: devices.id });
  return d!.id;
}

/** A visit (with its devices) for a customer, assigned to a technician. */
export async function makeVisit(opts: {
  customerId: string;
  technicianId: string | null;
  startsAt: Date;
  minutes?: number;
  bufferMinutes?: number;
  status?: VisitStatus;
  deviceIds?: string[];
}) {
  const db = await getDb();
  const siteId = await makeSite(opts.customerId);
  const endsAt = new Date(opts.startsAt.getTime() + (opts.minutes ?? 60) * 60_000);
  const [v] = await db
    .insert(visits)
    .values({
      reference: `T-${uniq().toUpperCase()}`,
      customerId: opts.customerId,
      siteId,
      technicianId: opts.technicianId,
      startsAt: opts.startsAt,
      endsAt,
      busyUntil: new Date(endsAt.getTime() + (opts.bufferMinutes ?? 0) * 60_000),
      status: opts.status ?? (opts.technicianId ? "scheduled" : "requested"),
    })
    .returning({ id: visits.id });
  for (const [position, deviceId] of (opts.deviceIds ?? []).entries()) await db.insert(visitDevices).values({ visitId: v!.id, deviceId, position });
  return v!.id;
}
