/**
 * Two-step sign-in for staff: a time-based code (TOTP, RFC 6238: 6 digits,
 * 30 s, with otplib) from an authenticator app, after the password.
 * Required for admins (an admin session without it is not an admin session:
 * lib/auth/sessions.ts), optional for technicians. Enrolment shows a QR code
 * and the secret; the first correct code turns it on and gives ten one-time
 * recovery codes (stored as sha256). A code is accepted once: the time step
 * of the last accepted code is stored and a code of that step or earlier is
 * refused, even by two requests at the same moment (a conditional UPDATE).
 * Attempts are limited per person, counted in the database. A lost phone: a
 * recovery code, or another admin resets the person's two-step sign-in
 * (audited; every session of theirs ends and they enrol again).
 */
import "server-only";
import { createHash, randomBytes } from "node:crypto";
import { and, eq, isNull, lt, or, sql } from "drizzle-orm";
import { generateSecret, generateURI, verify } from "otplib";
import QRCode from "qrcode";
import type { z } from "zod";
import { getDb, type Executor } from "@/db/client";
import { twoFactorRecoveryCodes, userTwoFactor, users } from "@/db/schema";
import { audit } from "@/lib/audit/log";
import { can, requirePermission, type Actor } from "@/lib/auth/permissions";
import { markSecondFactor, type SessionState } from "@/lib/auth/sessions";
import { ForbiddenError, NotFoundError, RateLimitedError, UnauthenticatedError, ValidationError } from "@/lib/platform/errors";
import { hitRateLimit } from "@/lib/platform/rate-limit";
import { openSecret, sealSecret } from "@/lib/platform/secret-box";
import { getSettings } from "@/lib/settings/company";
import { enrolmentCodeSchema, resetTwoFactorSchema, secondFactorSchema } from "./two-factor-schemas";

export const TWO_FACTOR = {
  /** Codes from the step before and after are accepted too (clocks drift). */
  toleranceSeconds: 30,
  recoveryCodes: 10,
  /** Code attempts per person per window, right or wrong. */
  attempts: { limit: 5, windowSeconds: 300 },
} as const;

const WRONG = "That code is not right. Check the time on your phone and try the newest code.";
const sha256 = (s: string) => createHash("sha256").update(s).digest("hex");

/** The person who may enrol now: one owing enrolment after the password (admins), or a signed-in member of staff who has not enrolled. */
function enrollingUser(state: SessionState): Actor {
  if (state.kind === "second-factor" && !state.enrolled) return state.user;
  if (state.kind === "signed-in" && !state.enrolled) {
    requirePermission(state.actor, "two-factor:enrol");
    return state.actor;
  }
  if (state.kind === "signed-out") throw new UnauthenticatedError();
  throw new ForbiddenError("Two-step sign-in is already on for your account. Ask an admin to reset it if you lost your phone.");
}

async function throttle(db: Executor, userId: string) {
  try {
    await hitRateLimit(db, `two-factor:${userId}`, TWO_FACTOR.attempts);
  } catch (err) {
    if (!(err instanceof RateLimitedError)) throw err;
    const minutes = Math.max(1, Math.ceil(err.retryAfterSeconds / 60));
    throw new RateLimitedError(`Too many codes tried. Wait ${minutes} minute${minutes === 1 ? "" : "s"} and try again.`, err.retryAfterSeconds);
  }
}

/** Enrolment in progress: the secret (kept sealed until the first code confirms it), the QR code and the otpauth link. */
export async function pendingEnrolment(state: SessionState) {
  const user = enrollingUser(state);
  const db = await getDb();
  await db
    .insert(userTwoFactor)
    .values({ userId: user.id, secretSealed: sealSecret("totp-secret", user.id, generateSecret()) })
    .onConflictDoNothing();
  const [row] = await db
    .select({ sealed: userTwoFactor.secretSealed, enabledAt: userTwoFactor.enabledAt })
    .from(userTwoFactor)
    .where(eq(userTwoFactor.userId, user.id));
  let secret = row && !row.enabledAt ? openSecret("totp-secret", user.id, row.sealed) : null;
  if (!secret) {
    // Sealed under another AUTH_SECRET (rotated): start over.
    secret = generateSecret();
    await db
      .update(userTwoFactor)
      .set({ secretSealed: sealSecret("totp-secret", user.id, secret), lastTimeStep: null })
      .where(and(eq(userTwoFactor.userId, user.id), isNull(userTwoFactor.enabledAt)));
  }
  const { companyName } = await getSettings(db);
  const uri = generateURI({ issuer: companyName, label: user.email, secret });
  const qrDataUrl = await QRCode.toDataURL(uri, { errorCorrectionLevel: "M", margin: 2, width: 240 });
  return { secret, uri, qrDataUrl, email: user.email };
}

