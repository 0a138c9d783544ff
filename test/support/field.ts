/** Builders for the field tests: a technician's visit with three devices of three brands. */
import { eq } from "drizzle-orm";
import { getDb } from "@/db/client";
import { devices, visits, type RecoveryOptions, type VisitStatus } from "@/db/schema";
import { makeDevice, makeUser, makeVisit } from "@/test/support/factories";
import { recordAuthorization } from "@/lib/field/authorization";
import { RECOVERY_METHODS } from "@/db/seed/catalogue";
import type { Actor } from "@/lib/auth/permissions";
import { storeBackup } from "@/lib/backups/store";
import { storePhoto } from "@/lib/photos/store";
import { makePng } from "./images";

/** A real 1×1 PNG. */
export const TINY_PNG = "data:image/png;base64,iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAQAAAC1HAwCAAAAC0lEQVR42mNkYAAAAAYAAjCB0C8AAAAASUVORK5CYII=";

let hour = 0;
/** Visits of one technician must not overlap: each scenario gets its own hour. */
function nextStart() {
  hour += 2;
  return new Date(Date.UTC(2030, 0, 1, 0, 0) + hour * 3_600_000);
}

export async function setOptions(deviceId: string, recoveryOptions: RecoveryOptions) {
  const db = await getDb();
  await db.update(devices).set({ recoveryOptions }).where(eq(devices.id, deviceId));
}

export async function scenario(opts: { status?: VisitStatus; authorized?: boolean; people?: Awaited<ReturnType<typeof people>> } = {}) {
  const p = opts.people ?? (await people());
  const dahua = await makeDevice(p.customer.customerId!, { brand: "dahua", kind: "nvr" });
  const hik = await makeDevice(p.customer.customerId!, { brand: "hikvision", kind: "nvr" });
  const lorex = await makeDevice(p.customer.customerId!, { brand: "lorex", kind: "dvr" });
  await setOptions(dahua, { recovery_email: "yes", security_questions: "no" });
  const startsAt = nextStart();
  const visitId = await makeVisit({
    customerId: p.customer.customerId!,
    technicianId: p.tech.id,
    startsAt,
    status: opts.status ?? "on_site",
    deviceIds: [dahua, hik, lorex],
  });
  if (opts.authorized) await recordAuthorization(p.tech, { visitId, personName: "Carla Owner", relationship: "owner", mode: "signature", signature: TINY_PNG });
  return { ...p, visitId, startsAt, dahua, hik, lorex };
}

export async function people() {
  const tech = await makeUser("technician");
  const otherTech = await makeUser("technician");
  const admin = await makeUser("admin");
  const customer = await makeUser("customer");
  const otherCustomer = await makeUser("customer");
  return { tech, otherTech, admin, customer, otherCustomer };
}

export async function visitStatus(visitId: string) {
  const db = await getDb();
  const [v] = await db.select({ status: visits.status }).from(visits).where(eq(visits.id, visitId));
  return v!.status;
}

/** A minimal valid attempt for the Dahua NVR. */
export function attempt(visitId: string, deviceId: string, over: Record<string, unknown> = {}) {
  return { visitId, deviceId, methodId: "dahua_qr_dmss", outcome: "failed", durationSeconds: 300, ...over };
}

/**
 * Everything a vendor-pending method's evidence checklist asks for, on one
 * device of a visit (catalogue data): the photos, the device facts, this
 * visit's exported request file. The authorization is the scenario's.
 */
export async function prepareEvidence(actor: Actor, visitId: string, deviceId: string, methodId: string) {
  const items = RECOVERY_METHODS.find((m) => m.id === methodId)?.evidence ?? [];
  const db = await getDb();
  for (const item of items) {
    if (item.item === "photo") await storePhoto(actor, { deviceId, visitId, kind: item.photoKind }, await makePng(32, 24));
    if (item.item === "fact")
      await db
        .update(devices)
        .set({ [item.fact]: `EV-${item.fact}-${deviceId.slice(0, 8)}` })
        .where(eq(devices.id, deviceId));
    if (item.item === "request_file")
      await storeBackup(actor, {
        deviceId,
        visitId,
        kind: "vendor_request",
        filename: "request.xml",
        contentType: "application/xml",
        bytes: Buffer.from("<req/>"),
      });
  }
}
