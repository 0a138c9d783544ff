/**
 * `npm run demo`: fill the database with a realistic small company so a
 * newcomer can try every role: technicians with working hours, customers with
 * sites and devices of all three brands, six months of past visits with
 * authorizations, attempts, vendor cases and checklists, and two weeks of
 * upcoming visits. Demo accounts get random passwords, printed once.
 *
 * With the embedded database, stop the server first (it holds the lock).
 * Refuses to run twice on one database.
 */
import { randomBytes, randomUUID } from "node:crypto";
import { eq } from "drizzle-orm";
import { DateTime } from "luxon";
import { getDatabaseHandle, type Database } from "@/db/client";
import {
  customers,
  devices,
  recoveryMethods,
  settings,
  sites,
  technicianHours,
  technicianProfiles,
  visitDevices,
  visits,
  type Brand,
  type DeviceKind,
  type RecoveryOptions,
  type VisitStatus,
} from "@/db/schema";
import { hashPassword } from "@/lib/auth/password";
import { loadInBulk } from "@/lib/reports/engine";
import { visitMinutes } from "@/lib/booking/visit-length";
import { getSettings } from "@/lib/settings/company";
import { loadDemoBilling } from "./demo-billing";
import { createUserUnchecked } from "@/lib/users/manage";
import { addDeskWork } from "./demo-desk";
import { chance, FIRST, LAST, pick, rand } from "./demo-random";
import { simulateWork } from "./demo-work";

const BUSINESS = ["Lakeside Dental", "Euclid Auto Body", "Tremont Bakery", "Ohio City Hardware", "Gordon Sq. Pharmacy", "Westpark Storage", "Cedar Deli"];
const STREETS = ["Detroit Ave", "Lorain Ave", "Euclid Ave", "Superior Ave", "Clifton Blvd", "Fulton Rd", "Madison Ave", "Kinsman Rd"];
const MODELS: Record<Brand, Record<DeviceKind, string[]>> = {
  dahua: { dvr: ["XVR5108HS-I3", "XVR5216AN-4KL"], nvr: ["NVR4108HS-8P-4KS2", "NVR5216-16P-4KS2E"], camera: ["IPC-HDW2431T-AS", "IPC-HFW3541E-AS"] },
  hikvision: { dvr: ["DS-7208HQHI-K1", "iDS-7216HQHI-M1/S"], nvr: ["DS-7608NI-K2/8P", "DS-7716NI-K4"], camera: ["DS-2CD2143G2-I", "DS-2CD2387G2-LU"] },
  lorex: { dvr: ["D861A82B", "D241A82B"], nvr: ["N841A62B", "N4K2-84WB"], camera: ["E893AB", "E841CA"] },
};

function recoveryOptions(): RecoveryOptions {
  const tri = () => (chance(0.45) ? "yes" : chance(0.6) ? "no" : "unknown");
  return { recovery_email: tri(), security_questions: tri(), app_account: tri(), guid_file: chance(0.15) ? "yes" : "unknown", reset_button: tri() };
}

export class DemoAlreadyLoaded extends Error {}