async function checkTotp(secret: string, code: string, lastTimeStep: number | null) {
  const r = await verify({
    secret,
    token: code,
    epochTolerance: TWO_FACTOR.toleranceSeconds,
    ...(lastTimeStep !== null ? { afterTimeStep: lastTimeStep } : {}),
  });
  return r.valid && "timeStep" in r ? r.timeStep : null;
}

/** Claim a time step: only if it is later than the last one accepted (so a code works once, even for two requests at once). */
async function claimTimeStep(db: Executor, userId: string, step: number) {
  const rows = await db
    .update(userTwoFactor)
    .set({ lastTimeStep: step })
    .where(and(eq(userTwoFactor.userId, userId), or(isNull(userTwoFactor.lastTimeStep), lt(userTwoFactor.lastTimeStep, step))))
    .returning({ userId: userTwoFactor.userId });
  return rows.length === 1;
}

function newRecoveryCodes() {
  const alphabet = "abcdefghijklmnopqrstuvwxyz234567";
  return Array.from({ length: TWO_FACTOR.recoveryCodes }, () => {
    const b = randomBytes(10);
    const s = [...b].map((x) => alphabet[x & 31]).join("");
    return `${s.slice(0, 5)}-${s.slice(5)}`;
  });
}

/** The first correct code turns two-step sign-in on for this person and this session; returns the recovery codes, shown once. */
export async function confirmEnrolment(state: SessionState, input: z.input<typeof enrolmentCodeSchema>, ip: string | null) {
  const user = enrollingUser(state);
  const { code } = enrolmentCodeSchema.parse(input);
  const db = await getDb();
  await throttle(db, user.id);
  const [row] = await db
    .select({ sealed: userTwoFactor.secretSealed, enabledAt: userTwoFactor.enabledAt })
    .from(userTwoFactor)
    .where(eq(userTwoFactor.userId, user.id));
  const secret = row && !row.enabledAt ? openSecret("totp-secret", user.id, row.sealed) : null;
  if (!secret) throw new ValidationError("Reload this page to get a fresh QR code, then scan it again.");
  const step = await checkTotp(secret, code, null);
  if (step === null) throw new ValidationError(WRONG, { code: [WRONG] });
  const codes = newRecoveryCodes();
  await db.transaction(async (tx) => {
    const [on] = await tx
      .update(userTwoFactor)
      .set({ enabledAt: sql`now()`, lastTimeStep: step })
      .where(and(eq(userTwoFactor.userId, user.id), isNull(userTwoFactor.enabledAt)))
      .returning({ userId: userTwoFactor.userId });
    if (!on) throw new ValidationError("Two-step sign-in was already turned on.");
    await tx.delete(twoFactorRecoveryCodes).where(eq(twoFactorRecoveryCodes.userId, user.id));
    await tx.insert(twoFactorRecoveryCodes).values(codes.map((c) => ({ userId: user.id, codeHash: sha256(c.replace("-", "")) })));
    if (state.kind !== "signed-out") await markSecondFactor(tx, state.sessionId);
    await audit(tx, { actorId: user.id, action: "user.two_factor_enrol", entityType: "user", entityId: user.id, ip });
  });
  return { recoveryCodes: codes };
}

/**
 * The second step of signing in: a code from the app (once per time step) or
 * an unused recovery code. Success: this session counts as fully signed in.
 */
