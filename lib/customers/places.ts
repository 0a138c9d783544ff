/**
 * A customer's own sites and devices: listed and edited from the portal.
 * Every query is scoped to the actor's customer record; anything else is
 * "not found".
 */
import "server-only";
import { and, asc, eq, sql } from "drizzle-orm";
import { getDb } from "@/db/client";
import { devices, sites } from "@/db/schema";
import { audit } from "@/lib/audit/log";
import { requirePermission, type Actor } from "@/lib/auth/permissions";
import { NotFoundError, parseInput, ValidationError } from "@/lib/platform/errors";
import { deviceEditSchema, siteEditSchema } from "./schemas";

export const siteColumns = {
  id: sites.id,
  label: sites.label,
  addressLine1: sites.addressLine1,
  addressLine2: sites.addressLine2,
  city: sites.city,
  region: sites.region,
  postalCode: sites.postalCode,
  accessNotes: sites.accessNotes,
};

export const deviceColumns = {
  id: devices.id,
  siteId: devices.siteId,
  brand: devices.brand,
  kind: devices.kind,
  model: devices.model,
  serial: devices.serial,
  notes: devices.notes,
  recoveryOptions: devices.recoveryOptions,
};

export async function listMySites(actor: Actor | null) {
  requirePermission(actor, "customers:read-own");
  const db = await getDb();
  return db.select(siteColumns).from(sites).where(eq(sites.customerId, actor.customerId!)).orderBy(asc(sites.createdAt));
}

export async function listMyDevices(actor: Actor | null) {
  requirePermission(actor, "customers:read-own");
  const db = await getDb();
  return db.select(deviceColumns).from(devices).where(eq(devices.customerId, actor.customerId!)).orderBy(asc(devices.createdAt));
}

export async function updateMySite(actor: Actor | null, input: unknown, ip: string | null) {
  requirePermission(actor, "sites:edit-own");
  const d = parseInput(siteEditSchema, input);
  const db = await getDb();
  return db.transaction(async (tx) => {
    const [row] = await tx
      .update(sites)
      .set({
        label: d.label || null,
        addressLine1: d.addressLine1,
        addressLine2: d.addressLine2 || null,
        city: d.city,
        region: d.region,
        postalCode: d.postalCode,
        accessNotes: d.accessNotes || null,
        updatedAt: new Date(),
      })
      .where(and(eq(sites.id, d.siteId), eq(sites.customerId, actor.customerId!)))
      .returning({ id: sites.id });
    if (!row) throw new NotFoundError("That address does not exist.");
    await audit(tx, { actorId: actor.id, action: "site.update", entityType: "site", entityId: row.id, ip });
    return row;
  });
}

export async function updateMyDevice(actor: Actor | null, input: unknown, ip: string | null) {
  requirePermission(actor, "devices:edit-own");
  const d = parseInput(deviceEditSchema, input);
  const db = await getDb();
  return db.transaction(async (tx) => {
    if (d.siteId) {
      const [site] = await tx
        .select({ id: sites.id })
        .from(sites)
        .where(and(eq(sites.id, d.siteId), eq(sites.customerId, actor.customerId!)));
      if (!site) throw new ValidationError("Pick one of your addresses.", { siteId: ["Pick one of your addresses."] });
    }
    const [row] = await tx
      .update(devices)
      .set({
        kind: d.kind,
        model: d.model || null,
        serial: d.serial || null,
        siteId: d.siteId || null,
        notes: d.notes || null,
        recoveryOptions: sql`${devices.recoveryOptions} || ${JSON.stringify(d.recovery)}::jsonb`,
        updatedAt: new Date(),
      })
      .where(and(eq(devices.id, d.deviceId), eq(devices.customerId, actor.customerId!)))
      .returning({ id: devices.id });
    if (!row) throw new NotFoundError("That device does not exist.");
    await audit(tx, { actorId: actor.id, action: "device.update", entityType: "device", entityId: row.id, ip });
    return row;
  });
}
