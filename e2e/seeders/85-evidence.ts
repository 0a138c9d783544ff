/**
 * The evidence journey (e2e/evidence.spec.ts): Terry on site with Carla, the
 * customer's authorization signed, a Lorex DVR (serial known, Device ID not
 * yet) and a Dahua NVR without its serial; Lorex's support address in the
 * company settings. Far from every other Terry visit (11 days ahead, 15:30).
 */
import { DateTime } from "luxon";
import { authorizations, devices, settings, sites, visitDevices, visits } from "@/db/schema";
import { DEFAULT_SETTINGS } from "@/lib/settings/schema";
import { AUTHORIZATION_STATEMENT } from "@/lib/field/labels";
import { EVIDENCE } from "../support/evidence-fixtures";
import type { Seeder } from "../support/seed";

const seed: Seeder = async ({ db, terry, carla }) => {
  const start = DateTime.now().setZone("America/New_York").startOf("day").plus({ days: 11, hours: 15, minutes: 30 }).toJSDate();
  await db.transaction(async (tx) => {
    const [site] = await tx
      .insert(sites)
      .values({ customerId: carla.customerId, label: "Warehouse", addressLine1: "4100 Lakeside Ave", city: "Cleveland", region: "OH", postalCode: "44114" })
      .returning({ id: sites.id });
    await tx.insert(devices).values([
      { id: EVIDENCE.lorex, customerId: carla.customerId, siteId: site!.id, brand: "lorex", kind: "dvr", model: "D861A82B", serial: EVIDENCE.lorexSerial },
      { id: EVIDENCE.dahua, customerId: carla.customerId, siteId: site!.id, brand: "dahua", kind: "nvr", model: "NVR5216-4KS2" },
    ]);
    await tx.insert(visits).values({
      id: EVIDENCE.visit,
      reference: EVIDENCE.ref,
      customerId: carla.customerId,
      siteId: site!.id,
      technicianId: terry.id,
      startsAt: start,
      endsAt: new Date(start.getTime() + 90 * 60_000),
      busyUntil: new Date(start.getTime() + 120 * 60_000),
      status: "on_site",
      bookingNotes: "Locked out of both recorders after a staff change.",
    });
    await tx.insert(visitDevices).values([
      { visitId: EVIDENCE.visit, deviceId: EVIDENCE.lorex, problem: "Nobody knows the password" },
      { visitId: EVIDENCE.visit, deviceId: EVIDENCE.dahua, problem: "Nobody knows the password" },
    ]);
    await tx.insert(authorizations).values({
      visitId: EVIDENCE.visit,
      personName: "Carla Customer",
      relationship: "owner",
      statement: AUTHORIZATION_STATEMENT,
      typedAcknowledgement: "Carla Customer",
      recordedBy: terry.id,
    });
    await tx
      .insert(settings)
      .values({ key: "vendorSupportEmails", value: { ...DEFAULT_SETTINGS.vendorSupportEmails, lorex: EVIDENCE.lorexDesk } })
      .onConflictDoUpdate({ target: settings.key, set: { value: { ...DEFAULT_SETTINGS.vendorSupportEmails, lorex: EVIDENCE.lorexDesk } } });
  });
};

export default seed;
