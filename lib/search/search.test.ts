import { eq, sql, type SQL } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import { getDb, queryRows } from "@/db/client";
import { customers, devices, visits } from "@/db/schema";
import type { Actor } from "@/lib/auth/permissions";
import { ForbiddenError } from "@/lib/platform/errors";
import { makeDevice, makeUser, makeVisit } from "@/test/support/factories";
import { customerSearchText, deviceSearchText, searchOffice, visitReferenceText } from "./index";
import { customerPatterns, devicePattern, referencePrefixes } from "./terms";

describe("what the search text means", () => {
  it("a reference from its start, with or without FK and separators", () => {
    expect(referencePrefixes(" fk-7q4m ")).toEqual(["FK7Q4M%"]);
    expect(referencePrefixes("7q4m")).toEqual(["FK7Q4M%", "7Q4M%"]);
    expect(referencePrefixes("-")).toBeNull();
  });
  it("a customer anywhere in name or email; a phone by its digits whatever the punctuation", () => {
    expect(customerPatterns("O'Brien_")).toEqual(["%o'brien\\_%"]);
    expect(customerPatterns("(216) 555-0101")).toEqual(["%(216) 555-0101%", "%2165550101%"]);
    expect(customerPatterns("5550101")).toEqual(["%5550101%"]);
    expect(customerPatterns("a")).toBeNull();
  });
  it("a device by serial, MAC or Lorex ID in upper case, separators ignored", () => {
    expect(devicePattern("aa:bb:cc")).toEqual("%AABBCC%");
    expect(devicePattern(" 4k-12 ")).toEqual("%4K12%");
  });
});

let admin: Actor, tech: Actor, cust: Actor;
let visitId: string, reference: string, deviceId: string;

beforeAll(async () => {
  [admin, tech] = await Promise.all([makeUser("admin"), makeUser("technician")]);
  cust = await makeUser("customer", { name: "Oona O'Brien-Smythe", email: "oona@smythe.example" });
  const db = await getDb();
  await db.update(customers).set({ phone: "(216) 555-0142" }).where(eq(customers.id, cust.customerId!));
  deviceId = await makeDevice(cust.customerId!, { brand: "lorex" });
  await db.update(devices).set({ serial: "ND-4K-77310", mac: "00:1A:2B:3C:4D:5E", lorexDeviceId: "LX9QZ77" }).where(eq(devices.id, deviceId));
  visitId = await makeVisit({ customerId: cust.customerId!, technicianId: null, startsAt: new Date(Date.UTC(2031, 2, 3, 15)), deviceIds: [deviceId] });
  reference = "FK-7Q4M2X";
  await db.update(visits).set({ reference }).where(eq(visits.id, visitId));
  // A second visit whose reference shares the prefix, so the exact one must come first.
  const other = await makeVisit({ customerId: cust.customerId!, technicianId: null, startsAt: new Date(Date.UTC(2031, 5, 3, 15)) });
  await db.update(visits).set({ reference: "FK-7Q4M2XB" }).where(eq(visits.id, other));
});

describe("searchOffice", () => {
  it("finds a visit by its reference however it is typed, the exact one first", async () => {
    for (const q of ["FK-7Q4M2X", "fk7q4m2x", "7q4m2x", " FK 7Q4M "]) {
      const r = await searchOffice(admin, q);
      expect(r.visits[0]?.reference, q).toBe(q.includes("2") ? reference : r.visits[0]?.reference);
      expect(
        r.visits.map((v) => v.id),
        q,
      ).toContain(visitId);
    }
    expect((await searchOffice(admin, "FK-7Q4M2X")).visits.map((v) => v.reference)).toEqual([reference, "FK-7Q4M2XB"]);
  });

  it("finds a customer by part of the name or email, and by phone digits in any punctuation", async () => {
    for (const q of ["o'brien", "SMYTHE", "oona@smythe", "216-555-0142", "(216) 5550142", "5550142"]) {
      expect(
        (await searchOffice(admin, q)).customers.map((c) => c.id),
        q,
      ).toEqual([cust.customerId]);
    }
  });

  it("finds a device by serial, MAC (any separators) or Lorex Device ID, with its customer", async () => {
    for (const q of ["nd-4k-773", "4K77310", "00-1a-2b-3c", "001A2B3C4D5E", "lx9qz"]) {
      const r = await searchOffice(admin, q);
      expect(
        r.devices.map((d) => d.id),
        q,
      ).toEqual([deviceId]);
      expect(r.devices[0]).toMatchObject({ customerId: cust.customerId, customerName: "Oona O'Brien-Smythe" });
    }
  });

  it("says when the text is too short, caps each group and says there are more", async () => {
    expect(await searchOffice(admin, " x ")).toMatchObject({ searched: false, visits: [], customers: [], devices: [] });
    const r = await searchOffice(admin, "FK-7Q4M", { limit: 1 });
    expect(r.visits).toHaveLength(1);
    expect(r.more.visits).toBe(true);
    // Wildcards are taken literally.
    expect((await searchOffice(admin, "%%")).customers).toEqual([]);
  });

  it("is the office's: others are refused", async () => {
    await expect(searchOffice(tech, "FK-7Q4M2X")).rejects.toBeInstanceOf(ForbiddenError);
    await expect(searchOffice(cust, "smythe")).rejects.toBeInstanceOf(ForbiddenError);
    await expect(searchOffice(null, "smythe")).rejects.toThrow(/sign in/);
  });

  it("each match runs on its index (the expressions are the indexed ones), on either database", async () => {
    const db = await getDb();
    // A few test rows make a sequential scan cheapest; forbid it (in one transaction: one connection) to see which index the planner can use.
    const plan = (q: SQL) =>
      db.transaction(async (tx) => {
        await tx.execute(sql`SET LOCAL enable_seqscan = off`);
        const rows = await queryRows<{ "QUERY PLAN": unknown }>(tx, sql`EXPLAIN (FORMAT JSON) ${q}`);
        return JSON.stringify(rows[0]!["QUERY PLAN"]);
      });
    expect(await plan(sql`SELECT id FROM customers WHERE ${customerSearchText} LIKE ${"%smythe%"}`)).toContain("customers_search_trgm");
    expect(await plan(sql`SELECT id FROM devices WHERE ${deviceSearchText} LIKE ${"%4K77310%"}`)).toContain("devices_search_trgm");
    expect(await plan(sql`SELECT id FROM visits WHERE ${visitReferenceText} LIKE ${"FK7Q4M%"}`)).toContain("visits_reference_search");
  });
});
