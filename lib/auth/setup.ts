import "server-only";
import { createHash, randomBytes, timingSafeEqual } from "node:crypto";
import { and, eq, isNull } from "drizzle-orm";
import type { z } from "zod";
import { getDb, type Executor } from "@/db/client";
import { settings, users } from "@/db/schema";
import { audit } from "@/lib/audit/log";
import { hashPassword } from "@/lib/auth/password";
import { setupSchema } from "@/lib/auth/schemas";
import { ConflictError, ValidationError } from "@/lib/platform/errors";

/**
 * First-run setup. No default password exists anywhere: while the database
 * has no active admin, each server start prints a fresh one-time token; the
 * /setup page exchanges it for the first admin account. Only the token's hash
 * is stored, and it is deleted when used.
 */
const KEY = "setup_token_sha256";
const sha256 = (s: string) => createHash("sha256").update(s).digest("hex");

export async function hasActiveAdmin(db: Executor) {
  const rows = await db
    .select({ id: users.id })
    .from(users)
    .where(and(eq(users.role, "admin"), isNull(users.disabledAt)))
    .limit(1);
  return rows.length > 0;
}

/** If setup is needed, store a new token's hash and return the token; otherwise null. */
export async function issueSetupToken(): Promise<string | null> {
  const db = await getDb();
  if (await hasActiveAdmin(db)) {
    await db.delete(settings).where(eq(settings.key, KEY));
    return null;
  }
  const token = randomBytes(24).toString("base64url");
  await db
    .insert(settings)
    .values({ key: KEY, value: sha256(token) })
    .onConflictDoUpdate({ target: settings.key, set: { value: sha256(token), updatedAt: new Date() } });
  return token;
}

export async function setupNeeded() {
  return !(await hasActiveAdmin(await getDb()));
}

export async function completeSetup(input: z.input<typeof setupSchema>, ip: string | null) {
  const data = setupSchema.parse(input);
  const passwordHash = await hashPassword(data.password);
  const db = await getDb();
  return db.transaction(async (tx) => {
    // Lock the token row: two submissions of one token cannot both pass.
    const [row] = await tx.select({ value: settings.value }).from(settings).where(eq(settings.key, KEY)).for("update");
    if (await hasActiveAdmin(tx)) throw new ConflictError("Setup is already complete. Sign in instead.");
    const expected = typeof row?.value === "string" ? Buffer.from(row.value, "hex") : null;
    const given = Buffer.from(sha256(data.token), "hex");
    if (!expected || expected.length !== given.length || !timingSafeEqual(expected, given)) {
      throw new ValidationError("That setup token is not valid. Use the newest one printed in the server log.", {
        token: ["That setup token is not valid. Use the newest one printed in the server log."],
      });
    }
    const [user] = await tx.insert(users).values({ email: data.email, name: data.name, role: "admin", passwordHash }).returning({ id: users.id });
    await tx.delete(settings).where(eq(settings.key, KEY));
    await audit(tx, { actorId: user!.id, action: "setup.first_admin", entityType: "user", entityId: user!.id, ip });
    return { id: user!.id };
  });
}
