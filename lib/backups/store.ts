import "server-only";
import { randomUUID } from "node:crypto";
import { and, eq, isNull, max, sql } from "drizzle-orm";
import { getDb, type Executor } from "@/db/client";
import { configBackups, devices, type BackupKind, type PhotoKind } from "@/db/schema";
import { audit } from "@/lib/audit/log";
import { requirePermission, type Actor } from "@/lib/auth/permissions";
import { env } from "@/lib/platform/env";
import { emitEvent } from "@/lib/webhooks/emit";
import { ConflictError, NotFoundError, pgError, ValidationError } from "@/lib/platform/errors";
import { checkVisitForUpload, deviceForActor } from "./access";
import { seal, sha256Hex } from "./crypto";
import { safeFilename, uploadMetaSchema, type UploadMeta } from "./schemas";

export function maxBackupBytes() {
  return env().BACKUP_MAX_BYTES;
}

export function sizeError(size: number): string | null {
  if (size <= 0) return "The file is empty. Export the configuration again and choose the exported file.";
  const limit = maxBackupBytes();
  if (size > limit) return `The file is too large (${formatBytes(size)}). The limit is ${formatBytes(limit)}.`;
  return null;
}

export function formatBytes(n: number) {
  if (n < 1024) return `${n} B`;
  if (n < 1024 * 1024) return `${(n / 1024).toFixed(1)} KB`;
  return `${(n / (1024 * 1024)).toFixed(1)} MB`;
}

/** A file going into the vault: what every kind has, plus a photo's own facts. */
export type VaultFileInput = {
  deviceId: string;
  visitId: string | null;
  kind: BackupKind;
  filename: string;
  contentType: string;
  bytes: Buffer;
  firmwareAtExport?: string | null;
  note?: string | null;
  /** The id the phone gave this write (queued uploads): unique, so a replay cannot store twice. */
  clientId?: string | null;
  photo?: { photoKind: PhotoKind; takenAt: Date | null; width: number; height: number; thumbnail: Buffer };
};

/**
 * The vault's one way in, for every kind of file (config backups, recovery
 * files, device photos): inside the caller's transaction, after the caller
 * checked the actor may add files to this device (and visit). Numbers the
 * version per device (the device row is locked), seals the bytes (and a
 * photo's thumbnail) under the current key with the row id as AAD, records
 * the sha256 of the plain bytes, and audits the upload.
 */
export async function insertVaultFile(tx: Executor, actor: Actor, f: VaultFileInput, ip: string | null) {
  // Lock the device row: versions are numbered one at a time per device.
  const [locked] = await tx.select({ id: devices.id }).from(devices).where(eq(devices.id, f.deviceId)).for("update");
  if (!locked) throw new NotFoundError();
  const [{ current } = { current: 0 }] = await tx
    .select({ current: max(configBackups.version) })
    .from(configBackups)
    .where(eq(configBackups.deviceId, f.deviceId));
  const version = (current ?? 0) + 1;
  const id = randomUUID();
  const sealed = seal(id, f.bytes);
  const sha256 = sha256Hex(f.bytes);
  const filename = safeFilename(f.filename);
  let photo = {};
  if (f.photo) {
    const thumb = seal(id, f.photo.thumbnail, sealed.keyId, "thumb");
    photo = {
      photoKind: f.photo.photoKind,
      takenAt: f.photo.takenAt,
      width: f.photo.width,
      height: f.photo.height,
      thumbCiphertext: thumb.ciphertext,
      thumbIv: thumb.iv,
      thumbAuthTag: thumb.authTag,
    };
  }
  await tx.insert(configBackups).values({
    id,
    deviceId: f.deviceId,
    visitId: f.visitId,
    version,
    kind: f.kind,
    filename,
    contentType: f.contentType,
    sizeBytes: f.bytes.length,
    sha256,
    ...sealed,
    ...photo,
    firmwareAtExport: f.firmwareAtExport || null,
    note: f.note || null,
    uploadedBy: actor.id,
    clientId: f.clientId ?? null,
  });
  await audit(tx, {
    actorId: actor.id,
    action: f.photo ? "photo.upload" : "backup.upload",
    entityType: "config_backup",
    entityId: id,
    details: {
      deviceId: f.deviceId,
      visitId: f.visitId,
      version,
      kind: f.kind,
      sizeBytes: f.bytes.length,
      sha256,
      filename,
      ...(f.photo ? { photoKind: f.photo.photoKind } : {}),
    },
    ip,
  });
  return { id, version, sha256, sizeBytes: f.bytes.length, filename };
}

