import { and, count, eq, isNull, sql } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { getDb } from "@/db/client";
import { attempts, authorizations, devices, technicianProfiles, users, visitDevices, visits } from "@/db/schema";
import { verifyCredentials } from "@/lib/users/manage";
import { DemoAlreadyLoaded, loadDemo } from "./demo";

describe("demo data", () => {
  it("builds a realistic company whose accounts sign in, and refuses to load twice", async () => {
    const db = await getDb();
    const accounts = await loadDemo(db);
    expect(accounts.map((a) => a.role).sort()).toEqual(["admin", "customer", "customer", "customer", "technician", "technician", "technician", "technician"]);
    expect(await verifyCredentials(accounts[0]!.email, accounts[0]!.password, "127.0.0.1")).toMatchObject({ role: "admin" });
    const brands = await db.select({ brand: devices.brand, n: count() }).from(devices).groupBy(devices.brand);
    expect(brands.map((b) => b.brand).sort()).toEqual(["dahua", "hikvision", "lorex"]);
    const [{ n: past }] = (await db.select({ n: count() }).from(visits).where(eq(visits.status, "completed"))) as [{ n: number }];
    const [{ n: upcoming }] = (await db.select({ n: count() }).from(visits).where(eq(visits.status, "scheduled"))) as [{ n: number }];
    expect(past).toBeGreaterThan(100);
    expect(upcoming).toBeGreaterThan(5);
    const [{ n: tried }] = (await db.select({ n: count() }).from(attempts)) as [{ n: number }];
    expect(tried).toBeGreaterThan(past);
    // Every completed visit has its authorization, and every attempt was made after it.
    const missing = await db
      .select({ id: visits.id })
      .from(visits)
      .leftJoin(authorizations, eq(authorizations.visitId, visits.id))
      .where(and(eq(visits.status, "completed"), isNull(authorizations.id)));
    expect(missing).toEqual([]);
    const early = await db
      .select({ id: attempts.id })
      .from(attempts)
      .innerJoin(authorizations, eq(authorizations.visitId, attempts.visitId))
      .where(sql`${attempts.startedAt} < ${authorizations.recordedAt}`);
    expect(early).toEqual([]);
    // Technicians only got devices of brands they handle.
    const offSkill = await db
      .select({ id: visits.id })
      .from(visitDevices)
      .innerJoin(visits, eq(visits.id, visitDevices.visitId))
      .innerJoin(devices, eq(devices.id, visitDevices.deviceId))
      .innerJoin(technicianProfiles, eq(technicianProfiles.userId, visits.technicianId))
      .where(sql`not (${devices.brand} = any(${technicianProfiles.brands}))`);
    expect(offSkill).toEqual([]);
    expect((await db.select({ id: users.id }).from(users)).length).toBe(8);
    await expect(loadDemo(db)).rejects.toBeInstanceOf(DemoAlreadyLoaded);
  });
});
