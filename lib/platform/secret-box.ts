/**
 * Small secrets the server must read back but no person (nor a copy of the
 * database) may: a staff member's TOTP secret, the link in a password-reset
 * or invitation email until it is sent. AES-256-GCM with a key derived
 * (HKDF-SHA256) from AUTH_SECRET, which comes from the environment
 * (lib/platform/env.ts), and additional data binding each value to its purpose
 * and row, so a value copied onto another row does not open.
 * Rotating AUTH_SECRET makes sealed values unreadable: staff enrol their
 * authenticator again, and unsent reset links are not sent (docs/operations.md).
 */
import { createCipheriv, createDecipheriv, hkdfSync, randomBytes } from "node:crypto";
import { env } from "@/lib/platform/env";

export type SealPurpose = "totp-secret" | "mail-secret";

function key(purpose: SealPurpose): Buffer {
  return Buffer.from(hkdfSync("sha256", env().AUTH_SECRET, "fieldkey-secret-box", `fieldkey:${purpose}:v1`, 32));
}

const aad = (purpose: SealPurpose, context: string) => Buffer.from(`fieldkey:${purpose}:${context}`);

/** `v1.<iv>.<tag>.<ciphertext>` (base64url). */
export function sealSecret(purpose: SealPurpose, context: string, plain: string): string {
  const iv = randomBytes(12);
  const cipher = createCipheriv("aes-256-gcm", key(purpose), iv);
  cipher.setAAD(aad(purpose, context));
  const ct = Buffer.concat([cipher.update(plain, "utf8"), cipher.final()]);
  return ["v1", iv, cipher.getAuthTag(), ct].map((p) => (typeof p === "string" ? p : p.toString("base64url"))).join(".");
}

/** The plain value, or null when it does not open (another row, another secret, tampered). */
export function openSecret(purpose: SealPurpose, context: string, sealed: string): string | null {
  const [v, iv, tag, ct] = sealed.split(".");
  if (v !== "v1" || !iv || !tag || ct === undefined) return null;
  try {
    const decipher = createDecipheriv("aes-256-gcm", key(purpose), Buffer.from(iv, "base64url"));
    decipher.setAAD(aad(purpose, context));
    decipher.setAuthTag(Buffer.from(tag, "base64url"));
    return Buffer.concat([decipher.update(Buffer.from(ct, "base64url")), decipher.final()]).toString("utf8");
  } catch {
    return null;
  }
}
