import fs from "node:fs";
import path from "node:path";
import { devices, sites, visitDevices, visits } from "@/db/schema";
import type { Seeder } from "../support/seed";

/**
 * A Hikvision NVR of Carla's on a visit Terry began last month and completed an hour ago: within the grace after
 * completion (finding 6, 24 h by default) he may still add and download its backups.
 */
const seed: Seeder = async ({ db, terry, carla }) => {
  const [site] = await db
    .insert(sites)
    .values({ customerId: carla.customerId, label: "Shop", addressLine1: "1200 W 6th St", city: "Cleveland", region: "OH", postalCode: "44113" })
    .returning({ id: sites.id });
  const [device] = await db
    .insert(devices)
    .values({
      customerId: carla.customerId,
      siteId: site!.id,
      brand: "hikvision",
      kind: "nvr",
      model: "DS-7608NI-K2",
      serial: "VAULT-E2E-0001",
      firmware: "V4.30.085",
    })
    .returning({ id: devices.id });
  const start = new Date(Date.now() - 30 * 24 * 3600_000);
  const [visit] = await db
    .insert(visits)
    .values({
      reference: "FK-VAULT1",
      customerId: carla.customerId,
      siteId: site!.id,
      technicianId: terry.id,
      startsAt: start,
      endsAt: new Date(start.getTime() + 90 * 60_000),
      busyUntil: new Date(start.getTime() + 120 * 60_000),
      status: "completed",
      completedAt: new Date(Date.now() - 3600_000),
    })
    .returning({ id: visits.id });
  await db.insert(visitDevices).values({ visitId: visit!.id, deviceId: device!.id, problem: "Forgot the admin password" });
  fs.writeFileSync(path.resolve(import.meta.dirname, "..", ".tmp", "fixtures-vault.json"), JSON.stringify({ deviceId: device!.id, visitId: visit!.id }));
};

export default seed;
