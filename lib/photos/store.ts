import "server-only";
import { and, eq } from "drizzle-orm";
import { DateTime } from "luxon";
import { getDb, type Executor } from "@/db/client";
import { configBackups, visitDevices, visits } from "@/db/schema";
import { can, requirePermission, type Actor } from "@/lib/auth/permissions";
import { visitScope } from "@/lib/auth/scopes";
import { deviceForActor } from "@/lib/backups/access";
import { formatBytes, insertVaultFile } from "@/lib/backups/store";
import { env } from "@/lib/platform/env";
import { ConflictError, NotFoundError, parseInput, pgError, ValidationError } from "@/lib/platform/errors";
import { getSettings } from "@/lib/settings/company";
import { preparePhoto } from "./image";
import { photoUploadSchema } from "./schemas";
import { sniffImage, type SniffedImage } from "./sniff";

export function maxPhotoBytes() {
  return env().PHOTO_MAX_BYTES;
}

export function photoSizeError(size: number): string | null {
  if (size <= 0) return "The photo is empty. Take it again.";
  const limit = maxPhotoBytes();
  if (size > limit) return `The photo is too large (${formatBytes(size)}). The limit is ${formatBytes(limit)}.`;
  return null;
}

export const NOT_AN_IMAGE = "This file is not a photo. FieldKey takes JPEG, PNG, WebP or AVIF pictures (checked from the file itself, not its name).";

const EXTENSIONS: Record<SniffedImage, string> = {
  "image/jpeg": "jpg",
  "image/png": "png",
  "image/webp": "webp",
  "image/avif": "avif",
  "image/heic": "heic",
  "image/heif": "heif",
};

/**
 * The camera's shot time, if it is believable: with an offset as written,
 * else in the company's time zone (phones write local time); none before
 * 2000 (an unset camera clock) or more than a day ahead.
 */
export function parseTakenAt(value: string | undefined, timeZone: string, now = new Date()): Date | null {
  if (!value) return null;
  const t = DateTime.fromISO(value, { zone: timeZone });
  if (!t.isValid || t.year < 2000 || t.toMillis() > now.getTime() + 24 * 3_600_000) return null;
  return t.toJSDate();
}

/**
 * The visit a photo is taken on: one this actor may read (else not found, no
 * hint it exists), and one that includes the device (else a plain refusal).
 */
async function checkVisitHasDevice(db: Executor, actor: Actor, visitId: string, deviceId: string) {
  const [v] = await db
    .select({ id: visits.id, deviceOnVisit: visitDevices.deviceId })
    .from(visits)
    .leftJoin(visitDevices, and(eq(visitDevices.visitId, visits.id), eq(visitDevices.deviceId, deviceId)))
    .where(and(eq(visits.id, visitId), visitScope(actor)));
  if (!v) throw new NotFoundError("That visit does not exist.");
  if (!v.deviceOnVisit) throw new ValidationError("That device is not on this visit.", { deviceId: ["That device is not on this visit."] });
}

/** The upload that already used this upload id: the same again for its author and device, a conflict for anyone else. */
async function replayOf(db: Executor, actor: Actor, clientId: string | undefined, deviceId: string) {
  if (!clientId) return null;
  const [row] = await db
    .select({
      id: configBackups.id,
      uploadedBy: configBackups.uploadedBy,
      deviceId: configBackups.deviceId,
      version: configBackups.version,
      sha256: configBackups.sha256,
      sizeBytes: configBackups.sizeBytes,
      filename: configBackups.filename,
    })
    .from(configBackups)
    .where(eq(configBackups.clientId, clientId));
  if (!row) return null;
  if (row.uploadedBy !== actor.id || row.deviceId !== deviceId) throw new ConflictError("This upload id is already taken.");
  const { uploadedBy: _u, deviceId: _d, ...stored } = row;
  return { ...stored, replayed: true };
}

/**
 * Store a device photo in the vault (lib/backups: encrypted, checksummed,
 * versioned per device, audited, append-only), with a thumbnail made here.
 * Who may: those who may add backups (technicians, admins), for a device
 * they may see; a technician from a visit of theirs that includes the device.
 * Refused with a message, nothing stored: not an image (by its bytes), empty
 * or over the size limit, a picture that does not decode, a device not on the
 * visit. A repeat of the same upload id (a queued upload sent twice, its
 * first answer lost) returns the first upload and stores nothing.
 */
export async function storePhoto(actor: Actor | null, input: unknown, bytes: Buffer, opts: { ip?: string | null; now?: Date } = {}) {
  requirePermission(actor, "backups:upload");
  const meta = parseInput(photoUploadSchema, input);
  const tooBig = photoSizeError(bytes.length);
  if (tooBig) throw new ValidationError(tooBig, { file: [tooBig] });
  const db = await getDb();
  const again = await replayOf(db, actor, meta.clientId, meta.deviceId);
  if (again) return again;
  const type = sniffImage(bytes.subarray(0, 64));
  if (!type) throw new ValidationError(NOT_AN_IMAGE, { file: [NOT_AN_IMAGE] });
  if (!meta.visitId && !can(actor, "devices:manage")) {
    throw new ValidationError("Take device photos from the visit's job page.", { visitId: ["Photos are taken on a visit: open the job first."] });
  }
  // Who may, before any decoding work (checked again in the transaction).
  await deviceForActor(db, actor, meta.deviceId);
  if (meta.visitId) await checkVisitHasDevice(db, actor, meta.visitId, meta.deviceId);
  const photo = await preparePhoto(bytes, type);
  const s = await getSettings(db);
  const takenAt = parseTakenAt(meta.takenAt, s.timeZone, opts.now);
  const base = (meta.filename ?? "").replace(/\.[A-Za-z0-9]{1,5}$/, "").trim() || `photo-${meta.kind.replace("_", "-")}`;
  try {
    return await db.transaction(async (tx) => {
      await deviceForActor(tx, actor, meta.deviceId);
      if (meta.visitId) await checkVisitHasDevice(tx, actor, meta.visitId, meta.deviceId);
      const stored = await insertVaultFile(
        tx,
        actor,
        {
          deviceId: meta.deviceId,
          visitId: meta.visitId ?? null,
          kind: "photo",
          filename: `${base}.${EXTENSIONS[photo.contentType]}`,
          contentType: photo.contentType,
          bytes: photo.bytes,
          clientId: meta.clientId,
          photo: { photoKind: meta.kind, takenAt, width: photo.width, height: photo.height, thumbnail: photo.thumbnail },
        },
        opts.ip ?? null,
      );
      return { ...stored, replayed: false };
    });
  } catch (err) {
    // The same upload arriving twice at once: the second finds the first.
    if (pgError(err)?.constraint === "config_backups_client_id_key") {
      const first = await replayOf(db, actor, meta.clientId, meta.deviceId);
      if (first) return first;
    }
    throw err;
  }
}