/**
 * Store one backup version: encrypted, checksummed, numbered per device,
 * audited, all in one transaction (pass `tx` to join a larger one, e.g. a
 * vendor case). Files are opaque bytes: never parsed or executed.
 */
export async function storeBackup(
  actor: Actor | null,
  input: UploadMeta & { bytes: Buffer },
  opts: { tx?: Executor; ip?: string | null; clientId?: string | null } = {},
) {
  requirePermission(actor, "backups:upload");
  const meta = uploadMetaSchema.parse(input);
  const bytes = input.bytes;
  const tooBig = sizeError(bytes.length);
  if (tooBig) throw new ValidationError(tooBig, { file: [tooBig] });

  const run = async (tx: Executor) => {
    const device = await deviceForActor(tx, actor, meta.deviceId);
    if (meta.visitId) await checkVisitForUpload(tx, actor, meta.visitId, meta.deviceId);
    const stored = await insertVaultFile(
      tx,
      actor,
      {
        deviceId: meta.deviceId,
        visitId: meta.visitId ?? null,
        kind: meta.kind,
        filename: meta.filename,
        contentType: meta.contentType,
        bytes,
        firmwareAtExport: meta.firmwareAtExport,
        note: meta.note,
        clientId: opts.clientId ?? null,
      },
      opts.ip ?? null,
    );
    await emitEvent(tx, "backup.uploaded", {
      backupId: stored.id,
      deviceId: meta.deviceId,
      customerId: device.customerId,
      visitId: meta.visitId ?? null,
      version: stored.version,
      kind: meta.kind,
      filename: stored.filename,
      sizeBytes: stored.sizeBytes,
      sha256: stored.sha256,
    });
    return stored;
  };
  if (opts.tx) return run(opts.tx);
  const db = await getDb();
  return db.transaction(run);
}

export type StoredBackup = { id: string; version: number; sha256: string; sizeBytes: number; filename: string };

/**
 * The backup a phone already uploaded under this id (its Idempotency-Key), as
 * the first upload answered; null when none. Another user's id is refused.
 */
export async function findUploadByClientId(actor: Actor | null, clientId: string): Promise<StoredBackup | null> {
  requirePermission(actor, "backups:upload");
  const db = await getDb();
  const [row] = await db
    .select({
      id: configBackups.id,
      version: configBackups.version,
      sha256: configBackups.sha256,
      sizeBytes: configBackups.sizeBytes,
      filename: configBackups.filename,
      uploadedBy: configBackups.uploadedBy,
    })
    .from(configBackups)
    .where(eq(configBackups.clientId, clientId));
  if (!row) return null;
  if (row.uploadedBy !== actor.id) throw new ConflictError("This upload id is already taken.");
  const { uploadedBy: _u, ...stored } = row;
  return stored;
}

/**
 * Store a phone's upload exactly once: a retry with the same client id (the
 * first answer was lost, two tabs sent it) gets the first upload back and
 * stores nothing. `replayed` says which.
 */
export async function storeBackupOnce(actor: Actor | null, input: UploadMeta & { bytes: Buffer }, clientId: string, ip: string | null) {
  const sameFile = (b: StoredBackup) => {
    if (b.sha256 !== sha256Hex(input.bytes)) throw new ConflictError("This upload id was already used for a different file; it is not stored again.");
    return { ...b, replayed: true };
  };
  const first = await findUploadByClientId(actor, clientId);
  if (first) return sameFile(first);
  try {
    return { ...(await storeBackup(actor, input, { ip, clientId })), replayed: false };
  } catch (err) {
    if (pgError(err)?.constraint !== "config_backups_client_id_key") throw err;
    const winner = await findUploadByClientId(actor, clientId);
    if (!winner) throw err;
    return sameFile(winner);
  }
}

/** Admin-only soft delete. The row and its bytes stay (append-only); it disappears from lists and downloads. */
export async function softDeleteBackup(actor: Actor | null, backupId: string, ip: string | null) {
  requirePermission(actor, "backups:delete");
  const db = await getDb();
  return db.transaction(async (tx) => {
    const [row] = await tx
      .update(configBackups)
      .set({ deletedAt: sql`now()`, deletedBy: actor.id })
      .where(and(eq(configBackups.id, backupId), isNull(configBackups.deletedAt)))
      .returning({ id: configBackups.id, deviceId: configBackups.deviceId, version: configBackups.version });
    if (!row) throw new NotFoundError("That backup does not exist or was already deleted.");
    await audit(tx, {
      actorId: actor.id,
      action: "backup.delete",
      entityType: "config_backup",
      entityId: row.id,
      details: { deviceId: row.deviceId, version: row.version },
      ip,
    });
    return row;
  });
}
