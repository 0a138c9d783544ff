import "server-only";
import { and, desc, eq, inArray, isNull } from "drizzle-orm";
import { getDb, type Executor } from "@/db/client";
import { configBackups, devices, users, visits, type PhotoKind } from "@/db/schema";
import { audit } from "@/lib/audit/log";
import { requirePermission, type Actor } from "@/lib/auth/permissions";
import { backupScope } from "@/lib/auth/scopes";
import { deviceForActor } from "@/lib/backups/access";
import { BackupIntegrityError, open } from "@/lib/backups/crypto";
import { BackupRefusedError } from "@/lib/backups/read";
import { NotFoundError } from "@/lib/platform/errors";

/** What a list of photos shows: metadata only, never the bytes. */
const photoColumns = {
  id: configBackups.id,
  deviceId: configBackups.deviceId,
  visitId: configBackups.visitId,
  photoKind: configBackups.photoKind,
  takenAt: configBackups.takenAt,
  uploadedAt: configBackups.uploadedAt,
  width: configBackups.width,
  height: configBackups.height,
  sizeBytes: configBackups.sizeBytes,
  filename: configBackups.filename,
  deletedAt: configBackups.deletedAt,
  uploadedByName: users.name,
  visitReference: visits.reference,
  visitStartsAt: visits.startsAt,
};

/** A photo as lists show it (a photo always has its kind and size: config_backups_photo_shape). */
function asItem<R extends { photoKind: PhotoKind | null; width: number | null; height: number | null }>(r: R) {
  return { ...r, photoKind: r.photoKind!, width: r.width!, height: r.height! };
}
export type PhotoListItem = Awaited<ReturnType<typeof photosOfDevices>>[number];

function photosQuery(db: Executor) {
  return db
    .select(photoColumns)
    .from(configBackups)
    .innerJoin(users, eq(users.id, configBackups.uploadedBy))
    .leftJoin(visits, eq(visits.id, configBackups.visitId));
}

/**
 * Every photo of one device across its visits, newest first, for someone who
 * may see the device: the backups' rule (lib/backups/access.ts), deleted ones
 * only for admins. Anyone else: NotFoundError.
 */
export async function listDevicePhotos(actor: Actor | null, deviceId: string) {
  requirePermission(actor, "backups:download");
  const db = await getDb();
  await deviceForActor(db, actor, deviceId);
  const rows = await photosQuery(db)
    .where(and(eq(configBackups.deviceId, deviceId), eq(configBackups.kind, "photo"), backupScope(actor)))
    .orderBy(desc(configBackups.uploadedAt), desc(configBackups.version));
  return rows.map(asItem);
}

/** Photos of these devices (not deleted), newest first. Callers check access to the devices (e.g. the job page's visit). */
export async function photosOfDevices(db: Executor, deviceIds: string[]) {
  if (deviceIds.length === 0) return [];
  const rows = await photosQuery(db)
    .where(and(inArray(configBackups.deviceId, deviceIds), eq(configBackups.kind, "photo"), isNull(configBackups.deletedAt)))
    .orderBy(desc(configBackups.uploadedAt), desc(configBackups.version));
  return rows.map(asItem);
}

/** A customer's photos of their own devices, for the portal. */
export async function listMyPhotos(actor: Actor | null) {
  requirePermission(actor, "customers:read-own");
  if (!actor.customerId) return [];
  const db = await getDb();
  const rows = await photosQuery(db)
    .innerJoin(devices, eq(devices.id, configBackups.deviceId))
    .where(and(eq(devices.customerId, actor.customerId), eq(configBackups.kind, "photo"), isNull(configBackups.deletedAt)))
    .orderBy(desc(configBackups.uploadedAt), desc(configBackups.version));
  return rows.map(asItem);
}

/**
 * A photo's bytes (full size) or its thumbnail, decrypted and verified, for
 * someone who may see the device (the backups' rule); anyone else, any other
 * kind of file and any deleted photo: NotFoundError. Full-size views are
 * audited like backup downloads; thumbnails are not (a job page shows many on
 * every visit), but they only exist beside a photo whose upload was.
 */
export async function openPhoto(actor: Actor | null, photoId: string, variant: "full" | "thumb", ip: string | null) {
  requirePermission(actor, "backups:download");
  if (!/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i.test(photoId)) throw new NotFoundError();
  const db = await getDb();
  const [row] = await db
    .select()
    .from(configBackups)
    .where(and(eq(configBackups.id, photoId), eq(configBackups.kind, "photo"), isNull(configBackups.deletedAt)));
  if (!row || !row.thumbCiphertext || !row.thumbIv || !row.thumbAuthTag) throw new NotFoundError();
  await deviceForActor(db, actor, row.deviceId);
  let bytes: Buffer;
  try {
    bytes =
      variant === "full"
        ? open(row.id, row, row.sha256)
        : open(row.id, { ciphertext: row.thumbCiphertext, iv: row.thumbIv, authTag: row.thumbAuthTag, keyId: row.keyId }, null, "thumb");
  } catch (err) {
    if (!(err instanceof BackupIntegrityError)) throw err;
    await audit(db, {
      actorId: actor.id,
      action: "backup.integrity_failed",
      entityType: "config_backup",
      entityId: row.id,
      details: { deviceId: row.deviceId, version: row.version, keyId: row.keyId, part: variant },
      ip,
    });
    throw new BackupRefusedError();
  }
  if (variant === "full") {
    await audit(db, {
      actorId: actor.id,
      action: "photo.view",
      entityType: "config_backup",
      entityId: row.id,
      details: { deviceId: row.deviceId, version: row.version, sizeBytes: row.sizeBytes },
      ip,
    });
  }
  return { bytes, contentType: variant === "full" ? row.contentType : "image/jpeg", filename: row.filename, sha256: variant === "full" ? row.sha256 : null };
}
