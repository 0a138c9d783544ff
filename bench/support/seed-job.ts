/**
 * Run in a child process BEFORE the benchmark server starts (the embedded
 * database takes one process at a time), with the server's environment:
 *   tsx --conditions=react-server bench/support/seed-job.ts [--demo]
 * Loads the demo company (`npm run demo`'s loadDemo, with --demo) for
 * realistic table sizes, then one technician with a job in progress today:
 * 3 devices (Dahua NVR, Hikvision NVR, Lorex DVR), a signed authorization,
 * five attempts, an open Hikvision vendor case, and an encrypted config
 * backup stored through lib/backups (storeBackup). That technician alone
 * works Sundays (the booking race's slot). Prints one JSON line:
 * { visitId, reference, email, password }.
 */
import { randomBytes, randomUUID } from "node:crypto";
import { DateTime } from "luxon";
import { getDatabaseHandle } from "@/db/client";
import { attempts, authorizations, customers, devices, sites, technicianHours, technicianProfiles, vendorCases, visitDevices, visits } from "@/db/schema";
import { eq } from "drizzle-orm";
import type { Actor } from "@/lib/auth/permissions";
import { hashPassword } from "@/lib/auth/password";
import { storeBackup } from "@/lib/backups/store";
import { loadDemo } from "@/lib/cli/demo";
import { getSettings } from "@/lib/settings/company";
import { createUserUnchecked } from "@/lib/users/manage";
import { BENCH_TECH_EMAIL, RACE_WEEKDAY } from "./fixtures";

