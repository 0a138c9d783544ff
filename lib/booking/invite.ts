/**
 * "Email me a link": an invite token for a new customer login. The raw token
 * only ever goes into the emailed link; the database keeps its sha256.
 * Agreed with the password-reset work: the link is /reset-password?token=<raw>,
 * tokens live in password_reset_tokens (token_hash = sha256 hex), invites
 * expire after 7 days (resets after 1 hour).
 */
import { createHash, randomBytes } from "node:crypto";
import type { Executor } from "@/db/client";
import { passwordResetTokens } from "@/db/schema";
import { env } from "@/lib/platform/env";

export const INVITE_DAYS = 7;

export const hashToken = (raw: string) => createHash("sha256").update(raw).digest("hex");

/** Public base URL for links in mail. */
export function appUrl() {
  return (env().APP_URL ?? `http://localhost:${process.env.PORT ?? 3000}`).replace(/\/$/, "");
}

export async function createInviteToken(tx: Executor, userId: string, now = new Date()) {
  const raw = randomBytes(32).toString("base64url");
  await tx.insert(passwordResetTokens).values({
    tokenHash: hashToken(raw),
    userId,
    purpose: "invite",
    expiresAt: new Date(now.getTime() + INVITE_DAYS * 24 * 3600_000),
  });
  return { raw, link: `${appUrl()}/reset-password?token=${raw}` };
}
