import { createHash, randomBytes } from "node:crypto";

/** A fresh bearer secret: 32 random bytes, base64url, with a recognisable prefix (e.g. `fk_`). */
export function newSecretToken(prefix: string): string {
  return prefix + randomBytes(32).toString("base64url");
}

/** What we store instead of a token: its sha256, hex. Tokens are high-entropy, so no salt or slow hash is needed. */
export function tokenHash(token: string): string {
  return createHash("sha256").update(token, "utf8").digest("hex");
}
