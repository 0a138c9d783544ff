import { and, eq, inArray } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import { getDb } from "@/db/client";
import { configBackups, customers, devices, settings, visits } from "@/db/schema";
import { makeDevice, makeUser, makeVisit } from "@/test/support/factories";

const makeTech = () => makeUser("technician");
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
    status: "on_site",
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

  it("devices and their backups: a technician's access ends with the visit (active, or completed within the grace from settings)", async () => {
    const db = await getDb();
    const ended = await makeTech();
    const device = (status: string) => makeDevice(custA.customerId!).then((id) => ({ id, status }));
    const [active, recent, old, cancelled, noShow, never] = await Promise.all([
      device("scheduled"),
      device("completed 2 h ago"),
      device("completed 3 days ago"),
      device("cancelled"),
      device("no_show"),
      device("completed, no time"),
    ]);
    const visit = async (d: { id: string }, status: "scheduled" | "completed" | "cancelled" | "no_show", completedHoursAgo?: number) => {
      const id = await makeVisit({
        customerId: custA.customerId!,
        technicianId: ended.id,
        startsAt: new Date("2030-05-06T15:00:00Z"),
        status,
        deviceIds: [d.id],
      });
      if (completedHoursAgo !== undefined)
        await db
          .update(visits)
          .set({ completedAt: new Date(Date.now() - completedHoursAgo * 3600_000) })
          .where(eq(visits.id, id));
    };
    await visit(active, "scheduled");
    await visit(recent, "completed", 2);
    await visit(old, "completed", 72);
    await visit(cancelled, "cancelled");
    await visit(noShow, "no_show");
    await visit(never, "completed");
    const ids = [active, recent, old, cancelled, noShow, never].map((d) => d.id);
    const visible = async () =>
      (
        await db
          .select({ id: devices.id })
          .from(devices)
          .where(and(inArray(devices.id, ids), deviceScope(ended)))
      )
        .map((r) => r.id)
        .sort();
    expect(await visible()).toEqual([active.id, recent.id].sort());
    // The grace is a setting: with 100 h the visit completed 3 days ago still counts; with 0 only active visits do.
    await db
      .insert(settings)
      .values({ key: "backupAccessGraceHours", value: 100 })
      .onConflictDoUpdate({ target: settings.key, set: { value: 100 } });
    expect(await visible()).toEqual([active.id, recent.id, old.id].sort());
    await db.update(settings).set({ value: 0 }).where(eq(settings.key, "backupAccessGraceHours"));
    expect(await visible()).toEqual([active.id]);
    await db.delete(settings).where(eq(settings.key, "backupAccessGraceHours"));
    expect(await visibleDevices(admin)).toEqual(ours().devices.sort()); // admins keep full access
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
