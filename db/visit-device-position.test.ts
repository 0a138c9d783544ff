import fs from "node:fs";
import path from "node:path";
import { asc, eq, sql } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { getDb } from "./client";
import { devices, visitDevices } from "./schema";
import { makeDevice, makeUser, makeVisit } from "@/test/support/factories";
import { MIGRATIONS_FOLDER } from "./migrate";

describe("migration 0006: visit_devices.position backfill", () => {
  it("gives rows written before the column the order they were shown in (device creation time)", async () => {
    const db = await getDb();
    const customer = await makeUser("customer");
    const ids = [];
    for (let i = 0; i < 3; i++) {
      const id = await makeDevice(customer.customerId!, { brand: "dahua" });
      await db
        .update(devices)
        .set({ createdAt: new Date(Date.UTC(2025, 0, 3 - i)) }) // created in the reverse order of their ids' insertion
        .where(eq(devices.id, id));
      ids.push(id);
    }
    const visitId = await makeVisit({ customerId: customer.customerId!, technicianId: null, startsAt: new Date(Date.UTC(2031, 0, 1)), deviceIds: ids });
    await db.update(visitDevices).set({ position: 0 }).where(eq(visitDevices.visitId, visitId)); // as the column's default left them
    const backfill = fs.readFileSync(path.join(MIGRATIONS_FOLDER, "0008_visit_device_position_backfill.sql"), "utf8");
    await db.execute(sql.raw(backfill));
    const rows = await db
      .select({ deviceId: visitDevices.deviceId, position: visitDevices.position })
      .from(visitDevices)
      .where(eq(visitDevices.visitId, visitId))
      .orderBy(asc(visitDevices.position));
    expect(rows.map((r) => r.deviceId)).toEqual([...ids].reverse());
    expect(rows.map((r) => r.position)).toEqual([0, 1, 2]);
  });
});
