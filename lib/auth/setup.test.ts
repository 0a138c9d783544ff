import { eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { getDb } from "@/db/client";
import { settings, users } from "@/db/schema";
import { completeSetup, issueSetupToken, setupNeeded } from "./setup";

const PW = "a very good password";

describe("first-admin setup", () => {
  it("needs the newest one-time token, works once, and cannot be replayed", async () => {
    expect(await setupNeeded()).toBe(true);
    const old = await issueSetupToken();
    const token = await issueSetupToken();
    expect(token).toBeTruthy();
    expect(token).not.toBe(old);
    const input = { name: "Ada", email: "ada@example.test", password: PW, confirmPassword: PW };
    await expect(completeSetup({ ...input, token: old! }, null)).rejects.toThrow(/not valid/);
    await expect(completeSetup({ ...input, token: "guess" }, null)).rejects.toThrow(/not valid/);
    const db = await getDb();
    expect(await db.select().from(users)).toHaveLength(0);

    const { id } = await completeSetup({ ...input, token: token! }, null);
    const [admin] = await db.select().from(users).where(eq(users.id, id));
    expect(admin!.role).toBe("admin");
    expect(await setupNeeded()).toBe(false);
    // The token is gone (only its hash was ever stored) and a replay is refused.
    expect(await db.select().from(settings).where(eq(settings.key, "setup_token_sha256"))).toHaveLength(0);
    await expect(completeSetup({ ...input, email: "eve@example.test", token: token! }, null)).rejects.toThrow(/already complete/);
    expect(await issueSetupToken()).toBeNull();
  });
});
