import { eq } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import { getDb } from "@/db/client";
import { devices } from "@/db/schema";
import { makeDevice, makeUser, makeVisit } from "@/test/support/factories";
import type { Actor } from "@/lib/auth/permissions";
import { NotFoundError, UnauthenticatedError } from "@/lib/platform/errors";
import { getDevice, listDevices } from "./read";

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
