/**
 * The dispatch board's drag-and-drop journey: its own day (DRAG_DAY), a
 * customer with a long name (the week card must still show it), Terry's
 * morning visit and a request waiting for a technician.
 */
import { DateTime } from "luxon";
import { customers, devices, sites, visitDevices, visits } from "@/db/schema";
import { DRAG, DRAG_DAY, ZONE } from "../support/dispatch-fixtures";
import type { Seeder } from "../support/seed";

const seed: Seeder = async ({ db, terry }) => {
  await db.transaction(async (tx) => {
    const [c] = await tx
      .insert(customers)
      .values({ name: DRAG.customer, email: "frontdesk@featherstonehaugh.example", phone: "216-555-0177" })
      .returning({ id: customers.id });
    const [site] = await tx
      .insert(sites)
      .values({ customerId: c!.id, addressLine1: "1 Public Sq", city: "Cleveland", region: "OH", postalCode: "44113" })
      .returning({ id: sites.id });
    const [device] = await tx
      .insert(devices)
      .values({ customerId: c!.id, siteId: site!.id, brand: "dahua", kind: "dvr", model: "XVR5108HS" })
      .returning({ id: devices.id });
    const at = (time: string) => DateTime.fromISO(`${DRAG_DAY}T${time}`, { zone: ZONE });
    for (const r of [
      { reference: DRAG.terryMorning, technicianId: terry.id, start: at("09:00"), status: "scheduled" as const },
      { reference: DRAG.waiting, technicianId: null, start: at("11:00"), status: "requested" as const },
    ]) {
      const end = r.start.plus({ minutes: 60 });
      const [v] = await tx
        .insert(visits)
        .values({
          reference: r.reference,
          customerId: c!.id,
          siteId: site!.id,
          technicianId: r.technicianId,
          startsAt: r.start.toJSDate(),
          endsAt: end.toJSDate(),
          busyUntil: end.plus({ minutes: 30 }).toJSDate(),
          status: r.status,
        })
        .returning({ id: visits.id });
      await tx.insert(visitDevices).values({ visitId: v!.id, deviceId: device!.id, problem: "Forgot the admin password" });
    }
  });
};

export default seed;
