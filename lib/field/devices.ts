import "server-only";
import { and, eq, sql } from "drizzle-orm";
import { inTransaction, type WriteOptions } from "@/db/client";
import { attempts, devices, RECOVERY_OPTIONS, visitDevices } from "@/db/schema";
import { audit } from "@/lib/audit/log";
import type { Actor } from "@/lib/auth/permissions";
import { ConflictError, parseInput, ValidationError } from "@/lib/platform/errors";
import { assertEditable, loadWorkVisit } from "./access";
import { deviceFactsSchema } from "./schemas";

/** A device's facts as the technician records them. */
export const deviceFactColumns = {
  brand: devices.brand,
  kind: devices.kind,
  model: devices.model,
  serial: devices.serial,
  firmware: devices.firmware,
  mac: devices.mac,
  channels: devices.channels,
  lorexDeviceId: devices.lorexDeviceId,
  warrantySeal: devices.warrantySeal,
  recoveryOptions: devices.recoveryOptions,
  notes: devices.notes,
};

/**
 * Edit a device's facts on the spot, from a visit it is on. The brand and
 * kind are fixed once attempts were logged against them (the methods tried
 * depend on them). Audited with what changed.
 */
export async function updateDeviceFacts(actor: Actor | null, input: unknown, ip: string | null = null, opts: WriteOptions = {}) {
  const { visitId, deviceId, ...facts } = parseInput(deviceFactsSchema, input);
  return inTransaction(opts.tx, async (tx) => {
    const v = await loadWorkVisit(tx, actor, visitId, { lock: true });
    assertEditable(v);
    const [before] = await tx
      .select(deviceFactColumns)
      .from(visitDevices)
      .innerJoin(devices, eq(devices.id, visitDevices.deviceId))
      .where(and(eq(visitDevices.visitId, v.id), eq(visitDevices.deviceId, deviceId)));
    if (!before) throw new ValidationError("That device is not on this visit.", { deviceId: ["That device is not on this visit."] });
    if (before.brand !== facts.brand || before.kind !== facts.kind) {
      const [{ n }] = (await tx
        .select({ n: sql<number>`count(*)`.mapWith(Number) })
        .from(attempts)
        .where(eq(attempts.deviceId, deviceId))) as [{ n: number }];
      if (n > 0)
        throw new ConflictError("Attempts were logged for this device's brand and kind, so they can no longer change.", {
          brand: ["Fixed once attempts are logged."],
        });
    }
    const same = (k: string, val: unknown) =>
      k === "recoveryOptions"
        ? RECOVERY_OPTIONS.every((o) => (facts.recoveryOptions[o] ?? "unknown") === (before.recoveryOptions[o] ?? "unknown"))
        : JSON.stringify(val) === JSON.stringify((before as Record<string, unknown>)[k]);
    const changed = Object.fromEntries(Object.entries(facts).filter(([k, val]) => !same(k, val)));
    if (Object.keys(changed).length === 0) return { changed: [] as string[] };
    await tx
      .update(devices)
      .set({ ...facts, updatedAt: new Date() })
      .where(eq(devices.id, deviceId));
    const beforeChanged = Object.fromEntries(Object.keys(changed).map((k) => [k, (before as Record<string, unknown>)[k]]));
    await audit(tx, {
      actorId: actor!.id,
      action: "device.update",
      entityType: "device",
      entityId: deviceId,
      details: { visitId: v.id, before: beforeChanged, after: changed },
      ip,
    });
    return { changed: Object.keys(changed) };
  });
}
