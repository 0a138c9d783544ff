import { and, eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { getDb } from "@/db/client";
import { loginFailures, mailOutbox, passwordResetTokens, users } from "@/db/schema";
import { RateLimitedError, ValidationError } from "@/lib/platform/errors";
import { verifyCredentials } from "@/lib/users/manage";
import { hashPassword } from "@/lib/auth/password";
import { textToSend } from "@/lib/mail/outbox";
import { makeUser } from "@/test/support/factories";
import {
  createPasswordToken,
  INVALID_LINK_MESSAGE,
  inspectPasswordToken,
  RESET,
  RESET_REQUEST_MESSAGE,
  requestPasswordReset,
  resetPassword,
  sha256Hex,
} from "./password-reset";

const PW = "correct horse battery";
const NEW_PW = "a brand new passphrase";
let n = 0;
const ip = () => `10.9.0.${++n}`; // a fresh address per request, so the per-IP limit stays out of the way

async function customer(email: string) {
  const { id } = await makeUser("customer", { email, name: "Reset Me", passwordHash: await hashPassword(PW) });
  return id;
}

/** The raw token from the link in the newest reset mail to `to`, as the mail goes out (the stored text has it masked). */
async function tokenFromMail(to: string) {
  const db = await getDb();
  const mails = await db
    .select()
    .from(mailOutbox)
    .where(and(eq(mailOutbox.toAddress, to), eq(mailOutbox.kind, "auth.password_reset")));
  const last = mails.at(-1)!;
  const m = /reset-password\?token=([\w-]+)/.exec(textToSend(last.id, last.textBody, last.secretSealed)!);
  return { token: m![1]!, count: mails.length };
}

describe("asking for a reset link", () => {
  it("answers the same, in about the same time, whether or not the email has an account; mails only real accounts", async () => {
    await customer("known@example.test");
    const t1 = Date.now();
    const known = await requestPasswordReset({ email: "Known@Example.test" }, ip());
    const d1 = Date.now() - t1;
    const t2 = Date.now();
    const unknown = await requestPasswordReset({ email: "nobody@example.test" }, ip());
    const d2 = Date.now() - t2;
    expect(known).toEqual({ message: RESET_REQUEST_MESSAGE });
    expect(unknown).toEqual(known);
    expect(d1).toBeGreaterThanOrEqual(RESET.minResponseMs - 5);
    expect(d2).toBeGreaterThanOrEqual(RESET.minResponseMs - 5);
    // Both are padded to the same floor; the rest is the machine's noise (a loaded CI box), kept well under the floor.
    expect(Math.abs(d1 - d2)).toBeLessThan(Math.max(150, RESET.minResponseMs));
    const db = await getDb();
    expect(await db.select().from(mailOutbox).where(eq(mailOutbox.toAddress, "nobody@example.test"))).toEqual([]);
    const { token, count } = await tokenFromMail("known@example.test");
    expect(count).toBe(1);
    // Only the hash is stored, with a one-hour expiry.
    const [row] = await db
      .select()
      .from(passwordResetTokens)
      .where(eq(passwordResetTokens.tokenHash, sha256Hex(token)));
    expect(row!.purpose).toBe("reset");
    expect(row!.expiresAt.getTime() - row!.createdAt.getTime()).toBe(RESET.resetTtlMs);
    expect(await db.select().from(passwordResetTokens).where(eq(passwordResetTokens.tokenHash, token))).toEqual([]);
  });

  it("limits requests per email (account or not) and per address, counted in the database", async () => {
    for (let i = 0; i < RESET.perEmail; i++) await requestPasswordReset({ email: "flood@example.test" }, ip(), { minResponseMs: 0 });
    await expect(requestPasswordReset({ email: "flood@example.test" }, ip(), { minResponseMs: 0 })).rejects.toBeInstanceOf(RateLimitedError);
    const one = "10.8.8.8";
    for (let i = 0; i < RESET.perIp; i++) await requestPasswordReset({ email: `spray${i}@example.test` }, one, { minResponseMs: 0 });
    await expect(requestPasswordReset({ email: "spray-last@example.test" }, one, { minResponseMs: 0 })).rejects.toBeInstanceOf(RateLimitedError);
    // An hour later it works again.
    const later = new Date(Date.now() + RESET.windowMs + 60_000);
    await expect(requestPasswordReset({ email: "flood@example.test" }, ip(), { minResponseMs: 0, now: later })).resolves.toEqual({
      message: RESET_REQUEST_MESSAGE,
    });
  });

  it("rejects a malformed email before doing anything", async () => {
    await expect(requestPasswordReset({ email: "not an email" }, ip(), { minResponseMs: 0 })).rejects.toThrow(/valid email/);
  });
});

describe("using the link", () => {
  it("sets the password once, ends old sessions and clears failed sign-ins; the link then stops working", async () => {
    const id = await customer("once@example.test");
    const db = await getDb();
    await db.insert(loginFailures).values({ email: "once@example.test", ip: "1.2.3.4" });
    const [before] = await db.select({ sv: users.sessionVersion }).from(users).where(eq(users.id, id));
    await requestPasswordReset({ email: "once@example.test" }, ip(), { minResponseMs: 0 });
    const { token } = await tokenFromMail("once@example.test");
    expect(await inspectPasswordToken(token)).toEqual({ valid: true, purpose: "reset" });
    expect(await resetPassword({ token, password: NEW_PW, confirmPassword: NEW_PW }, "5.5.5.5")).toEqual({ email: "once@example.test", purpose: "reset" });
    const [after] = await db.select({ sv: users.sessionVersion }).from(users).where(eq(users.id, id));
    expect(after!.sv).toBe(before!.sv + 1);
    expect(await db.select().from(loginFailures).where(eq(loginFailures.email, "once@example.test"))).toEqual([]);
    expect(await verifyCredentials("once@example.test", NEW_PW, "5.5.5.5")).toMatchObject({ id });
    expect(await verifyCredentials("once@example.test", PW, "5.5.5.6")).toBeNull();
    // Single use.
    await expect(resetPassword({ token, password: "yet another passphrase", confirmPassword: "yet another passphrase" }, null)).rejects.toThrow(
      INVALID_LINK_MESSAGE,
    );
    expect(await inspectPasswordToken(token)).toEqual({ valid: false });
  });

  it("works for only one of two simultaneous uses of a link", async () => {
    await customer("twice@example.test");
    await requestPasswordReset({ email: "twice@example.test" }, ip(), { minResponseMs: 0 });
    const { token } = await tokenFromMail("twice@example.test");
    const results = await Promise.allSettled(
      ["first passphrase!", "second passphrase!"].map((p) => resetPassword({ token, password: p, confirmPassword: p }, null)),
    );
    expect(results.filter((r) => r.status === "fulfilled")).toHaveLength(1);
    expect((results.find((r) => r.status === "rejected") as PromiseRejectedResult).reason).toBeInstanceOf(ValidationError);
  });

  it("refuses an expired link, an older link after a newer one was sent, and unknown tokens", async () => {
    await customer("expire@example.test");
    const t0 = new Date();
    await requestPasswordReset({ email: "expire@example.test" }, ip(), { minResponseMs: 0, now: t0 });
    const first = (await tokenFromMail("expire@example.test")).token;
    const late = new Date(t0.getTime() + RESET.resetTtlMs + 1000);
    expect(await inspectPasswordToken(first, late)).toEqual({ valid: false });
    await expect(resetPassword({ token: first, password: NEW_PW, confirmPassword: NEW_PW }, null, late)).rejects.toThrow(INVALID_LINK_MESSAGE);
    await requestPasswordReset({ email: "expire@example.test" }, ip(), { minResponseMs: 0 });
    const second = (await tokenFromMail("expire@example.test")).token;
    expect(second).not.toBe(first);
    await expect(resetPassword({ token: first, password: NEW_PW, confirmPassword: NEW_PW }, null)).rejects.toThrow(INVALID_LINK_MESSAGE);
    await expect(resetPassword({ token: "x".repeat(43), password: NEW_PW, confirmPassword: NEW_PW }, null)).rejects.toThrow(INVALID_LINK_MESSAGE);
    await expect(resetPassword({ token: second, password: "short", confirmPassword: "short" }, null)).rejects.toThrow(/at least 10/);
    expect(await inspectPasswordToken(second)).toEqual({ valid: true, purpose: "reset" });
  });

  it("accepts a 7-day invite for an account without a password, and refuses disabled accounts", async () => {
    const db = await getDb();
    const id = await customer("invitee@example.test");
    await db.update(users).set({ passwordHash: null }).where(eq(users.id, id));
    const { token, url } = await createPasswordToken(db, id, "invite");
    expect(url).toContain(`/reset-password?token=${token}`);
    expect(await inspectPasswordToken(token, new Date(Date.now() + 6 * 24 * 3600_000))).toEqual({ valid: true, purpose: "invite" });
    expect(await resetPassword({ token, password: NEW_PW, confirmPassword: NEW_PW }, null)).toMatchObject({ purpose: "invite" });
    expect(await verifyCredentials("invitee@example.test", NEW_PW, "7.7.7.7")).toMatchObject({ id });

    const disabled = await customer("disabled@example.test");
    const { token: t2 } = await createPasswordToken(db, disabled, "reset");
    await db.update(users).set({ disabledAt: new Date() }).where(eq(users.id, disabled));
    expect(await inspectPasswordToken(t2)).toEqual({ valid: false });
    await expect(resetPassword({ token: t2, password: NEW_PW, confirmPassword: NEW_PW }, null)).rejects.toThrow(INVALID_LINK_MESSAGE);
    await requestPasswordReset({ email: "disabled@example.test" }, ip(), { minResponseMs: 0 });
    expect(await db.select().from(mailOutbox).where(eq(mailOutbox.toAddress, "disabled@example.test"))).toEqual([]);
  });
});
