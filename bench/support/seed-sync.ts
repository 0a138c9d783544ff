/**
 * The sync benchmark's data, written BEFORE its server starts (the embedded
 * database takes one process at a time):
 *   tsx --conditions=react-server bench/support/seed-sync.ts [--demo]
 * Optionally the demo company (realistic table sizes), then one technician
 * with 10 visits today, each on site, authorized, with a Dahua NVR and a
 * Hikvision NVR; and an admin (the server-rendered job page). Prints one JSON
 * line: { email, adminEmail, password, visits: [{ id, devices: [dahua, hik] }] }.
 */
import { randomBytes, randomUUID } from "node:crypto";
import { DateTime } from "luxon";
import { getDatabaseHandle } from "@/db/client";
import { authorizations, customers, devices, sites, visitDevices, visits } from "@/db/schema";
import { hashPassword } from "@/lib/auth/password";
import { loadDemo } from "@/lib/cli/demo";
import { AUTHORIZATION_STATEMENT } from "@/lib/field/labels";
import { getSettings } from "@/lib/settings/company";
import { createUserUnchecked } from "@/lib/users/manage";

export const SYNC_TECH_EMAIL = "sync-tech@fieldkey.test";
export const SYNC_ADMIN_EMAIL = "sync-admin@fieldkey.test";

async function main() {
  const handle = await getDatabaseHandle();
  const db = handle.db;
  if (process.argv.includes("--demo")) await loadDemo(db);
  const s = await getSettings(db);
  const password = randomBytes(12).toString("base64url");
  const passwordHash = await hashPassword(password);
  const today = DateTime.now().setZone(s.timeZone).startOf("day");
  const out = await db.transaction(async (tx) => {
    const tech = await createUserUnchecked(tx, { email: SYNC_TECH_EMAIL, name: "Sid Sync", role: "technician", passwordHash });
    await createUserUnchecked(tx, { email: SYNC_ADMIN_EMAIL, name: "Ada Sync", role: "admin", passwordHash });
    const [c] = await tx
      .insert(customers)
      .values({ name: "Basement Storage Co", email: "owner@basement.example.test", phone: "216-555-0190" })
      .returning({ id: customers.id });
    const [site] = await tx
      .insert(sites)
      .values({ customerId: c!.id, label: "Warehouse", addressLine1: "9 Cellar St", city: "Cleveland", region: "OH", postalCode: "44103" })
      .returning({ id: sites.id });
    const list: { id: string; devices: string[] }[] = [];
    for (let i = 0; i < 10; i++) {
      const visitId = randomUUID();
      const startsAt = today.plus({ minutes: 30 + i * 140 }).toJSDate();
      const devs: string[] = [];
      for (const [brand, model] of [
        ["dahua", "NVR4216"],
        ["hikvision", "DS-7616NI"],
      ] as const) {
        const [d] = await tx
          .insert(devices)
          .values({ customerId: c!.id, siteId: site!.id, brand, kind: "nvr", model, serial: `SYNC-${i}-${brand}`, recoveryOptions: { recovery_email: "yes" } })
          .returning({ id: devices.id });
        devs.push(d!.id);
      }
      await tx.insert(visits).values({
        id: visitId,
        reference: `FK-SYNC${String(i).padStart(2, "0")}`,
        customerId: c!.id,
        siteId: site!.id,
        technicianId: tech.id,
        startsAt,
        endsAt: new Date(startsAt.getTime() + 90 * 60_000),
        busyUntil: new Date(startsAt.getTime() + 120 * 60_000),
        status: "on_site",
      });
      for (const deviceId of devs) await tx.insert(visitDevices).values({ visitId, deviceId, problem: "Locked out." });
      await tx.insert(authorizations).values({
        visitId,
        personName: "Sam Owner",
        relationship: "owner",
        statement: AUTHORIZATION_STATEMENT,
        typedAcknowledgement: "Sam Owner",
        recordedBy: tech.id,
      });
      list.push({ id: visitId, devices: devs });
    }
    return list;
  });
  console.log(JSON.stringify({ email: SYNC_TECH_EMAIL, adminEmail: SYNC_ADMIN_EMAIL, password, visits: out }));
  await handle.close();
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
