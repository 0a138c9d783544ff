import { describe, expect, it } from "vitest";
import { signUpCustomer, verifyCredentials } from "@/lib/users/manage";
import { RateLimitedError } from "@/lib/platform/errors";
import { getDb } from "@/db/client";
import { checkThrottle, recordFailure, THROTTLE } from "./throttle";

const PW = "correct horse battery";

describe("sign-in throttling (counted in the database)", () => {
  it("locks an account after repeated failures, even with the right password, from any address", async () => {
    await signUpCustomer({ name: "T", email: "t@example.test", password: PW, confirmPassword: PW }, null);
    for (let i = 0; i < THROTTLE.perAccount; i++) {
      expect(await verifyCredentials("t@example.test", "wrong-password-" + i, `10.0.0.${i}`)).toBeNull();
    }
    await expect(verifyCredentials("t@example.test", PW, "10.0.0.99")).rejects.toBeInstanceOf(RateLimitedError);
    await expect(verifyCredentials("t@example.test", PW, "10.0.0.99")).rejects.toThrow(/Try again in 15 minutes/);
  });

  it("limits one address trying many accounts", async () => {
    const db = await getDb();
    for (let i = 0; i < THROTTLE.perIp; i++) await recordFailure(db, `victim${i}@example.test`, "6.6.6.6");
    const state = await checkThrottle(db, "someone-new@example.test", "6.6.6.6");
    expect(state).toMatchObject({ limited: true, scope: "ip" });
    expect(await checkThrottle(db, "someone-new@example.test", "7.7.7.7")).toEqual({ limited: false });
  });

  it("forgets failures outside the window", async () => {
    const db = await getDb();
    for (let i = 0; i < THROTTLE.perAccount; i++) await recordFailure(db, "old@example.test", "8.8.8.8");
    const later = new Date(Date.now() + (THROTTLE.windowMinutes + 1) * 60_000);
    expect(await checkThrottle(db, "old@example.test", "8.8.8.8", later)).toEqual({ limited: false });
  });

  it("clears an account's failures after a successful sign-in", async () => {
    await signUpCustomer({ name: "S", email: "s@example.test", password: PW, confirmPassword: PW }, null);
    for (let i = 0; i < THROTTLE.perAccount - 1; i++) await verifyCredentials("s@example.test", "nope-nope-" + i, "5.5.5.5");
    expect(await verifyCredentials("s@example.test", PW, "5.5.5.5")).not.toBeNull();
    expect(await verifyCredentials("s@example.test", "nope-again", "5.5.5.5")).toBeNull();
    expect(await verifyCredentials("s@example.test", PW, "5.5.5.5")).not.toBeNull();
  });
});
