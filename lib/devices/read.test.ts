import { eq } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import { getDb } from "@/db/client";
import { devices } from "@/db/schema";
import { makeDevice, makeUser, makeVisit } from "@/test/support/factories";
import type { Actor } from "@/lib/auth/permissions";
import { NotFoundError, UnauthenticatedError } from "@/lib/platform/errors";
import { countDevices, getDevice, listDevicePage, listDevices, needsBackupSql } from "./read";

let admin: Actor, tech: Actor, other: Actor, custA: Actor, custB: Actor;
let a1: string, a2: string, b1: string;

beforeAll(async () => {
  [admin, tech, other, custA, custB] = await Promise.all([
    makeUser("admin"),
    makeUser("technician"),
    makeUser("technician"),
    makeUser("customer"),
    makeUser("customer"),
  ]);
  a1 = await makeDevice(custA.customerId!);
  a2 = await makeDevice(custA.customerId!, { brand: "hikvision" });
  b1 = await makeDevice(custB.customerId!);
  const db = await getDb();
  await db.update(devices).set({ notes: "office only: gate code 1234" }).where(eq(devices.id, a1));
  await makeVisit({ customerId: custA.customerId!, technicianId: tech.id, startsAt: new Date("2031-03-03T15:00:00Z"), deviceIds: [a1] });
});

const ids = (p: { data: { id: string }[] }) => p.data.map((d) => d.id);

describe("one device read path (pages and API) with one scope", () => {
  it("getDevice: admins any device, the owner theirs, a technician devices on their visits; anyone else 'not found'", async () => {
    expect(await getDevice(admin, b1)).toMatchObject({ id: b1, customerName: custB.name });
    expect(await getDevice(custA, a2)).toMatchObject({ id: a2, brand: "hikvision" });
    expect(await getDevice(tech, a1)).toMatchObject({ id: a1, notes: "office only: gate code 1234" });
    for (const [who, id] of [
      [custB, a1],
      [tech, a2],
      [other, a1],
      [custA, b1],
    ] as const)
      await expect(getDevice(who, id)).rejects.toBeInstanceOf(NotFoundError);
    await expect(getDevice(admin, "not-a-uuid")).rejects.toBeInstanceOf(NotFoundError);
    await expect(getDevice(null, a1)).rejects.toBeInstanceOf(UnauthenticatedError);
  });

  it("listDevices: the same scope, oldest first, a page at a time, without internal notes", async () => {
    const mine = await listDevices(custA, {}, { limit: 25 });
    expect(ids(mine)).toEqual([a1, a2]);
    expect(mine.data[0]).not.toHaveProperty("notes");
    expect(ids(await listDevices(tech, {}, { limit: 25 }))).toEqual([a1]);
    expect(ids(await listDevices(other, {}, { limit: 25 }))).toEqual([]);
    expect(ids(await listDevices(custB, { customerId: custA.customerId! }, { limit: 25 }))).toEqual([]);
    const first = await listDevices(admin, { customerId: custA.customerId! }, { limit: 1 });
    expect(ids(first)).toEqual([a1]);
    expect(ids(await listDevices(admin, { customerId: custA.customerId! }, { limit: 1, cursor: first.nextCursor! }))).toEqual([a2]);
  });
});

describe("devices a wiping reset left without a config backup (needsBackup)", () => {
  it("lists a device wiped by a reset that worked until a config backup is stored after it; the count agrees", async () => {
    const { attempts, configBackups } = await import("@/db/schema");
    const { storeBackup } = await import("@/lib/backups/store");
    const { randomBytes } = await import("node:crypto");
    const db = await getDb();
    const cust = await makeUser("customer");
    const [wiped, failedWipe, safe, backedUpBefore] = await Promise.all([0, 1, 2, 3].map(() => makeDevice(cust.customerId!)));
    const visit = await makeVisit({
      customerId: cust.customerId!,
      technicianId: tech.id,
      status: "completed",
      startsAt: new Date("2030-06-03T15:00:00Z"),
      deviceIds: [wiped!, failedWipe!, safe!, backedUpBefore!],
    });
    // A backup stored before the reset does not hold what was set up after it.
    await storeBackup(admin, {
      deviceId: backedUpBefore!,
      kind: "config",
      filename: "old.backup",
      contentType: "application/octet-stream",
      bytes: randomBytes(16),
    });
    const at = new Date(Date.now() + 60_000);
    const attempt = (deviceId: string, methodId: string, outcome: "succeeded" | "failed") =>
      db.insert(attempts).values({ visitId: visit, deviceId, methodId, seq: 1, technicianId: tech.id, outcome, startedAt: at, endedAt: at });
    await attempt(wiped!, "dahua_reset_button", "succeeded");
    await attempt(failedWipe!, "dahua_reset_button", "failed");
    await attempt(safe!, "dahua_qr_dmss", "succeeded");
    await attempt(backedUpBefore!, "dahua_reset_button", "succeeded");

    const needs = async () => ids(await listDevicePage(admin, { customerId: cust.customerId!, needsBackup: true }, { limit: 10 }));
    expect((await needs()).sort()).toEqual([wiped, backedUpBefore].sort());
    expect(await countDevices(admin, { customerId: cust.customerId!, needsBackup: true })).toBe(2);
    const row = (await listDevicePage(admin, { customerId: cust.customerId! }, { limit: 10 })).data.find((d) => d.id === wiped)!;
    expect(row).toMatchObject({ needsBackup: true, configBackups: 0 });
    expect(row.lastWipeAt?.getTime()).toBe(at.getTime());

    // The backup taken after the reset clears it (its upload time is after the reset's end).
    const [b] = await db
      .update(configBackups)
      .set({ uploadedAt: new Date(at.getTime() + 1000) })
      .where(eq(configBackups.deviceId, backedUpBefore!))
      .returning({ id: configBackups.id });
    expect(b).toBeDefined();
    expect(await needs()).toEqual([wiped]);
    // The whole office list counts the same devices it lists.
    expect(await countDevices(admin, {})).toBe((await listDevicePage(admin, {}, { limit: 100 })).data.length);
  });

  it("the SQL names the outer device explicitly (the drizzle trap: an unqualified id would bind to the inner table)", async () => {
    const db = await getDb();
    const { sql: text } = db.select({ n: needsBackupSql }).from(devices).toSQL();
    expect(text).toContain('wa.device_id = "devices"."id"');
    expect(text).toContain('nb.device_id = "devices"."id"');
    expect(text).not.toMatch(/device_id = "id"/);
  });
});
