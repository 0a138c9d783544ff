/**
 * Booking fixtures for Carla (customerA):
 *  FK-SEED01  scheduled in about 3 hours, on Terry: inside the 24 h cut-off, so it cannot be changed online
 *  FK-SEED02  completed a week ago, with attempts per device and the checklist
 */
import { attempts, checklists, devices, sites, visitDevices, visits } from "@/db/schema";
import { DateTime } from "luxon";
import { FIELD_BUSY_MINUTES, TERRY_FIELD_STARTS } from "../support/field-fixtures";
import type { Seeder } from "../support/seed";

const seed: Seeder = async ({ db, terry, carla }) => {
  const [site] = await db
    .insert(sites)
    .values({
      customerId: carla.customerId,
      label: "Shop",
      addressLine1: "12 Lorain Ave",
      city: "Cleveland",
      region: "OH",
      postalCode: "44113",
      accessNotes: "Recorder in the back office",
    })
    .returning({ id: sites.id });
  const [nvr] = await db
    .insert(devices)
    .values({
      customerId: carla.customerId,
      siteId: site!.id,
      brand: "dahua",
      kind: "nvr",
      model: "NVR4108HS-4KS2",
      recoveryOptions: { recovery_email: "yes", security_questions: "no" },
    })
    .returning({ id: devices.id });
  const [cam] = await db
    .insert(devices)
    .values({ customerId: carla.customerId, siteId: site!.id, brand: "dahua", kind: "camera", model: "IPC-HDW1230T" })
    .returning({ id: devices.id });

  const hour = 3600_000;
  // About 3 hours ahead (on the half hour), moved later past Terry's field visits (seeded after this file) so the two never overlap.
  const today = DateTime.now().setZone("America/New_York").startOf("day");
  const field = TERRY_FIELD_STARTS.map(([d, h]) => today.plus({ days: d, hours: h }).toMillis());
  let soon = new Date(Math.ceil((Date.now() + 3 * hour) / (30 * 60_000)) * 30 * 60_000);
  while (field.some((f) => soon.getTime() < f + FIELD_BUSY_MINUTES * 60_000 && f < soon.getTime() + 2 * hour)) soon = new Date(soon.getTime() + 30 * 60_000);
  const [upcoming] = await db
    .insert(visits)
    .values({
      reference: "FK-SEED01",
      customerId: carla.customerId,
      siteId: site!.id,
      technicianId: terry.id,
      startsAt: soon,
      endsAt: new Date(soon.getTime() + 1.5 * hour),
      busyUntil: new Date(soon.getTime() + 2 * hour),
      status: "scheduled",
    })
    .returning({ id: visits.id });
  await db.insert(visitDevices).values({ visitId: upcoming!.id, deviceId: nvr!.id, problem: "Locked out after a power cut" });

  const past = new Date(Date.now() - 7 * 24 * hour);
  const [done] = await db
    .insert(visits)
    .values({
      reference: "FK-SEED02",
      customerId: carla.customerId,
      siteId: site!.id,
      technicianId: terry.id,
      startsAt: past,
      endsAt: new Date(past.getTime() + 2 * hour),
      busyUntil: new Date(past.getTime() + 2.5 * hour),
      status: "completed",
      completedAt: new Date(past.getTime() + 2 * hour),
    })
    .returning({ id: visits.id });
  await db.insert(visitDevices).values([
    { visitId: done!.id, deviceId: nvr!.id, problem: "Forgot the admin password" },
    { visitId: done!.id, deviceId: cam!.id, notAttemptedReason: "Camera came back once the recorder was unlocked" },
  ]);
  await db.insert(attempts).values([
    { visitId: done!.id, deviceId: nvr!.id, methodId: "dahua_security_questions", seq: 1, technicianId: terry.id, outcome: "failed" },
    { visitId: done!.id, deviceId: nvr!.id, methodId: "dahua_qr_dmss", seq: 2, technicianId: terry.id, outcome: "succeeded" },
  ]);
  await db.insert(checklists).values({ visitId: done!.id, patternLockSet: "yes", configExported: "yes", recoveryEmailUpdated: "no", answeredBy: terry.id });
};

export default seed;
