/**
 * The keyboard-only technician journey's own visit (e2e/keyboard-tech.spec.ts): Terry, today in the
 * company time zone, two devices of a customer nobody else uses. The start is the first
 * half hour of today that none of Terry's other active visits (seeded before this file, some
 * placed relative to "now") overlaps, so the no-overlap constraint always holds.
 */
import { and, eq, inArray } from "drizzle-orm";
import { DateTime } from "luxon";
import { customers, devices, sites, visitDevices, visits } from "@/db/schema";
import { KEYS } from "../support/keyboard-fixtures";
import type { Seeder } from "../support/seed";

const MINUTES = 90;
const BUFFER = 30;

const seed: Seeder = async ({ db, terry }) => {
  const today = DateTime.now().setZone("America/New_York").startOf("day");
  const busy = await db
    .select({ startsAt: visits.startsAt, busyUntil: visits.busyUntil })
    .from(visits)
    .where(and(eq(visits.technicianId, terry.id), inArray(visits.status, ["requested", "scheduled", "en_route", "on_site", "waiting_vendor"])));
  // Daytime first, then the evening, then the small hours: whichever is free today.
  const order = [...Array(48).keys()].map((i) => ((i + 19) % 44) * 30);
  const start = order
    .map((m) => today.plus({ minutes: m }))
    .find((s) => {
      const a = s.toMillis();
      const b = a + (MINUTES + BUFFER) * 60_000;
      return busy.every((v) => b <= v.startsAt.getTime() || a >= v.busyUntil.getTime());
    });
  if (!start) throw new Error("75-keyboard: no free half hour left today for Terry");

  await db.transaction(async (tx) => {
    const [customer] = await tx
      .insert(customers)
      .values({ name: KEYS.customer, email: "kim-keyboard@example.test", phone: "216-555-0175" })
      .returning({ id: customers.id });
    const [site] = await tx
      .insert(sites)
      .values({
        customerId: customer!.id,
        label: "Office",
        addressLine1: "1375 E 9th St",
        city: "Cleveland",
        region: "OH",
        postalCode: "44114",
        accessNotes: "Rack in the server closet, 3rd floor.",
      })
      .returning({ id: sites.id });
    const [dahua] = await tx
      .insert(devices)
      .values({ customerId: customer!.id, siteId: site!.id, brand: "dahua", kind: "nvr", model: KEYS.dahuaModel, serial: "KEYS-DAHUA-0001", channels: 16 })
      .returning({ id: devices.id });
    const [hik] = await tx
      .insert(devices)
      .values({ customerId: customer!.id, siteId: site!.id, brand: "hikvision", kind: "nvr", model: KEYS.hikModel, serial: "KEYS-HIK-0001", channels: 16 })
      .returning({ id: devices.id });
    const startsAt = start.toJSDate();
    const endsAt = start.plus({ minutes: MINUTES }).toJSDate();
    await tx.insert(visits).values({
      id: KEYS.visit,
      reference: KEYS.ref,
      customerId: customer!.id,
      siteId: site!.id,
      technicianId: terry.id,
      startsAt,
      endsAt,
      busyUntil: start.plus({ minutes: MINUTES + BUFFER }).toJSDate(),
      status: "scheduled",
      bookingNotes: "Both recorders locked after a password change.",
    });
    await tx.insert(visitDevices).values([
      { visitId: KEYS.visit, deviceId: dahua!.id, position: 0, problem: "Nobody knows the admin password." },
      { visitId: KEYS.visit, deviceId: hik!.id, position: 1, problem: "Locked after too many tries." },
    ]);
  });
};

export default seed;
