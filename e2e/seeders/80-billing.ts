/**
 * Billing fixtures (e2e/billing.spec.ts): a sent estimate for Carla to accept,
 * and a visit of Terry's on site, authorized, its device recovered, for the
 * technician to complete and take a card payment. Written straight into the
 * database (the story under test starts after them).
 */
import { DateTime } from "luxon";
import { attempts, authorizations, devices, estimateLines, estimates, sites, visitDevices, visits } from "@/db/schema";
import { BILL } from "../support/billing-fixtures";
import type { Seeder } from "../support/seed";

const seed: Seeder = async ({ db, terry, carla }) => {
  const zone = "America/New_York";
  await db.transaction(async (tx) => {
    const [site] = await tx
      .insert(sites)
      .values({ customerId: carla.customerId, label: "Warehouse", addressLine1: "4100 Payne Ave", city: "Cleveland", region: "OH", postalCode: "44103" })
      .returning({ id: sites.id });
    const [hik] = await tx
      .insert(devices)
      .values({ customerId: carla.customerId, siteId: site!.id, brand: "hikvision", kind: "nvr", model: "DS-7616NI", serial: "BILL-HIK-0001" })
      .returning({ id: devices.id });
    const [dahua] = await tx
      .insert(devices)
      .values({ customerId: carla.customerId, siteId: site!.id, brand: "dahua", kind: "nvr", model: "NVR5216", serial: "BILL-DAHUA-0001" })
      .returning({ id: devices.id });

    // A requested visit (no technician yet) 20 days out, with an estimate sent to Carla.
    const later = DateTime.now().setZone(zone).startOf("day").plus({ days: 20, hours: 10 });
    await tx.insert(visits).values({
      id: BILL.estimateVisit,
      reference: BILL.estimateVisitRef,
      customerId: carla.customerId,
      siteId: site!.id,
      technicianId: null,
      startsAt: later.toJSDate(),
      endsAt: later.plus({ minutes: 60 }).toJSDate(),
      busyUntil: later.plus({ minutes: 90 }).toJSDate(),
      status: "requested",
    });
    await tx.insert(visitDevices).values({ visitId: BILL.estimateVisit, deviceId: hik!.id, problem: "Installer left, no password" });
    await tx.insert(estimates).values({
      id: BILL.estimate,
      visitId: BILL.estimateVisit,
      customerId: carla.customerId,
      version: 1,
      status: "sent",
      sentAt: new Date(),
      validUntil: DateTime.now().setZone(zone).plus({ days: 30 }).toISODate()!,
      currency: "USD",
      subtotalCents: 13800,
      taxCents: 1104,
      totalCents: 14904,
    });
    await tx.insert(estimateLines).values([
      {
        estimateId: BILL.estimate,
        position: 1,
        kind: "call_out",
        description: "Call-out fee",
        quantity: 1,
        unitCents: 8900,
        netCents: 8900,
        taxable: true,
        taxRate: 8000,
        taxCents: 712,
        totalCents: 9612,
      },
      {
        estimateId: BILL.estimate,
        position: 2,
        kind: "device",
        description: "Hikvision recorder (DVR/NVR) recovery",
        quantity: 1,
        unitCents: 4900,
        netCents: 4900,
        taxable: true,
        taxRate: 8000,
        taxCents: 392,
        totalCents: 5292,
      },
    ]);

    // Terry on site two days ago, in the small hours (nothing else of his is then), the Dahua NVR already recovered.
    const start = DateTime.now().setZone(zone).startOf("day").minus({ days: 2 }).plus({ hours: 3 });
    await tx.insert(visits).values({
      id: BILL.jobVisit,
      reference: BILL.jobVisitRef,
      customerId: carla.customerId,
      siteId: site!.id,
      technicianId: terry.id,
      startsAt: start.toJSDate(),
      endsAt: start.plus({ minutes: 60 }).toJSDate(),
      busyUntil: start.plus({ minutes: 90 }).toJSDate(),
      status: "on_site",
    });
    await tx.insert(visitDevices).values({ visitId: BILL.jobVisit, deviceId: dahua!.id, problem: "Forgot the password" });
    await tx.insert(authorizations).values({
      visitId: BILL.jobVisit,
      personName: "Carla Customer",
      relationship: "owner",
      statement: "I own this equipment.",
      typedAcknowledgement: "Carla Customer",
      recordedBy: terry.id,
    });
    await tx.insert(attempts).values({
      visitId: BILL.jobVisit,
      deviceId: dahua!.id,
      methodId: "dahua_qr_dmss",
      seq: 1,
      technicianId: terry.id,
      outcome: "succeeded",
      durationSeconds: 600,
    });
  });
};

export default seed;
