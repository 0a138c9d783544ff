/**
 * Field-work fixtures: Terry's visits today and tomorrow (company time zone)
 * for Carla, with devices of the three brands, and a visit of another
 * technician that Terry must not reach.
 */
import { DateTime } from "luxon";
import { devices, sites, visitDevices, visits, type VisitStatus } from "@/db/schema";
import { createUserUnchecked } from "@/lib/users/manage";
import { FIELD, FIELD_BUSY_MINUTES, TERRY_FIELD_STARTS } from "../support/field-fixtures";
import type { Seeder } from "../support/seed";

const seed: Seeder = async ({ db, terry, carla }) => {
  const today = DateTime.now().setZone("America/New_York").startOf("day");
  const at = (days: number, hour: number) => today.plus({ days, hours: hour }).toJSDate();
  await db.transaction(async (tx) => {
    const sam = await createUserUnchecked(tx, { email: "sam@fieldkey.test", name: "Sam Second", role: "technician", passwordHash: null });
    const [site] = await tx
      .insert(sites)
      .values({
        customerId: carla.customerId,
        label: "Shop",
        addressLine1: "1200 Euclid Ave",
        city: "Cleveland",
        region: "OH",
        postalCode: "44115",
        accessNotes: "Recorder is in the basement office; ask for the key at the counter.",
      })
      .returning({ id: sites.id });
    const device = async (v: Partial<typeof devices.$inferInsert> & Pick<typeof devices.$inferInsert, "brand" | "kind">) =>
      (
        await tx
          .insert(devices)
          .values({ customerId: carla.customerId, siteId: site!.id, ...v })
          .returning({ id: devices.id })
      )[0]!.id;
    const dahua = await device({
      brand: "dahua",
      kind: "nvr",
      model: "NVR4108HS",
      serial: "7G0123PAZ00001",
      firmware: "V4.001",
      channels: 8,
      recoveryOptions: { recovery_email: "yes", security_questions: "no" },
      warrantySeal: "intact",
    });
    const hik = await device({ brand: "hikvision", kind: "nvr", model: "DS-7608NI", serial: "DS76080012345", channels: 8 });
    const lorex = await device({ brand: "lorex", kind: "dvr", model: "D241", lorexDeviceId: "LX-55AA11", channels: 4 });
    const camera = await device({ brand: "dahua", kind: "camera", model: "IPC-HDW2431T", serial: "7G0999CAM0001" });
    const visit = async (id: string, reference: string, technicianId: string, startsAt: Date, status: VisitStatus, deviceIds: string[], problem: string) => {
      const endsAt = new Date(startsAt.getTime() + 90 * 60_000);
      await tx.insert(visits).values({
        id,
        reference,
        customerId: carla.customerId,
        siteId: site!.id,
        technicianId,
        startsAt,
        endsAt,
        busyUntil: new Date(startsAt.getTime() + FIELD_BUSY_MINUTES * 60_000),
        status,
        bookingNotes: "Locked out after a power cut.",
      });
      for (const [position, deviceId] of deviceIds.entries()) await tx.insert(visitDevices).values({ visitId: id, deviceId, position, problem });
    };
    const [journey, unauthorized, tomorrow] = TERRY_FIELD_STARTS.map(([d, h]) => at(d, h));
    await visit(FIELD.journeyVisit, FIELD.journeyRef, terry.id, journey!, "scheduled", [dahua, hik, lorex], "Forgot the admin password.");
    await visit(FIELD.unauthorizedVisit, FIELD.unauthorizedRef, terry.id, unauthorized!, "on_site", [camera], "Camera locked after too many tries.");
    await visit(FIELD.tomorrowVisit, FIELD.tomorrowRef, terry.id, tomorrow!, "scheduled", [lorex], "Follow-up on the Lorex DVR.");
    await visit(FIELD.samVisit, FIELD.samRef, sam.id, at(0, 11), "scheduled", [hik], "Sam's visit.");
  });
};

export default seed;