/** Load the demo company into `db`; returns the demo accounts and their passwords. */
export async function loadDemo(db: Database) {
  const [already] = await db.select().from(settings).where(eq(settings.key, "demo_loaded"));
  if (already) throw new DemoAlreadyLoaded("This database already has the demo data. Use a fresh FIELDKEY_DATA_DIR (or database) to load it again.");
  const s = await getSettings(db);
  const zone = s.timeZone;
  const methods = await db.select().from(recoveryMethods);
  const accounts: { role: string; email: string; password: string }[] = [];
  const newPassword = () => randomBytes(9).toString("base64url");

  // One transaction; the report rollups are rebuilt once at its end instead of folding each row's change later.
  await db.transaction((tx) =>
    loadInBulk(tx, async () => {
      const make = async (role: "admin" | "technician" | "customer", name: string, email: string, customerId?: string) => {
        const password = newPassword();
        accounts.push({ role, email, password });
        return createUserUnchecked(tx, {
          email,
          name,
          role,
          passwordHash: await hashPassword(password),
          customerId,
          phone: `216-555-01${String(accounts.length).padStart(2, "0")}`,
        });
      };
      const dana = await make("admin", "Dana Dispatcher", "dispatch@demo.fieldkey.test");

      const techSpecs: [string, Brand[]][] = [
        ["Rico Alvarez", ["dahua", "lorex", "hikvision"]],
        ["Jen Park", ["dahua", "hikvision"]],
        ["Sam Okoye", ["lorex", "dahua"]],
        ["Kat Novak", ["hikvision", "lorex", "dahua"]],
      ];
      const techs: { id: string; brands: Brand[] }[] = [];
      for (const [name, brands] of techSpecs) {
        const u = await make("technician", name, `${name.split(" ")[0]!.toLowerCase()}@demo.fieldkey.test`);
        await tx.update(technicianProfiles).set({ brands }).where(eq(technicianProfiles.userId, u.id));
        await tx.delete(technicianHours).where(eq(technicianHours.technicianId, u.id));
        await tx.insert(technicianHours).values([1, 2, 3, 4, 5].map((weekday) => ({ technicianId: u.id, weekday, startMinute: 8 * 60, endMinute: 17 * 60 })));
        if (techs.length === 0) await tx.insert(technicianHours).values({ technicianId: u.id, weekday: 6, startMinute: 9 * 60, endMinute: 13 * 60 });
        techs.push({ id: u.id, brands });
      }

      // Customers, their sites and devices.
      type Dev = { id: string; brand: Brand; kind: DeviceKind; opts: RecoveryOptions };
      const custs: { id: string; siteId: string; devices: Dev[] }[] = [];
      for (let i = 0; i < 36; i++) {
        const business = i < BUSINESS.length;
        const person = `${pick(FIRST)} ${pick(LAST)}`;
        const name = business ? BUSINESS[i]! : person;
        const email = `customer${i + 1}@demo.fieldkey.test`;
        const [c] = await tx
          .insert(customers)
          .values({ name, email, phone: `216-555-${String(1000 + i)}` })
          .returning({ id: customers.id });
        if (i < 3) await make("customer", name, email, c!.id);
        const [site] = await tx
          .insert(sites)
          .values({
            customerId: c!.id,
            label: business ? "Main location" : "Home",
            addressLine1: `${100 + Math.floor(rand() * 9800)} ${pick(STREETS)}`,
            city: "Cleveland",
            region: "OH",
            postalCode: pick(["44102", "44113", "44109", "44103"]),
            accessNotes: chance(0.4) ? "Recorder is in the basement utility room." : null,
          })
          .returning({ id: sites.id });
        const devs: Dev[] = [];
        for (let d = 0; d < 1 + Math.floor(rand() * 2.4); d++) {
          const brand: Brand = pick(["dahua", "dahua", "dahua", "hikvision", "hikvision", "lorex", "lorex"] as const);
          const kind: DeviceKind = pick(["nvr", "nvr", "dvr", "dvr", "camera"] as const);
          const opts = recoveryOptions();
          const [dev] = await tx
            .insert(devices)
            .values({
              customerId: c!.id,
              siteId: site!.id,
              brand,
              kind,
              model: pick(MODELS[brand][kind]),
              serial: `${brand.slice(0, 2).toUpperCase()}${randomBytes(5).toString("hex").toUpperCase()}`,
              firmware: `V${4 + Math.floor(rand() * 2)}.${Math.floor(rand() * 40)}.${Math.floor(rand() * 100)}`,
              channels: kind === "camera" ? null : pick([4, 8, 16]),
              recoveryOptions: opts,
              lorexDeviceId: brand === "lorex" ? randomBytes(6).toString("hex").toUpperCase() : null,
            })
            .returning({ id: devices.id });
          devs.push({ id: dev!.id, brand, kind, opts });
        }
        custs.push({ id: c!.id, siteId: site!.id, devices: devs });
      }

      // Visits: three fixed start times per technician per working day never overlap.
      const today = DateTime.now().setZone(zone).startOf("day");
      let n = 0;
      for (let day = -180; day <= 14; day++) {
        const date = today.plus({ days: day });
        if (date.weekday > 5 || day === 0) continue;
        for (const tech of techs) {
          for (const hour of [9, 11.5, 14]) {
            if (!chance(day < 0 ? 0.45 : 0.35)) continue;
            const cust = pick(custs);
            const devs = cust.devices.filter((d) => tech.brands.includes(d.brand));
            if (devs.length === 0) continue;
            const start = date.set({ hour: Math.floor(hour), minute: (hour % 1) * 60 });
            const minutes = visitMinutes(s, devs.length);
            const end = start.plus({ minutes: Math.min(minutes, 120) });
            const past = day < 0;
            const status: VisitStatus = past ? (chance(0.05) ? "cancelled" : chance(0.03) ? "no_show" : "completed") : "scheduled";
            const visitId = randomUUID();
            await tx.insert(visits).values({
              id: visitId,
              reference: `FK-${(++n).toString(36).toUpperCase().padStart(5, "0")}`,
              customerId: cust.id,
              siteId: cust.siteId,
              technicianId: tech.id,
              startsAt: start.toJSDate(),
              endsAt: end.toJSDate(),
              busyUntil: end.plus({ minutes: s.travelBufferMinutes }).toJSDate(),
              status,
              completedAt: status === "completed" ? end.toJSDate() : null,
              cancelledAt: status === "cancelled" ? start.minus({ days: 1 }).toJSDate() : null,
              bookingNotes: chance(0.3) ? "Lost the password after the installer left." : null,
            });
            await tx.insert(visitDevices).values(
              devs.map((d, position) => ({
                visitId,
                deviceId: d.id,
                position,
                problem: pick(["Forgot the admin password", "Installer never gave us the password", "Locked out after too many tries"]),
              })),
            );
            if (status === "completed") await simulateWork(tx, { visitId, techId: tech.id, start, devs, methods });
          }
        }
      }
      const admin = { id: dana.id, role: "admin" as const, name: "Dana Dispatcher", email: "dispatch@demo.fieldkey.test", customerId: null };
      await addDeskWork(tx, { admin, techs, custs, settings: s, rand, reference: () => `FK-${(++n).toString(36).toUpperCase().padStart(5, "0")}` });
      await tx.insert(settings).values({ key: "demo_loaded", value: new Date().toISOString() });
    }),
  );
  return accounts;
}

async function main() {
  const handle = await getDatabaseHandle();
  try {
    const accounts = await loadDemo(handle.db);
    const books = await loadDemoBilling(handle.db, rand);
    console.log("\nDemo data loaded. Accounts (passwords shown once):\n");
    for (const a of accounts) console.log(`  ${a.role.padEnd(10)} ${a.email.padEnd(36)} ${a.password}`);
    console.log(`\nInvoices: ${books.invoices} from the last 45 days of completed visits (${books.issued} issued, ${books.paid} with a payment).`);
    console.log("\nOther demo customers have no login; admins can see them at /admin/customers.\n");
  } catch (err) {
    console.error(err instanceof Error ? (process.env.DEBUG ? err.stack : err.message) : err);
    process.exitCode = 1;
  } finally {
    await handle.close();
  }
}

if (import.meta.url === `file://${process.argv[1]}`) void main();
