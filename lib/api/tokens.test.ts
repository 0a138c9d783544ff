import { createHash } from "node:crypto";
import { eq } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import { getDb } from "@/db/client";
import { apiTokens, auditEvents, users } from "@/db/schema";
import { makeUser } from "@/test/support/factories";
import type { Actor } from "@/lib/auth/permissions";
import { ForbiddenError, UnauthenticatedError, ValidationError } from "@/lib/platform/errors";
import { authenticateBearer, createApiToken, listApiTokens, revokeApiToken } from "./tokens";

let admin: Actor, tech: Actor;
beforeAll(async () => {
  [admin, tech] = await Promise.all([makeUser("admin"), makeUser("technician")]);
});

const create = (over: Partial<{ name: string; userId: string; scopes: string[]; expiresOn: string }> = {}) =>
  createApiToken(admin, { name: "Accounting", userId: tech.id, scopes: ["visits:read"], expiresOn: "", ...over } as never, "10.0.0.1");

describe("API tokens", () => {
  it("are 32 random bytes with the fk_ prefix, stored only as their sha256, and audited", async () => {
    const a = await create();
    const b = await create();
    expect(a.token).toMatch(/^fk_[A-Za-z0-9_-]{43}$/);
    expect(a.token).not.toBe(b.token);
    const db = await getDb();
    const [row] = await db.select().from(apiTokens).where(eq(apiTokens.id, a.id));
    expect(row!.tokenHash).toBe(createHash("sha256").update(a.token).digest("hex"));
    expect(JSON.stringify(row)).not.toContain(a.token);
    expect(row!.tokenPrefix).toBe(a.token.slice(0, 10));
    const audits = await db.select().from(auditEvents).where(eq(auditEvents.entityId, a.id));
    expect(audits.map((x) => x.action)).toEqual(["api_token.create"]);
    expect(JSON.stringify(audits)).not.toContain(a.token);
    const listed = await listApiTokens(admin);
    expect(JSON.stringify(listed)).not.toContain(a.token);
  });

  it("act as their user, with their scopes, re-read on every call", async () => {
    const { token } = await create({ scopes: ["visits:read", "devices:read"] });
    const db = await getDb();
    const caller = await authenticateBearer(db, `Bearer ${token}`);
    expect(caller.actor).toEqual({ id: tech.id, role: "technician", name: tech.name, email: tech.email, customerId: null });
    expect(caller.scopes).toEqual(["visits:read", "devices:read"]);
  });

  it("401 for a missing, malformed, unknown, revoked or expired token and for a disabled user", async () => {
    const db = await getDb();
    for (const header of [null, "", "Basic abc", "Bearer", "Bearer nope", `Bearer fk_${"x".repeat(43)}`]) {
      await expect(authenticateBearer(db, header)).rejects.toBeInstanceOf(UnauthenticatedError);
    }
    const revoked = await create();
    await revokeApiToken(admin, revoked.id, null);
    await expect(authenticateBearer(db, `Bearer ${revoked.token}`)).rejects.toBeInstanceOf(UnauthenticatedError);
    await expect(revokeApiToken(admin, revoked.id, null)).rejects.toThrow(/already revoked/);

    const expiring = await create();
    await db
      .update(apiTokens)
      .set({ expiresAt: new Date(Date.now() - 1000) })
      .where(eq(apiTokens.id, expiring.id));
    await expect(authenticateBearer(db, `Bearer ${expiring.token}`)).rejects.toBeInstanceOf(UnauthenticatedError);

    const someone = await makeUser("technician");
    const theirs = await createApiToken(admin, { name: "x", userId: someone.id, scopes: ["visits:read"], expiresOn: "" }, null);
    await expect(authenticateBearer(db, `Bearer ${theirs.token}`)).resolves.toBeTruthy();
    await db.update(users).set({ disabledAt: new Date() }).where(eq(users.id, someone.id));
    await expect(authenticateBearer(db, `Bearer ${theirs.token}`)).rejects.toBeInstanceOf(UnauthenticatedError);
  });

  it("an expiry date is the end of that day; a past date, no scopes or an unknown user are refused on their fields", async () => {
    const t = await create({ expiresOn: "2099-06-30" });
    const db = await getDb();
    const [row] = await db.select({ expiresAt: apiTokens.expiresAt }).from(apiTokens).where(eq(apiTokens.id, t.id));
    expect(row!.expiresAt!.toISOString()).toBe("2099-07-01T03:59:59.999Z"); // America/New_York, EDT
    await expect(create({ expiresOn: "2001-01-01" })).rejects.toMatchObject({ fieldErrors: { expiresOn: ["Choose a date in the future."] } });
    await expect(create({ scopes: [] })).rejects.toMatchObject({ issues: [expect.objectContaining({ path: ["scopes"] })] });
    await expect(create({ scopes: ["everything"] })).rejects.toThrow();
    await expect(create({ userId: "00000000-0000-4000-8000-000000000000" })).rejects.toBeInstanceOf(ValidationError);
  });

  it("only admins manage tokens", async () => {
    await expect(createApiToken(tech, { name: "mine", userId: tech.id, scopes: ["visits:read"], expiresOn: "" }, null)).rejects.toBeInstanceOf(ForbiddenError);
    await expect(listApiTokens(tech)).rejects.toBeInstanceOf(ForbiddenError);
    await expect(listApiTokens(null)).rejects.toBeInstanceOf(UnauthenticatedError);
  });
});
