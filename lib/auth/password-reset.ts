import "server-only";
import { createHash, randomBytes } from "node:crypto";
import { and, count, eq, gt, isNull, sql } from "drizzle-orm";
import type { z } from "zod";
import { getDb, type Executor } from "@/db/client";
import { auditEvents, passwordResetTokens, users } from "@/db/schema";
import { audit } from "@/lib/audit/log";
import { hashPassword } from "@/lib/auth/password";
import { revokeSideDoors } from "@/lib/auth/side-doors";
import { clearAccountFailures } from "@/lib/auth/throttle";
import { env } from "@/lib/platform/env";
import { RateLimitedError, ValidationError } from "@/lib/platform/errors";
import { enqueueMail } from "@/lib/mail/outbox";
import { getSettings } from "@/lib/settings/company";
import { forgotPasswordSchema, resetPasswordSchema } from "./reset-schemas";

/**
 * Forgotten passwords and invitations. A link carries a random token; only
 * its sha256 is stored. Tokens are single-use and expire (reset: 1 h,
 * invite: 7 days). Asking for a link answers the same way, in about the same
 * time, whether or not the email has an account. Requests are rate-limited
 * per email and per client address, counted in the database (audit_events),
 * so every instance agrees.
 */
export const RESET = {
  resetTtlMs: 3600_000,
  inviteTtlMs: 7 * 24 * 3600_000,
  windowMs: 3600_000,
  perEmail: 3,
  perIp: 20,
  /** Every request takes at least this long, account or not. */
  minResponseMs: 400,
} as const;

export const RESET_REQUEST_MESSAGE =
  "If an account uses that email, we have sent it a link to choose a new password. The link works once, for one hour. Check your spam folder if it does not arrive.";
export const INVALID_LINK_MESSAGE = "This link has expired or was already used. Ask for a new one.";

export const sha256Hex = (s: string) => createHash("sha256").update(s).digest("hex");

function appUrl() {
  return env().APP_URL ?? `http://localhost:${process.env.PORT ?? 3000}`;
}

/** Make a token row and return the raw token (for the link). Invites: the booking flow's "email me a link". */
export async function createPasswordToken(tx: Executor, userId: string, purpose: "reset" | "invite", now = new Date()) {
  const raw = randomBytes(32).toString("base64url");
  const ttl = purpose === "reset" ? RESET.resetTtlMs : RESET.inviteTtlMs;
  await tx.insert(passwordResetTokens).values({ tokenHash: sha256Hex(raw), userId, purpose, expiresAt: new Date(now.getTime() + ttl), createdAt: now });
  return { token: raw, url: `${appUrl()}/reset-password?token=${raw}` };
}

async function assertNotFlooding(db: Executor, email: string, ip: string | null, now: Date) {
  const since = new Date(now.getTime() - RESET.windowMs);
  const recent = (where: ReturnType<typeof and>) =>
    db
      .select({ n: count() })
      .from(auditEvents)
      .where(and(eq(auditEvents.entityType, "password_reset_request"), gt(auditEvents.at, since), where))
      .then((r) => r[0]?.n ?? 0);
  const tooMany = (await recent(eq(auditEvents.entityId, email))) >= RESET.perEmail || (ip !== null && (await recent(eq(auditEvents.ip, ip))) >= RESET.perIp);
  if (tooMany) throw new RateLimitedError("Too many reset requests. Please wait an hour and try again, or call us.", Math.ceil(RESET.windowMs / 1000));
}

