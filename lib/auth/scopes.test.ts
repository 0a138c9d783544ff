import { and, eq, inArray } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import { getDb } from "@/db/client";
import { configBackups, customers, devices, visits } from "@/db/schema";
import { makeDevice, makeUser, makeVisit } from "@/test/support/factories";
import { ForbiddenError, UnauthenticatedError } from "@/lib/platform/errors";
import type { Actor } from "./permissions";
import { backupScope, customerScope, deviceScope, seesAllVisits, visitScope } from "./scopes";

let admin: Actor, tech: Actor, other: Actor, custA: Actor, custB: Actor, orphan: Actor;
let deviceA: string, deviceB: string, deviceLoose: string, visitA: string, visitB: string;

beforeAll(async () => {
  [admin, tech, other, custA, custB] = await Promise.all([
    makeUser("admin"),
    makeUser("technician"),
    makeUser("technician"),
    makeUser("customer"),
    makeUser("customer"),
  ]);
  orphan = { ...custB, id: "00000000-0000-4000-8000-00000000000f", customerId: null }; // a customer login without a customer record
  [deviceA, deviceB, deviceLoose] = await Promise.all([makeDevice(custA.customerId!), makeDevice(custB.customerId!), makeDevice(custA.customerId!)]);
  visitA = await makeVisit({
    customerId: custA.customerId!,
    technicianId: tech.id,
    startsAt: new Date("2031-02-03T15:00:00Z"),
    status: "completed",
    deviceIds: [deviceA],
  });
  visitB = await makeVisit({ customerId: custB.customerId!, technicianId: other.id, startsAt: new Date("2031-02-03T15:00:00Z"), deviceIds: [deviceB] });
});

const ours = () => ({ devices: [deviceA, deviceB, deviceLoose], visits: [visitA, visitB], customers: [custA.customerId!, custB.customerId!] });
async function visibleDevices(actor: Actor) {
  const db = await getDb();
  const rows = await db
    .select({ id: devices.id })
    .from(devices)
    .where(and(inArray(devices.id, ours().devices), deviceScope(actor)));
  return rows.map((r) => r.id).sort();
}
async function visibleVisits(actor: Actor) {
  const db = await getDb();
  return (
    await db
      .select({ id: visits.id })
      .from(visits)
      .where(and(inArray(visits.id, ours().visits), visitScope(actor)))
  )
    .map((r) => r.id)
    .sort();
}
async function visibleCustomers(actor: Actor) {
  const db = await getDb();
  return (
    await db
      .select({ id: customers.id })
      .from(customers)
      .where(and(inArray(customers.id, ours().customers), customerScope(actor)))
  )
    .map((r) => r.id)
    .sort();
}

describe("who may see which rows (lib/auth/scopes.ts)", () => {
  it("visits: admins all, technicians those assigned to them (completed included), customers their own", async () => {
    expect(await visibleVisits(admin)).toEqual([visitA, visitB].sort());
    expect(await visibleVisits(tech)).toEqual([visitA]);
    expect(await visibleVisits(other)).toEqual([visitB]);
    expect(await visibleVisits(custA)).toEqual([visitA]);
    expect(await visibleVisits(orphan)).toEqual([]);
    expect(() => visitScope(null)).toThrow(UnauthenticatedError);
  });

  it("customers: admins all, a customer login only its own record; technicians none (403)", async () => {
    expect(await visibleCustomers(admin)).toEqual(ours().customers.sort());
    expect(await visibleCustomers(custB)).toEqual([custB.customerId]);
    expect(await visibleCustomers(orphan)).toEqual([]);
    expect(() => customerScope(tech)).toThrow(ForbiddenError);
    expect(() => customerScope(null)).toThrow(UnauthenticatedError);
  });

  it("devices: admins all, customers their own, technicians only devices on a visit assigned to them", async () => {
    expect(await visibleDevices(admin)).toEqual(ours().devices.sort());
    expect(await visibleDevices(custA)).toEqual([deviceA, deviceLoose].sort());
    expect(await visibleDevices(tech)).toEqual([deviceA]);
    expect(await visibleDevices(other)).toEqual([deviceB]);
    expect(await visibleDevices(orphan)).toEqual([]);
    expect(() => deviceScope(null)).toThrow(UnauthenticatedError);
  });

  it("deleted backup versions: only for those who may delete backups", async () => {
    expect(backupScope(admin)).toBeUndefined();
    const db = await getDb();
    const sql = db
      .select({ id: configBackups.id })
      .from(configBackups)
      .where(and(eq(configBackups.deviceId, deviceA), backupScope(tech)))
      .toSQL().sql;
    expect(sql).toMatch(/"deleted_at" is null/);
    expect(seesAllVisits(admin)).toBe(true);
    expect(seesAllVisits(tech)).toBe(false);
    expect(seesAllVisits({ role: "customer" })).toBe(false);
  });
});
