/**
 * The offline journeys (e2e/offline.spec.ts): Olga and Pete, technicians with
 * nothing else assigned, a customer of their own, and one visit of Olga's per
 * journey today (company time zone), each with a Dahua NVR.
 */
import { DateTime } from "luxon";
import { authorizations, customers, devices, sites, technicianTimeOff, visitDevices, visits } from "@/db/schema";
import { hashPassword } from "@/lib/auth/password";
import { AUTHORIZATION_STATEMENT } from "@/lib/field/labels";
import { createUserUnchecked } from "@/lib/users/manage";
import { PASSWORD } from "../support/helpers";
import { OFFLINE } from "../support/offline-fixtures";
import type { Seeder } from "../support/seed";

const seed: Seeder = async ({ db }) => {
  const today = DateTime.now().setZone("America/New_York").startOf("day");
  const passwordHash = await hashPassword(PASSWORD);
  await db.transaction(async (tx) => {
    const olga = await createUserUnchecked(tx, { ...OFFLINE.olga, role: "technician", passwordHash });
    const pete = await createUserUnchecked(tx, { ...OFFLINE.pete, role: "technician", passwordHash });
    // Pete is the dispatcher's target in the reassignment journey: time off keeps customers' bookings in other journeys
    // off him (CI once failed when one landed on him right before FK-OFF4: a travel-time conflict refused the move);
    // the dispatcher may still give him a visit then (time off is a warning on the board, not a refusal).
    await tx.insert(technicianTimeOff).values({
      technicianId: pete.id,
      startsAt: today.minus({ days: 1 }).toJSDate(),
      endsAt: today.plus({ days: 4 }).toJSDate(),
      reason: "Kept free for the reassignment journey",
    });
    const [c] = await tx
      .insert(customers)
      .values({ name: OFFLINE.customer, email: "ollie@example.test", phone: "216-555-0180" })
      .returning({ id: customers.id });
    const [site] = await tx
      .insert(sites)
      .values({
        customerId: c!.id,
        label: "Plant room",
        addressLine1: "80 Cellar Rd",
        city: "Cleveland",
        region: "OH",
        postalCode: "44102",
        accessNotes: "Basement, no signal.",
      })
      .returning({ id: sites.id });
    // The reassigned one is still "scheduled" on the server (the dispatcher can only move those) and starts in the future
    // (the dispatcher cannot move or reassign a visit whose start has passed): after the others, at least two hours from now
    // (late in the evening that is tomorrow, which the phone also holds in full). The others are on site.
    const later = DateTime.max(DateTime.now().setZone("America/New_York").plus({ hours: 2 }).startOf("hour"), today.plus({ hours: 13, minutes: 30 }));
    const visitsToMake = [
      [OFFLINE.journey, 1, false, "on_site"],
      [OFFLINE.lost, 3, true, "on_site"],
      [OFFLINE.tabs, 5, true, "on_site"],
      [OFFLINE.reassigned, null, true, "scheduled"],
      [OFFLINE.upload, 9, true, "on_site"],
      [OFFLINE.signout, 11, true, "on_site"],
    ] as const;
    for (const [v, hour, authorized, status] of visitsToMake) {
      const [device] = await tx
        .insert(devices)
        .values({
          customerId: c!.id,
          siteId: site!.id,
          brand: "dahua",
          kind: "nvr",
          model: "NVR5216",
          serial: `OFF-${v.ref}`,
          recoveryOptions: { recovery_email: "yes" },
        })
        .returning({ id: devices.id });
      const startsAt = (hour === null ? later : today.plus({ hours: hour })).toJSDate();
      await tx.insert(visits).values({
        id: v.id,
        reference: v.ref,
        customerId: c!.id,
        siteId: site!.id,
        technicianId: olga.id,
        startsAt,
        endsAt: new Date(startsAt.getTime() + 90 * 60_000),
        busyUntil: new Date(startsAt.getTime() + 120 * 60_000),
        status,
        bookingNotes: "Locked out; the recorder is in the basement.",
      });
      await tx.insert(visitDevices).values({ visitId: v.id, deviceId: device!.id, problem: "Forgot the password." });
      if (authorized)
        await tx.insert(authorizations).values({
          visitId: v.id,
          personName: OFFLINE.customer,
          relationship: "owner",
          statement: AUTHORIZATION_STATEMENT,
          typedAcknowledgement: OFFLINE.customer,
          recordedBy: olga.id,
        });
    }
  });
};

export default seed;