/** "Forgot password": always the same answer; a link is emailed only to an active account. */
export async function requestPasswordReset(input: z.input<typeof forgotPasswordSchema>, ip: string | null, opts: { now?: Date; minResponseMs?: number } = {}) {
  const started = Date.now();
  const now = opts.now ?? new Date();
  try {
    const { email } = forgotPasswordSchema.parse(input);
    const db = await getDb();
    await assertNotFlooding(db, email, ip, now);
    await db.transaction(async (tx) => {
      const [user] = await tx
        .select({ id: users.id, name: users.name, email: users.email })
        .from(users)
        .where(and(sql`lower(${users.email}) = ${email}`, isNull(users.disabledAt)));
      await audit(tx, {
        actorId: null,
        action: "password_reset.request",
        entityType: "password_reset_request",
        entityId: email,
        details: { account: !!user },
        ip,
      });
      if (!user) return;
      // Only the newest reset link works.
      await tx
        .update(passwordResetTokens)
        .set({ usedAt: now })
        .where(and(eq(passwordResetTokens.userId, user.id), eq(passwordResetTokens.purpose, "reset"), isNull(passwordResetTokens.usedAt)));
      const { url, token } = await createPasswordToken(tx, user.id, "reset", now);
      const s = await getSettings(tx);
      await enqueueMail(tx, {
        kind: "auth.password_reset",
        to: user.email,
        subject: `Choose a new password for ${s.companyName}`,
        text: [
          `Hello ${user.name},`,
          "",
          "Someone (hopefully you) asked to reset the password of your account. Choose a new one here:",
          "",
          url,
          "",
          "The link works once and expires in one hour. If you did not ask for this, ignore this email: your password stays the same.",
          "",
          s.companyName,
        ].join("\n"),
        secret: token, // the outbox shows the link masked; it is put in only when the email is sent
      });
    });
    return { message: RESET_REQUEST_MESSAGE };
  } finally {
    const wait = (opts.minResponseMs ?? RESET.minResponseMs) - (Date.now() - started);
    if (wait > 0) await new Promise((r) => setTimeout(r, wait));
  }
}

/** For the /reset-password page: is this link still good, and is it an invite? */
export async function inspectPasswordToken(token: string | undefined, now = new Date()) {
  if (!token || token.length < 20 || token.length > 200) return { valid: false as const };
  const db = await getDb();
  const [row] = await db
    .select({ purpose: passwordResetTokens.purpose, disabledAt: users.disabledAt })
    .from(passwordResetTokens)
    .innerJoin(users, eq(users.id, passwordResetTokens.userId))
    .where(and(eq(passwordResetTokens.tokenHash, sha256Hex(token)), isNull(passwordResetTokens.usedAt), gt(passwordResetTokens.expiresAt, now)));
  if (!row || row.disabledAt) return { valid: false as const };
  return { valid: true as const, purpose: row.purpose };
}

/**
 * Set a new password with a link's token. The conditional UPDATE that marks
 * the token used is the claim: a token works once, even for two clicks at the
 * same moment. Every session of the account ends (session_version bump), its
 * API tokens and calendar links are revoked, and its failed sign-ins are cleared.
 */
export async function resetPassword(input: z.input<typeof resetPasswordSchema>, ip: string | null, now = new Date()) {
  const data = resetPasswordSchema.parse(input);
  const passwordHash = await hashPassword(data.password);
  const db = await getDb();
  return db.transaction(async (tx) => {
    const [claimed] = await tx
      .update(passwordResetTokens)
      .set({ usedAt: now })
      .where(and(eq(passwordResetTokens.tokenHash, sha256Hex(data.token)), isNull(passwordResetTokens.usedAt), gt(passwordResetTokens.expiresAt, now)))
      .returning({ userId: passwordResetTokens.userId, purpose: passwordResetTokens.purpose });
    if (!claimed) throw new ValidationError(INVALID_LINK_MESSAGE);
    const [user] = await tx
      .update(users)
      .set({ passwordHash, sessionVersion: sql`${users.sessionVersion} + 1`, updatedAt: now })
      .where(and(eq(users.id, claimed.userId), isNull(users.disabledAt)))
      .returning({ id: users.id, email: users.email });
    if (!user) throw new ValidationError(INVALID_LINK_MESSAGE);
    // Any other outstanding link of this account stops working too.
    await tx
      .update(passwordResetTokens)
      .set({ usedAt: now })
      .where(and(eq(passwordResetTokens.userId, user.id), isNull(passwordResetTokens.usedAt)));
    await clearAccountFailures(tx, user.email);
    // The old password's other ways in close too: API tokens and calendar links.
    const revoked = await revokeSideDoors(tx, user.id);
    await audit(tx, {
      actorId: user.id,
      action: claimed.purpose === "invite" ? "user.password_set" : "user.password_reset",
      entityType: "user",
      entityId: user.id,
      details: { revoked },
      ip,
    });
    return { email: user.email, purpose: claimed.purpose };
  });
}
