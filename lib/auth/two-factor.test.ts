import { and, eq } from "drizzle-orm";
import { generate } from "otplib";
import { describe, expect, it } from "vitest";
import { getDb } from "@/db/client";
import { auditEvents, twoFactorRecoveryCodes, userTwoFactor, users } from "@/db/schema";
import { DEFAULT_SETTINGS } from "@/lib/settings/schema";
import { makeUser } from "@/test/support/factories";
import type { Actor } from "./permissions";
import { resolveSession, startSession, type SessionState } from "./sessions";
import { confirmEnrolment, pendingEnrolment, resetTwoFactor, TWO_FACTOR, verifySecondFactor } from "./two-factor";

/** A fresh sign-in (password given) for this person, and its current state. */
async function signIn(user: Actor) {
  const db = await getDb();
  const sid = await startSession(db, user.id);
  const [{ sv }] = (await db.select({ sv: users.sessionVersion }).from(users).where(eq(users.id, user.id))) as [{ sv: number }];
  return { sid, state: () => resolveSession(db, { uid: user.id, sid, sv }, DEFAULT_SETTINGS) };
}

/** Enrol `user` through the real flow; returns the secret and the recovery codes. */
async function enrol(user: Actor) {
  const s = await signIn(user);
  const { secret } = await pendingEnrolment(await s.state());
  const { recoveryCodes } = await confirmEnrolment(await s.state(), { code: await generate({ secret }) }, "203.0.113.5");
  return { secret, recoveryCodes };
}

const stepBack = async (userId: string) => (await getDb()).update(userTwoFactor).set({ lastTimeStep: 0 }).where(eq(userTwoFactor.userId, userId)); // as if the last code was long ago