async function main() {
  const handle = await getDatabaseHandle();
  const db = handle.db;
  if (process.argv.includes("--demo")) await loadDemo(db);
  const s = await getSettings(db);
  const password = randomBytes(12).toString("base64url");
  const passwordHash = await hashPassword(password);
  const now = DateTime.now().setZone(s.timeZone);
  const start = now.minus({ minutes: 50 }).startOf("minute");
  const end = start.plus({ minutes: 150 });
  const visitId = randomUUID();
  const reference = `FK-BENCH${randomBytes(2).toString("hex").toUpperCase()}`;

  const ids = await db.transaction(async (tx) => {
    const tech = await createUserUnchecked(tx, { email: BENCH_TECH_EMAIL, name: "Bea Bench", role: "technician", passwordHash, phone: "216-555-0142" });
    await tx
      .update(technicianProfiles)
      .set({ brands: ["dahua", "hikvision", "lorex"] })
      .where(eq(technicianProfiles.userId, tech.id));
    // The only technician working Sundays (the demo staff work Mon-Sat), so a Sunday slot has exactly one possible winner in the booking race.
    await tx.delete(technicianHours).where(eq(technicianHours.technicianId, tech.id));
    await tx.insert(technicianHours).values({ technicianId: tech.id, weekday: RACE_WEEKDAY, startMinute: 9 * 60, endMinute: 17 * 60 });
    const [c] = await tx
      .insert(customers)
      .values({ name: "Clark Street Liquor", email: "owner@clark-liquor.example.test", phone: "216-555-0177" })
      .returning({ id: customers.id });
    const [site] = await tx
      .insert(sites)
      .values({
        customerId: c!.id,
        label: "Store",
        addressLine1: "3100 Clark Ave",
        city: "Cleveland",
        region: "OH",
        postalCode: "44109",
        accessNotes: "Recorders are in the office behind the counter; ask for Raj.",
      })
      .returning({ id: sites.id });
    const dev = async (v: Omit<typeof devices.$inferInsert, "customerId" | "siteId">) =>
      (
        await tx
          .insert(devices)
          .values({ customerId: c!.id, siteId: site!.id, ...v })
          .returning({ id: devices.id })
      )[0]!.id;
    const dahua = await dev({
      brand: "dahua",
      kind: "nvr",
      model: "NVR5216-16P-4KS2E",
      serial: "7G0BENCH00001",
      firmware: "V4.002.0000000.3",
      channels: 16,
      recoveryOptions: { recovery_email: "yes", security_questions: "no", app_account: "unknown", guid_file: "unknown", reset_button: "yes" },
    });
    const hik = await dev({
      brand: "hikvision",
      kind: "nvr",
      model: "DS-7616NI-K2",
      serial: "DS7616BENCH0002",
      firmware: "V4.61.005",
      channels: 16,
      recoveryOptions: { recovery_email: "no", security_questions: "no", app_account: "no", guid_file: "no", reset_button: "unknown" },
    });
    const lorex = await dev({ brand: "lorex", kind: "dvr", model: "D861A82B", lorexDeviceId: "LXBENCH0003", channels: 8 });
    await tx.insert(visits).values({
      id: visitId,
      reference,
      customerId: c!.id,
      siteId: site!.id,
      technicianId: tech.id,
      startsAt: start.toJSDate(),
      endsAt: end.toJSDate(),
      busyUntil: end.plus({ minutes: s.travelBufferMinutes }).toJSDate(),
      status: "on_site",
      bookingNotes: "Lost every password after the installer went out of business.",
    });
    await tx.insert(visitDevices).values([
      { visitId, deviceId: dahua, position: 0, problem: "Forgot the admin password" },
      { visitId, deviceId: hik, position: 1, problem: "Locked after too many tries" },
      { visitId, deviceId: lorex, position: 2, problem: "Installer never gave us the password" },
    ]);
    await tx.insert(authorizations).values({
      visitId,
      personName: "Raj Singh",
      relationship: "owner",
      statement: "I own these devices and authorize the technician to recover access.",
      typedAcknowledgement: "Raj Singh",
      recordedBy: tech.id,
      recordedAt: start.plus({ minutes: 5 }).toJSDate(),
    });
    const at = (min: number) => start.plus({ minutes: min }).toJSDate();
    const attempt = async (deviceId: string, methodId: string, seq: number, from: number, to: number, outcome: "succeeded" | "failed" | "waiting_vendor") => {
      const id = randomUUID();
      await tx.insert(attempts).values({
        id,
        visitId,
        deviceId,
        methodId,
        seq,
        technicianId: tech.id,
        startedAt: at(from),
        endedAt: at(to),
        durationSeconds: (to - from) * 60,
        outcome,
        notes: outcome === "failed" ? "No luck: the option was not set up." : null,
        createdAt: at(to),
        updatedAt: at(to),
      });
      return id;
    };
    await attempt(dahua, "dahua_qr_dmss", 1, 10, 18, "failed");
    await attempt(dahua, "dahua_configtool_xml", 2, 18, 31, "succeeded");
    await attempt(lorex, "lorex_app_temp_password", 1, 32, 40, "failed");
    await attempt(hik, "hik_sadp_security_code", 1, 41, 44, "failed");
    const waiting = await attempt(hik, "hik_sadp_export", 2, 44, 49, "waiting_vendor");
    await tx.insert(vendorCases).values({
      attemptId: waiting,
      visitId,
      deviceId: hik,
      vendor: "hikvision",
      whatWasSent: "SADP export file (request XML)",
      sentAt: at(49),
      dueAt: start.plus({ minutes: 49, hours: s.vendorCaseDueHours }).toJSDate(),
      status: "open",
    });
    return { techId: tech.id, dahua };
  });
  const actor: Actor = { id: ids.techId, role: "technician", name: "Bea Bench", email: BENCH_TECH_EMAIL, customerId: null };
  await storeBackup(actor, {
    deviceId: ids.dahua,
    visitId,
    kind: "config",
    filename: "NVR5216_config_2026-11-27.backup",
    contentType: "application/octet-stream",
    firmwareAtExport: "V4.002.0000000.3",
    bytes: randomBytes(48 * 1024),
  });
  await handle.close();
  console.log(JSON.stringify({ visitId, reference, email: BENCH_TECH_EMAIL, password }));
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
