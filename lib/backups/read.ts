import "server-only";
import { and, desc, eq, inArray, isNull, ne, or, sql } from "drizzle-orm";
import { getDb } from "@/db/client";
import { auditEvents, configBackups, devices, users } from "@/db/schema";
import { audit } from "@/lib/audit/log";
import { requirePermission, type Actor } from "@/lib/auth/permissions";
import { backupScope } from "@/lib/auth/scopes";
import { AppError, NotFoundError } from "@/lib/platform/errors";
import { deviceForActor } from "./access";
import { BackupIntegrityError, open } from "./crypto";

/** What a list of backups shows: metadata only, never the bytes. */
const listColumns = {
  id: configBackups.id,
  deviceId: configBackups.deviceId,
  visitId: configBackups.visitId,
  version: configBackups.version,
  kind: configBackups.kind,
  filename: configBackups.filename,
  contentType: configBackups.contentType,
  sizeBytes: configBackups.sizeBytes,
  sha256: configBackups.sha256,
  firmwareAtExport: configBackups.firmwareAtExport,
  note: configBackups.note,
  uploadedAt: configBackups.uploadedAt,
  uploadedByName: users.name,
  deletedAt: configBackups.deletedAt,
};
export type BackupListItem = Awaited<ReturnType<typeof listBackupsForDevice>>[number];

/** Every version of a device's backups (its photos are listed by lib/photos), newest first. Deleted ones only for admins. */
export async function listBackupsForDevice(actor: Actor | null, deviceId: string) {
  requirePermission(actor, "backups:download");
  const db = await getDb();
  await deviceForActor(db, actor, deviceId);
  return db
    .select(listColumns)
    .from(configBackups)
    .innerJoin(users, eq(users.id, configBackups.uploadedBy))
    .where(and(eq(configBackups.deviceId, deviceId), ne(configBackups.kind, "photo"), backupScope(actor)))
    .orderBy(desc(configBackups.version));
}

/** A customer's backups across their devices, for the portal. */
export async function listMyBackups(actor: Actor | null) {
  requirePermission(actor, "customers:read-own");
  if (!actor.customerId) return [];
  const db = await getDb();
  return db
    .select({ ...listColumns, deviceBrand: devices.brand, deviceKind: devices.kind, deviceModel: devices.model, deviceSerial: devices.serial })
    .from(configBackups)
    .innerJoin(devices, eq(devices.id, configBackups.deviceId))
    .innerJoin(users, eq(users.id, configBackups.uploadedBy))
    .where(and(eq(devices.customerId, actor.customerId), ne(configBackups.kind, "photo"), isNull(configBackups.deletedAt)))
    .orderBy(devices.brand, devices.id, desc(configBackups.version));
}

export class BackupRefusedError extends AppError {
  constructor() {
    super("This backup failed its integrity check, so it was not sent. The office has been alerted; please contact us.", 409);
  }
}

/**
 * Decrypt and verify a backup for someone allowed to have it. Anyone else
 * gets NotFoundError. A tampered or corrupted backup is never served: the
 * refusal is audited. Every successful download is audited (who, what, when, from where).
 */
export async function downloadBackup(actor: Actor | null, backupId: string, ip: string | null) {
  requirePermission(actor, "backups:download");
  if (!/^[0-9a-f-]{36}$/i.test(backupId)) throw new NotFoundError();
  const db = await getDb();
  const [row] = await db
    .select()
    .from(configBackups)
    .where(and(eq(configBackups.id, backupId), isNull(configBackups.deletedAt)));
  if (!row) throw new NotFoundError();
  await deviceForActor(db, actor, row.deviceId);
  let bytes: Buffer;
  try {
    bytes = open(row.id, row, row.sha256);
  } catch (err) {
    if (!(err instanceof BackupIntegrityError)) throw err;
    await audit(db, {
      actorId: actor.id,
      action: "backup.integrity_failed",
      entityType: "config_backup",
      entityId: row.id,
      details: { deviceId: row.deviceId, version: row.version, keyId: row.keyId },
      ip,
    });
    throw new BackupRefusedError();
  }
  await audit(db, {
    actorId: actor.id,
    action: "backup.download",
    entityType: "config_backup",
    entityId: row.id,
    details: { deviceId: row.deviceId, version: row.version, sizeBytes: row.sizeBytes },
    ip,
  });
  return { filename: row.filename, bytes, sha256: row.sha256, version: row.version };
}

/** Audit trail of one backup, or of everything about one customer's backups (admins). */
export async function backupAuditTrail(actor: Actor | null, scope: { backupId: string } | { customerId: string }) {
  requirePermission(actor, "audit:read");
  const db = await getDb();
  let ids: string[];
  if ("backupId" in scope) ids = [scope.backupId];
  else {
    const rows = await db
      .select({ id: configBackups.id })
      .from(configBackups)
      .innerJoin(devices, eq(devices.id, configBackups.deviceId))
      .where(eq(devices.customerId, scope.customerId));
    ids = rows.map((r) => r.id);
  }
  if (ids.length === 0) return [];
  return db
    .select({
      id: auditEvents.id,
      action: auditEvents.action,
      entityId: auditEvents.entityId,
      at: auditEvents.at,
      ip: auditEvents.ip,
      details: auditEvents.details,
      actorName: sql<string | null>`${users.name}`,
      actorRole: sql<string | null>`${users.role}`,
    })
    .from(auditEvents)
    .leftJoin(users, eq(users.id, auditEvents.actorId))
    .where(and(eq(auditEvents.entityType, "config_backup"), or(inArray(auditEvents.entityId, ids))))
    .orderBy(desc(auditEvents.at), desc(auditEvents.id))
    .limit(500);
}