export async function verifySecondFactor(state: SessionState, input: z.input<typeof secondFactorSchema>, ip: string | null) {
  if (state.kind !== "second-factor") throw state.kind === "signed-out" ? new UnauthenticatedError() : new ForbiddenError("You are already signed in.");
  if (!state.enrolled) throw new ForbiddenError("Set up two-step sign-in first.");
  const { code } = secondFactorSchema.parse(input);
  const user = state.user;
  const db = await getDb();
  await throttle(db, user.id);
  let how: "app" | "recovery_code";
  if (/^\d{6}$/.test(code)) {
    const [row] = await db
      .select({ sealed: userTwoFactor.secretSealed, last: userTwoFactor.lastTimeStep })
      .from(userTwoFactor)
      .where(and(eq(userTwoFactor.userId, user.id), sql`${userTwoFactor.enabledAt} IS NOT NULL`));
    const secret = row ? openSecret("totp-secret", user.id, row.sealed) : null;
    if (!secret) throw new ValidationError("Your authenticator can no longer be checked. Use a recovery code, or ask an admin to reset your two-step sign-in.");
    const step = await checkTotp(secret, code, row!.last);
    if (step === null || !(await claimTimeStep(db, user.id, step))) throw new ValidationError(WRONG, { code: [WRONG] });
    how = "app";
  } else {
    const used = await db
      .update(twoFactorRecoveryCodes)
      .set({ usedAt: sql`now()` })
      .where(
        and(
          eq(twoFactorRecoveryCodes.userId, user.id),
          eq(twoFactorRecoveryCodes.codeHash, sha256(code.replace("-", ""))),
          isNull(twoFactorRecoveryCodes.usedAt),
        ),
      )
      .returning({ id: twoFactorRecoveryCodes.id });
    if (used.length === 0)
      throw new ValidationError("That recovery code is not right, or was already used.", { code: ["That recovery code is not right, or was already used."] });
    how = "recovery_code";
  }
  await db.transaction(async (tx) => {
    await markSecondFactor(tx, state.sessionId);
    await audit(tx, { actorId: user.id, action: "user.two_factor_pass", entityType: "user", entityId: user.id, details: { how }, ip });
  });
  return { how };
}

/** Whether these people have two-step sign-in on (for the admin's user list). */
export async function twoFactorStatus(actor: Actor | null, userIds: string[]) {
  requirePermission(actor, "users:manage");
  if (userIds.length === 0) return new Set<string>();
  const db = await getDb();
  const rows = await db
    .select({ userId: userTwoFactor.userId })
    .from(userTwoFactor)
    .where(and(sql`${userTwoFactor.userId} = ANY(${sql.param(userIds)}::uuid[])`, sql`${userTwoFactor.enabledAt} IS NOT NULL`));
  return new Set(rows.map((r) => r.userId));
}

/**
 * A lost phone: another admin turns the person's two-step sign-in off. Their
 * sessions end (session version bump); an admin enrols again at the next
 * sign-in. Never one's own (that would let a stolen password undo it).
 */
export async function resetTwoFactor(actor: Actor | null, input: z.input<typeof resetTwoFactorSchema>, ip: string | null) {
  requirePermission(actor, "users:manage");
  const { userId } = resetTwoFactorSchema.parse(input);
  if (userId === actor.id) throw new ForbiddenError("Another admin must reset your two-step sign-in.");
  const db = await getDb();
  return db.transaction(async (tx) => {
    const [target] = await tx.select({ id: users.id, role: users.role }).from(users).where(eq(users.id, userId)).for("update");
    if (!target) throw new NotFoundError("That user does not exist.");
    const removed = await tx.delete(userTwoFactor).where(eq(userTwoFactor.userId, userId)).returning({ userId: userTwoFactor.userId });
    if (removed.length === 0) throw new NotFoundError("This person does not have two-step sign-in on.");
    await tx.delete(twoFactorRecoveryCodes).where(eq(twoFactorRecoveryCodes.userId, userId));
    await tx
      .update(users)
      .set({ sessionVersion: sql`${users.sessionVersion} + 1`, updatedAt: new Date() })
      .where(eq(users.id, userId));
    await audit(tx, {
      actorId: actor.id,
      action: "user.two_factor_reset",
      entityType: "user",
      entityId: userId,
      details: { required: can(target, "two-factor:required") },
      ip,
    });
    return { reset: true };
  });
}
