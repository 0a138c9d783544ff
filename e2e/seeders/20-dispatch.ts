/**
 * Dispatch, availability and password-reset fixtures: a technician of our
 * own (Dora: Olive is made through the UI after seeding), three visits on a
 * far-away day, and known reset / invite tokens (only their sha256 stored,
 * as the app does) for two customers of our own.
 */
import { DateTime } from "luxon";
import { customers, passwordResetTokens, sites, visitDevices, devices, visits } from "@/db/schema";
import { hashPassword } from "@/lib/auth/password";
import { createUserUnchecked } from "@/lib/users/manage";
import { PASSWORD } from "../support/helpers";
import { BOARD_DAY, DORA, IVY, RITA, sha256Hex, VISITS, ZONE } from "../support/dispatch-fixtures";
import type { Seeder } from "../support/seed";

const seed: Seeder = async ({ db, terry, carla }) => {
  const passwordHash = await hashPassword(PASSWORD);
  await db.transaction(async (tx) => {
    const dora = await createUserUnchecked(tx, { email: DORA.email, name: DORA.name, role: "technician", passwordHash });
    const [site] = await tx
      .insert(sites)
      .values({ customerId: carla.customerId, label: "Shop", addressLine1: "200 Lakeside Ave", city: "Cleveland", region: "OH", postalCode: "44114" })
      .returning({ id: sites.id });
    const [device] = await tx
      .insert(devices)
      .values({ customerId: carla.customerId, siteId: site!.id, brand: "dahua", kind: "nvr", model: "NVR4108" })
      .returning({ id: devices.id });
    const at = (time: string) => DateTime.fromISO(`${BOARD_DAY}T${time}`, { zone: ZONE });
    const rows = [
      { reference: VISITS.terryMorning, technicianId: terry.id, start: at("09:00"), minutes: 90, status: "scheduled" as const },
      { reference: VISITS.doraAfternoon, technicianId: dora.id, start: at("13:00"), minutes: 60, status: "scheduled" as const },
      { reference: VISITS.requested, technicianId: null, start: at("11:00"), minutes: 60, status: "requested" as const },
    ];
    for (const r of rows) {
      const end = r.start.plus({ minutes: r.minutes });
      const [v] = await tx
        .insert(visits)
        .values({
          reference: r.reference,
          customerId: carla.customerId,
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

    for (const [who, purpose, hash] of [
      [RITA, "reset", passwordHash],
      [IVY, "invite", null],
    ] as const) {
      const [c] = await tx.insert(customers).values({ name: who.name, email: who.email }).returning({ id: customers.id });
      const u = await createUserUnchecked(tx, { email: who.email, name: who.name, role: "customer", passwordHash: hash, customerId: c!.id });
      // Longer than the app's 1 h for resets, so a slow full e2e run still finds the link valid.
      const ttl = purpose === "reset" ? { hours: 6 } : { days: 7 };
      await tx.insert(passwordResetTokens).values({ tokenHash: sha256Hex(who.token), userId: u.id, purpose, expiresAt: DateTime.now().plus(ttl).toJSDate() });
    }
  });
};

export default seed;
