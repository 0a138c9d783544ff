import { describe, expect, it } from "vitest";
import { verifyCredentials } from "@/lib/users/manage";
import { RateLimitedError } from "@/lib/platform/errors";
import { getDb } from "@/db/client";
import { ceilingDelayMs, checkThrottle, pairDelaySeconds, recordFailure, THROTTLE } from "./throttle";
import { makeUser } from "@/test/support/factories";
import { hashPassword } from "@/lib/auth/password";

const PW = "correct horse battery";

describe("sign-in throttling (counted in the database)", () => {
  it("a stranger hammering the admin from many addresses cannot stop the admin signing in, from a known or a new address, after a short delay (finding 2)", async () => {
    const admin = await makeUser("admin", { email: "boss@example.test", passwordHash: await hashPassword(PW) });
    const db = await getDb();
    // 60 wrong passwords from 60 addresses in the window (each of those tries was slowed too: recorded directly here).
    for (let i = 0; i < 60; i++) await recordFailure(db, admin.email, `198.51.100.${i}`);
    expect(await verifyCredentials(admin.email, "one-more-guess", "198.51.100.61")).toBeNull();
    for (const ip of ["203.0.113.200", "198.51.100.7"]) {
      const t0 = Date.now();
      expect(await verifyCredentials(admin.email, PW, ip)).toMatchObject({ id: admin.id });
      const took = Date.now() - t0;
      expect(took).toBeGreaterThanOrEqual(ceilingDelayMs(60) - 50); // slowed…
      expect(took).toBeLessThan(THROTTLE.ceilingMaxDelayMs + 4000); // …but only briefly
    }
  });

  it("one address against one account: five free tries, then each must wait, longer each time; the same password from another address goes through", async () => {
    await makeUser("customer", { email: "t@example.test", passwordHash: await hashPassword(PW) });
    for (let i = 0; i < THROTTLE.pairFree; i++) expect(await verifyCredentials("t@example.test", "wrong-password-" + i, "10.0.0.1")).toBeNull();
    await expect(verifyCredentials("t@example.test", PW, "10.0.0.1")).rejects.toBeInstanceOf(RateLimitedError);
    await expect(verifyCredentials("t@example.test", PW, "10.0.0.1")).rejects.toThrow(/Try again in 30 seconds/);
    expect(await verifyCredentials("t@example.test", PW, "10.0.0.2")).not.toBeNull();
    // After the wait the pair may try once more; a further failure doubles the wait.
    const db = await getDb();
    const later = new Date(Date.now() + 31_000);
    expect(await checkThrottle(db, "t@example.test", "10.0.0.1", later)).toMatchObject({ limited: false });
    expect(pairDelaySeconds(THROTTLE.pairFree)).toBe(30);
    expect(pairDelaySeconds(THROTTLE.pairFree + 1)).toBe(60);
    expect(pairDelaySeconds(THROTTLE.pairFree + 20)).toBe(THROTTLE.pairMaxDelaySeconds);
  });

  it("limits one address trying many accounts (that address only)", async () => {
    const db = await getDb();
    for (let i = 0; i < THROTTLE.perIp; i++) await recordFailure(db, `victim${i}@example.test`, "6.6.6.6");
    const state = await checkThrottle(db, "someone-new@example.test", "6.6.6.6");
    expect(state).toMatchObject({ limited: true, scope: "ip" });
    expect(await checkThrottle(db, "someone-new@example.test", "7.7.7.7")).toEqual({ limited: false, delayMs: 0 });
  });

  it("forgets failures outside the window", async () => {
    const db = await getDb();
    for (let i = 0; i < THROTTLE.accountCeiling; i++) await recordFailure(db, "old@example.test", "8.8.8.8");
    expect(await checkThrottle(db, "old@example.test", "8.8.8.8")).toMatchObject({ limited: true, scope: "pair" });
    const later = new Date(Date.now() + (THROTTLE.windowMinutes + 1) * 60_000);
    expect(await checkThrottle(db, "old@example.test", "8.8.8.8", later)).toEqual({ limited: false, delayMs: 0 });
  });

  it("clears that address's failures against the account after a successful sign-in", async () => {
    await makeUser("customer", { email: "s@example.test", passwordHash: await hashPassword(PW) });
    for (let i = 0; i < THROTTLE.pairFree - 1; i++) await verifyCredentials("s@example.test", "nope-nope-" + i, "5.5.5.5");
    expect(await verifyCredentials("s@example.test", PW, "5.5.5.5")).not.toBeNull();
    expect(await verifyCredentials("s@example.test", "nope-again", "5.5.5.5")).toBeNull();
    expect(await verifyCredentials("s@example.test", PW, "5.5.5.5")).not.toBeNull();
  });
});