describe("two-step sign-in for staff (lib/auth/two-factor.ts)", () => {
  it("an admin who has not enrolled is sent to enrolment; the QR code and the first code turn it on, with ten recovery codes", async () => {
    const admin = await makeUser("admin");
    const s = await signIn(admin);
    expect(await s.state()).toMatchObject({ kind: "second-factor", enrolled: false });
    const e = await pendingEnrolment(await s.state());
    expect(e.qrDataUrl).toMatch(/^data:image\/png;base64,/);
    expect(e.uri).toMatch(/^otpauth:\/\/totp\/.*secret=/);
    expect((await pendingEnrolment(await s.state())).secret).toBe(e.secret); // a reload shows the same QR code
    const db = await getDb();
    const [row] = await db.select().from(userTwoFactor).where(eq(userTwoFactor.userId, admin.id));
    expect(row!.secretSealed).not.toContain(e.secret); // stored sealed
    await expect(confirmEnrolment(await s.state(), { code: "000000" === (await generate({ secret: e.secret })) ? "111111" : "000000" }, null)).rejects.toThrow(
      /not right/,
    );
    const { recoveryCodes } = await confirmEnrolment(await s.state(), { code: await generate({ secret: e.secret }) }, "203.0.113.5");
    expect(recoveryCodes).toHaveLength(TWO_FACTOR.recoveryCodes);
    expect(await s.state()).toMatchObject({ kind: "signed-in", actor: { role: "admin" } }); // this session passed
    const stored = await db.select({ h: twoFactorRecoveryCodes.codeHash }).from(twoFactorRecoveryCodes).where(eq(twoFactorRecoveryCodes.userId, admin.id));
    expect(stored.map((r) => r.h).some((h) => recoveryCodes.some((c) => h.includes(c.replace("-", ""))))).toBe(false); // hashed
    // The next sign-in owes a code.
    expect(await (await signIn(admin)).state()).toMatchObject({ kind: "second-factor", enrolled: true });
  });

  it("a wrong code is refused; a right code signs the session in; the same code again (a replay) is refused", async () => {
    const admin = await makeUser("admin");
    const { secret } = await enrol(admin);
    await stepBack(admin.id);
    const a = await signIn(admin);
    const right = await generate({ secret });
    const wrong = right === "123456" ? "654321" : "123456";
    await expect(verifySecondFactor(await a.state(), { code: wrong }, null)).rejects.toThrow(/not right/);
    expect((await a.state()).kind).toBe("second-factor");
    expect(await verifySecondFactor(await a.state(), { code: right }, "203.0.113.6")).toEqual({ how: "app" });
    expect((await a.state()).kind).toBe("signed-in");
    const b = await signIn(admin);
    await expect(verifySecondFactor(await b.state(), { code: right }, null)).rejects.toThrow(/not right/);
    expect((await b.state()).kind).toBe("second-factor");
  });

  it("two requests with one code at the same moment: one passes", async () => {
    const tech = await makeUser("technician");
    const { secret } = await enrol(tech);
    await stepBack(tech.id);
    const [a, b] = [await signIn(tech), await signIn(tech)];
    const code = await generate({ secret });
    const results = await Promise.allSettled([verifySecondFactor(await a.state(), { code }, null), verifySecondFactor(await b.state(), { code }, null)]);
    expect(results.filter((r) => r.status === "fulfilled")).toHaveLength(1);
  });

  it("a recovery code works once", async () => {
    const admin = await makeUser("admin");
    const { recoveryCodes } = await enrol(admin);
    const a = await signIn(admin);
    expect(await verifySecondFactor(await a.state(), { code: recoveryCodes[3]!.toUpperCase() }, null)).toEqual({ how: "recovery_code" });
    const b = await signIn(admin);
    await expect(verifySecondFactor(await b.state(), { code: recoveryCodes[3]! }, null)).rejects.toThrow(/already used/);
    expect(await verifySecondFactor(await b.state(), { code: recoveryCodes[4]!.replace("-", "") }, null)).toEqual({ how: "recovery_code" });
  });

  it("is throttled per person: after five tries in five minutes even the right code waits", async () => {
    const admin = await makeUser("admin");
    const { secret } = await enrol(admin);
    await stepBack(admin.id);
    const a = await signIn(admin);
    const right = await generate({ secret });
    const wrong = right === "123456" ? "654321" : "123456";
    for (let i = 0; i < TWO_FACTOR.attempts.limit - 1; i++)
      await expect(verifySecondFactor(await a.state(), { code: wrong }, null)).rejects.toThrow(/not right/); // + 1 at enrolment
    await expect(verifySecondFactor(await a.state(), { code: right }, null)).rejects.toThrow(/Too many codes tried/);
  });

  it("a lost phone: another admin resets it (audited, sessions end, enrol again); nobody resets their own", async () => {
    const [boss, admin, tech] = await Promise.all([makeUser("admin"), makeUser("admin"), makeUser("technician")]);
    await enrol(admin);
    const before = await signIn(admin);
    await expect(resetTwoFactor(admin, { userId: admin.id }, null)).rejects.toThrow(/Another admin/);
    await expect(resetTwoFactor(tech, { userId: admin.id }, null)).rejects.toThrow();
    expect(await resetTwoFactor(boss, { userId: admin.id }, "203.0.113.7")).toEqual({ reset: true });
    expect((await before.state()).kind).toBe("signed-out");
    expect(await (await signIn(admin)).state()).toMatchObject({ kind: "second-factor", enrolled: false });
    const db = await getDb();
    const [event] = await db
      .select({ actorId: auditEvents.actorId, ip: auditEvents.ip })
      .from(auditEvents)
      .where(and(eq(auditEvents.action, "user.two_factor_reset"), eq(auditEvents.entityId, admin.id)));
    expect(event).toEqual({ actorId: boss.id, ip: "203.0.113.7" });
    await expect(resetTwoFactor(boss, { userId: admin.id }, null)).rejects.toThrow(/does not have two-step sign-in/);
  });

  it("nobody signed out, and nobody already through, uses these steps", async () => {
    const signedOut: SessionState = { kind: "signed-out" };
    await expect(pendingEnrolment(signedOut)).rejects.toThrow(/sign in/i);
    await expect(verifySecondFactor(signedOut, { code: "123456" }, null)).rejects.toThrow(/sign in/i);
    const customer = await makeUser("customer");
    await expect(pendingEnrolment(await (await signIn(customer)).state())).rejects.toThrow(/access/);
  });
});
