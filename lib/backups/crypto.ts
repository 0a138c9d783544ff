/**
 * Vault encryption at rest (config backups, recovery files, device photos):
 * AES-256-GCM from node:crypto. Each sealed part gets a fresh 96-bit IV; the
 * additional authenticated data binds the ciphertext to its row id and part
 * (a photo's thumbnail is a second part of its row), so bytes copied onto
 * another row, or from the thumbnail to the file, do not decrypt. The key id
 * is stored per row so keys can rotate while old ones keep working.
 */
import { createCipheriv, createDecipheriv, createHash, randomBytes } from "node:crypto";
import { env } from "@/lib/platform/env";

export type Sealed = { ciphertext: Buffer; iv: Buffer; authTag: Buffer; keyId: string };

/** A second sealed part of a row besides its file (same key id, own IV and tag). */
export type SealedPart = "thumb";

const aad = (backupId: string, part?: SealedPart) => Buffer.from(`fieldkey-backup:v1:${backupId}${part ? `:${part}` : ""}`);

export function sha256Hex(bytes: Buffer) {
  return createHash("sha256").update(bytes).digest("hex");
}

function key(keyId: string): Buffer {
  const k = env().backupKeys.get(keyId);
  if (!k) throw new BackupIntegrityError(`The encryption key "${keyId}" for this backup is not configured.`);
  return k;
}

export function seal(backupId: string, plain: Buffer, keyId = env().backupKeyId, part?: SealedPart): Sealed {
  const iv = randomBytes(12);
  const cipher = createCipheriv("aes-256-gcm", key(keyId), iv);
  cipher.setAAD(aad(backupId, part));
  const ciphertext = Buffer.concat([cipher.update(plain), cipher.final()]);
  return { ciphertext, iv, authTag: cipher.getAuthTag(), keyId };
}

export class BackupIntegrityError extends Error {
  constructor(message = "This backup failed its integrity check and was not served.") {
    super(message);
    this.name = "BackupIntegrityError";
  }
}

/**
 * Decrypt and verify (GCM tag, then sha256 of the plain bytes when one is
 * recorded: the file has one, a thumbnail relies on its tag). Throws
 * BackupIntegrityError on any mismatch.
 */
export function open(backupId: string, sealed: Sealed, expectedSha256: string | null, part?: SealedPart): Buffer {
  let plain: Buffer;
  try {
    if (sealed.iv.length !== 12 || sealed.authTag.length !== 16) throw new Error("bad iv/tag length");
    const decipher = createDecipheriv("aes-256-gcm", key(sealed.keyId), sealed.iv);
    decipher.setAAD(aad(backupId, part));
    decipher.setAuthTag(sealed.authTag);
    plain = Buffer.concat([decipher.update(sealed.ciphertext), decipher.final()]);
  } catch (err) {
    if (err instanceof BackupIntegrityError) throw err;
    throw new BackupIntegrityError();
  }
  if (expectedSha256 !== null && sha256Hex(plain) !== expectedSha256) throw new BackupIntegrityError();
  return plain;
}
