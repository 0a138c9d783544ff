import "server-only";
import { and, eq } from "drizzle-orm";
import type { Executor } from "@/db/client";
import { devices, visitDevices, visits } from "@/db/schema";
import type { Actor } from "@/lib/auth/permissions";
import { deviceScope, visitScope } from "@/lib/auth/scopes";
import { NotFoundError } from "@/lib/platform/errors";

const NOT_FOUND = "That device does not exist.";

/**
 * The device, if this actor may see it and its backups (deviceScope,
 * lib/auth/scopes.ts: admins any device; technicians devices on visits
 * assigned to them, completed ones included; customers their own). Everyone
 * else: NotFoundError, never a hint that it exists.
 */
export async function deviceForActor(db: Executor, actor: Actor, deviceId: string) {
  const [device] = await db
    .select({ id: devices.id, customerId: devices.customerId, brand: devices.brand, kind: devices.kind, model: devices.model, firmware: devices.firmware })
    .from(devices)
    .where(and(eq(devices.id, deviceId), deviceScope(actor)));
  if (!device) throw new NotFoundError(NOT_FOUND);
  return device;
}

/** A visit the backup is attached to must be one the device is on, and one this actor may read (a technician: theirs). */
export async function checkVisitForUpload(db: Executor, actor: Actor, visitId: string, deviceId: string) {
  const [row] = await db
    .select({ visitId: visitDevices.visitId })
    .from(visitDevices)
    .innerJoin(visits, eq(visits.id, visitDevices.visitId))
    .where(and(eq(visitDevices.visitId, visitId), eq(visitDevices.deviceId, deviceId), visitScope(actor)));
  if (!row) throw new NotFoundError("That visit does not include this device.");
}
