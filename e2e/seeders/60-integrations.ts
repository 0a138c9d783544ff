import fs from "node:fs";
import path from "node:path";
import { customers, devices, sites, visitDevices, visits } from "@/db/schema";
import type { Seeder } from "../support/seed";

/**
 * A phone-booked customer (no login) with a Dahua DVR on a visit of Terry's
 * next week: the webhook journey uploads its backup, so the vault journey's
 * customer and device stay untouched.
 */
const seed: Seeder = async ({ db, terry }) => {
  const [customer] = await db.insert(customers).values({ name: "Harbor Hardware", phone: "216-555-0177" }).returning({ id: customers.id });
  const [site] = await db
    .insert(sites)
    .values({ customerId: customer!.id, label: "Warehouse", addressLine1: "2100 Superior Ave", city: "Cleveland", region: "OH", postalCode: "44114" })
    .returning({ id: sites.id });
  const [device] = await db
    .insert(devices)
    .values({ customerId: customer!.id, siteId: site!.id, brand: "dahua", kind: "dvr", model: "XVR5108HS", serial: "HOOK-E2E-0001" })
    .returning({ id: devices.id });
  const start = new Date(Math.ceil(Date.now() / 3600_000) * 3600_000 + 7 * 24 * 3600_000);
  const [visit] = await db
    .insert(visits)
    .values({
      reference: "FK-HOOKS1",
      customerId: customer!.id,
      siteId: site!.id,
      technicianId: terry.id,
      startsAt: start,
      endsAt: new Date(start.getTime() + 90 * 60_000),
      busyUntil: new Date(start.getTime() + 120 * 60_000),
      status: "scheduled",
    })
    .returning({ id: visits.id });
  await db.insert(visitDevices).values({ visitId: visit!.id, deviceId: device!.id, problem: "Locked after a firmware update" });
  fs.writeFileSync(path.resolve(import.meta.dirname, "..", ".tmp", "fixtures-integrations.json"), JSON.stringify({ deviceId: device!.id, visitId: visit!.id }));
};

export default seed;
