import "server-only";
import { and, eq } from "drizzle-orm";
import type { Executor } from "@/db/client";
import { devices, visitDevices, visits } from "@/db/schema";
import type { Actor } from "@/lib/auth/permissions";
import { NotFoundError } from "@/lib/platform/errors";

const NOT_FOUND = "That device or backup does not exist.";

/**
 * The device, if this actor may see its backups: an admin any device; a
 * technician devices on visits assigned to them (completed ones included);
 * a customer their own devices. Everyone else: NotFoundError, never a hint
 * that it exists.
 */
export async function deviceForActor(db: Executor, actor: Actor, deviceId: string) {
  const [device] = await db
    .select({ id: devices.id, customerId: devices.customerId, brand: devices.brand, kind: devices.kind, model: devices.model, firmware: devices.firmware })
    .from(devices)
    .where(eq(devices.id, deviceId));
  if (!device) throw new NotFoundError(NOT_FOUND);
  if (actor.role === "admin") return device;
  if (actor.role === "customer") {
    if (actor.customerId && device.customerId === actor.customerId) return device;
    throw new NotFoundError(NOT_FOUND);
  }
  const assigned = await db
    .select({ id: visits.id })
    .from(visitDevices)
    .innerJoin(visits, eq(visits.id, visitDevices.visitId))
    .where(and(eq(visitDevices.deviceId, deviceId), eq(visits.technicianId, actor.id)))
    .limit(1);
  if (assigned.length === 0) throw new NotFoundError(NOT_FOUND);
  return device;
}

/** A visit the backup is attached to must be one the device is on (and, for a technician, theirs). */
export async function checkVisitForUpload(db: Executor, actor: Actor, visitId: string, deviceId: string) {
  const [row] = await db
    .select({ technicianId: visits.technicianId })
    .from(visitDevices)
    .innerJoin(visits, eq(visits.id, visitDevices.visitId))
    .where(and(eq(visitDevices.visitId, visitId), eq(visitDevices.deviceId, deviceId)));
  if (!row || (actor.role === "technician" && row.technicianId !== actor.id)) throw new NotFoundError("That visit does not include this device.");
}
