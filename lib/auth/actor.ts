import "server-only";
import { eq } from "drizzle-orm";
import { headers } from "next/headers";
import { cache } from "react";
import { getDb } from "@/db/client";
import { users } from "@/db/schema";
import { authSecret } from "@/lib/auth/config";
import { readSessionClaims } from "@/lib/auth/session-token";
import type { Actor } from "@/lib/auth/permissions";
import { clientIpFrom } from "@/lib/platform/request";

/**
 * The signed-in person for this request, re-read from the database: a
 * disabled user, a changed role or a password change (session version bump)
 * takes effect on the very next request. Null when signed out.
 */
export const getActor = cache(async (): Promise<Actor | null> => {
  // The cookie as next-auth's auth() reads it, without its session round trip (lib/auth/session-token.ts).
  const claims = await readSessionClaims(await headers(), await authSecret());
  if (!claims) return null;
  const { uid, sv } = claims;
  const db = await getDb();
  const [row] = await db
    .select({
      id: users.id,
      role: users.role,
      name: users.name,
      email: users.email,
      customerId: users.customerId,
      disabledAt: users.disabledAt,
      sessionVersion: users.sessionVersion,
    })
    .from(users)
    .where(eq(users.id, uid));
  if (!row || row.disabledAt || row.sessionVersion !== sv) return null;
  return { id: row.id, role: row.role, name: row.name, email: row.email, customerId: row.customerId };
});

/** The client address of the current request. */
export async function requestIp(): Promise<string> {
  return clientIpFrom(await headers());
}
