import "server-only";
import { and, desc, eq, isNull, sql } from "drizzle-orm";
import { DateTime } from "luxon";
import { getDb, type Executor } from "@/db/client";
import { apiTokens, users } from "@/db/schema";
import { audit } from "@/lib/audit/log";
import { requirePermission, type Actor } from "@/lib/auth/permissions";
import { NotFoundError, UnauthenticatedError, ValidationError } from "@/lib/platform/errors";
import { newSecretToken, tokenHash } from "@/lib/platform/secret-tokens";
import { getSettings } from "@/lib/settings/company";
import type { ApiScope } from "./scopes";
import { createApiTokenSchema, type CreateApiTokenInput } from "./token-schemas";

export const TOKEN_PREFIX = "fk_";
const DISPLAY_PREFIX_LENGTH = 10;

/** The caller of an API request: the token's user (as the web app knows them) and the token's scopes. */
export type ApiCaller = { actor: Actor; tokenId: string; scopes: ApiScope[] };

/**
 * Create a token for a user. The token itself is returned once and never
 * stored: only its sha256 and a short prefix for recognising it.
 */
export async function createApiToken(actor: Actor | null, input: CreateApiTokenInput, ip: string | null) {
  requirePermission(actor, "api-tokens:manage");
  const data = createApiTokenSchema.parse(input);
  const db = await getDb();
  let expiresAt: Date | null = null;
  if (data.expiresOn) {
    const { timeZone } = await getSettings(db);
    const end = DateTime.fromISO(data.expiresOn, { zone: timeZone }).endOf("day");
    if (!end.isValid) throw new ValidationError("That date is not valid.", { expiresOn: ["That date is not valid."] });
    if (end.toMillis() <= Date.now()) throw new ValidationError("Choose a date in the future.", { expiresOn: ["Choose a date in the future."] });
    expiresAt = end.toJSDate();
  }
  const token = newSecretToken(TOKEN_PREFIX);
  return db.transaction(async (tx) => {
    const [user] = await tx.select({ id: users.id, disabledAt: users.disabledAt }).from(users).where(eq(users.id, data.userId));
    if (!user || user.disabledAt) throw new ValidationError("Choose an active person.", { userId: ["Choose an active person."] });
    const [row] = await tx
      .insert(apiTokens)
      .values({
        name: data.name,
        userId: data.userId,
        tokenPrefix: token.slice(0, DISPLAY_PREFIX_LENGTH),
        tokenHash: tokenHash(token),
        scopes: data.scopes,
        createdBy: actor.id,
        expiresAt,
      })
      .returning({ id: apiTokens.id, tokenPrefix: apiTokens.tokenPrefix });
    await audit(tx, {
      actorId: actor.id,
      action: "api_token.create",
      entityType: "api_token",
      entityId: row!.id,
      details: { name: data.name, userId: data.userId, scopes: data.scopes, expiresAt },
      ip,
    });
    return { id: row!.id, token, tokenPrefix: row!.tokenPrefix };
  });
}

export async function listApiTokens(actor: Actor | null) {
  requirePermission(actor, "api-tokens:manage");
  const db = await getDb();
  return db
    .select({
      id: apiTokens.id,
      name: apiTokens.name,
      tokenPrefix: apiTokens.tokenPrefix,
      scopes: apiTokens.scopes,
      userId: apiTokens.userId,
      userName: users.name,
      userRole: users.role,
      createdAt: apiTokens.createdAt,
      lastUsedAt: apiTokens.lastUsedAt,
      expiresAt: apiTokens.expiresAt,
      expired: sql<boolean>`coalesce(${apiTokens.expiresAt} <= now(), false)`,
      revokedAt: apiTokens.revokedAt,
    })
    .from(apiTokens)
    .innerJoin(users, eq(users.id, apiTokens.userId))
    .orderBy(sql`${apiTokens.revokedAt} IS NOT NULL`, desc(apiTokens.createdAt))
    .limit(500);
}

export async function revokeApiToken(actor: Actor | null, id: string, ip: string | null) {
  requirePermission(actor, "api-tokens:manage");
  const db = await getDb();
  return db.transaction(async (tx) => {
    const [row] = await tx
      .update(apiTokens)
      .set({ revokedAt: sql`now()` })
      .where(and(eq(apiTokens.id, id), isNull(apiTokens.revokedAt)))
      .returning({ id: apiTokens.id, name: apiTokens.name });
    if (!row) throw new NotFoundError("That token does not exist or was already revoked.");
    await audit(tx, { actorId: actor.id, action: "api_token.revoke", entityType: "api_token", entityId: row.id, details: { name: row.name }, ip });
    return row;
  });
}

const INVALID = "This API token is not valid: it is unknown, revoked or expired, or its user is disabled.";

/**
 * `Authorization: Bearer fk_...` -> the caller, re-reading the user on every
 * call (a disabled user, a revoked or expired token: 401).
 */
export async function authenticateBearer(db: Executor, authorization: string | null): Promise<ApiCaller> {
  const match = /^Bearer\s+(\S+)$/i.exec(authorization?.trim() ?? "");
  if (!match) throw new UnauthenticatedError("Send an API token: Authorization: Bearer fk_…");
  const token = match[1]!;
  if (!token.startsWith(TOKEN_PREFIX) || token.length > 100) throw new UnauthenticatedError(INVALID);
  const [row] = await db
    .select({
      tokenId: apiTokens.id,
      scopes: apiTokens.scopes,
      revokedAt: apiTokens.revokedAt,
      expiresAt: apiTokens.expiresAt,
      lastUsedAt: apiTokens.lastUsedAt,
      id: users.id,
      role: users.role,
      name: users.name,
      email: users.email,
      customerId: users.customerId,
      disabledAt: users.disabledAt,
    })
    .from(apiTokens)
    .innerJoin(users, eq(users.id, apiTokens.userId))
    .where(eq(apiTokens.tokenHash, tokenHash(token)));
  const now = Date.now();
  if (!row || row.revokedAt || row.disabledAt || (row.expiresAt && row.expiresAt.getTime() <= now)) throw new UnauthenticatedError(INVALID);
  // Record use at most once a minute per token (not a write on every call).
  if (!row.lastUsedAt || now - row.lastUsedAt.getTime() > 60_000) {
    await db
      .update(apiTokens)
      .set({ lastUsedAt: sql`now()` })
      .where(eq(apiTokens.id, row.tokenId));
  }
  return {
    actor: { id: row.id, role: row.role, name: row.name, email: row.email, customerId: row.customerId },
    tokenId: row.tokenId,
    scopes: row.scopes,
  };
}
