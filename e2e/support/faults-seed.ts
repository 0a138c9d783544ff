/**
 * Fixture data for the fault-tolerance suites, written into a fresh database
 * before its servers start (run with tsx, with the server's environment):
 *   FAULTS_OUT=<json file> [FAULTS_WEBHOOK_URL=http://127.0.0.1:…] tsx --conditions=react-server e2e/support/faults-seed.ts
 * Writes: an admin (password PASSWORD), one technician who works every hour of
 * every day, a customer, a visit on site with a Dahua NVR and the customer's
 * authorization (attempts can be logged on it), an admin API token, free slot
 * starts spaced so no two bookings overlap, and optionally a webhook endpoint.
 */
import fs from "node:fs";
import { getDatabaseHandle } from "@/db/client";
import { customers, devices, sites, technicianHours, technicianProfiles, users, visitDevices, visits } from "@/db/schema";
import { createApiToken } from "@/lib/api/tokens";
import type { Actor } from "@/lib/auth/permissions";
import { hashPassword } from "@/lib/auth/password";
import { slotOptions } from "@/lib/booking/slot-options";
import { recordAuthorization } from "@/lib/field/authorization";
import { createWebhookEndpoint } from "@/lib/webhooks/endpoints";
import { PASSWORD } from "./helpers";

const TINY_PNG = "data:image/png;base64,iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAQAAAC1HAwCAAAAC0lEQVR42mNkYAAAAAYAAjCB0C8AAAAASUVORK5CYII=";

export type FaultsFixture = {
  adminId: string;
  adminEmail: string;
  /** The technician on the on-site visit: the session the fault tests sign in with (an admin would owe a second factor). */
  techEmail: string;
  token: string;
  customerId: string;
  onSite: { visitId: string; deviceId: string };
  /** Free starts at least 6 h apart (no two bookings of them overlap). */
  slots: string[];
  webhook?: { id: string; secret: string };
};

async function main() {
  const out = process.env.FAULTS_OUT;
  if (!out) throw new Error("set FAULTS_OUT");
  const handle = await getDatabaseHandle();
  const db = handle.db;
  const passwordHash = await hashPassword(PASSWORD);
  const adminEmail = "ada@faults.test";
  const [a] = await db.insert(users).values({ email: adminEmail, name: "Ada Admin", role: "admin", passwordHash }).returning({ id: users.id });
  const admin: Actor = { id: a!.id, role: "admin", name: "Ada Admin", email: adminEmail, customerId: null };
  const [t] = await db.insert(users).values({ email: "tom@faults.test", name: "Tom Tech", role: "technician", passwordHash }).returning({ id: users.id });
  await db.insert(technicianProfiles).values({ userId: t!.id });
  await db.insert(technicianHours).values([1, 2, 3, 4, 5, 6, 7].map((weekday) => ({ technicianId: t!.id, weekday, startMinute: 0, endMinute: 1440 })));
  const [c] = await db.insert(customers).values({ name: "Faulty Towers", email: "owner@faults.test", phone: "216-555-0142" }).returning({ id: customers.id });
  const [site] = await db
    .insert(sites)
    .values({ customerId: c!.id, addressLine1: "1 Crash Ct", city: "Cleveland", region: "OH", postalCode: "44101" })
    .returning({ id: sites.id });
  const [d] = await db
    .insert(devices)
    .values({ customerId: c!.id, siteId: site!.id, brand: "dahua", kind: "nvr", model: "NVR4108HS" })
    .returning({ id: devices.id });
  // On site now (so attempts may be logged), far from the bookable future.
  const start = new Date(Date.now() - 3600_000);
  const [v] = await db
    .insert(visits)
    .values({
      reference: "FK-FAULT1",
      customerId: c!.id,
      siteId: site!.id,
      technicianId: t!.id,
      startsAt: start,
      endsAt: new Date(start.getTime() + 2 * 3600_000),
      busyUntil: new Date(start.getTime() + 2.5 * 3600_000),
      status: "on_site",
    })
    .returning({ id: visits.id });
  await db.insert(visitDevices).values({ visitId: v!.id, deviceId: d!.id });
  await recordAuthorization(admin, { visitId: v!.id, personName: "Basil Owner", relationship: "owner", mode: "signature", signature: TINY_PNG });
  const { token } = await createApiToken(
    admin,
    { name: "faults", userId: admin.id, scopes: ["bookings:write", "visits:read", "attempts:read", "attempts:write"], expiresOn: "" },
    "127.0.0.1",
  );

  const { days } = await slotOptions({ brands: ["dahua"], deviceCount: 1 });
  const slots: string[] = [];
  for (const s of days.flatMap((day) => day.slots)) {
    const at = new Date(s.start).getTime();
    if (at < Date.now() + 4 * 3600_000) continue; // well past the booking notice
    if (slots.length && at - new Date(slots.at(-1)!).getTime() < 6 * 3600_000) continue;
    slots.push(s.start);
  }
  let webhook: FaultsFixture["webhook"];
  if (process.env.FAULTS_WEBHOOK_URL)
    webhook = await createWebhookEndpoint(admin, { url: process.env.FAULTS_WEBHOOK_URL, events: ["visit.booked", "backup.uploaded"] }, "127.0.0.1");
  const fixture: FaultsFixture = {
    adminId: admin.id,
    adminEmail,
    techEmail: "tom@faults.test",
    token,
    customerId: c!.id,
    onSite: { visitId: v!.id, deviceId: d!.id },
    slots,
    webhook,
  };
  fs.writeFileSync(out, JSON.stringify(fixture));
  await handle.close();
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
