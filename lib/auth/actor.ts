import "server-only";
import { headers } from "next/headers";
import { cache } from "react";
import { getDb } from "@/db/client";
import { authSecret } from "@/lib/auth/config";
import { readSessionClaims } from "@/lib/auth/session-token";
import type { Actor } from "@/lib/auth/permissions";
import { resolveSession, type SessionState } from "@/lib/auth/sessions";
import { clientIpFrom } from "@/lib/platform/request";

/**
 * The session behind this request's cookie, re-read from the database
 * (lib/auth/sessions.ts): signed out, owing the second factor, or signed in.
 */
export const getSessionState = cache(async (): Promise<SessionState> => {
  // The cookie as next-auth's auth() reads it, without its session round trip (lib/auth/session-token.ts).
  const claims = await readSessionClaims(await headers(), await authSecret());
  if (!claims) return { kind: "signed-out" };
  return resolveSession(await getDb(), claims);
});

/**
 * The signed-in person for this request, re-read from the database: a
 * disabled user, a changed role or a password change (session version bump),
 * a sign-out elsewhere of this session, or its maximum lifetime takes effect
 * on the very next request. Null when signed out, and while the second factor
 * is still owed (an admin who has only given a password is not an admin).
 */
export const getActor = cache(async (): Promise<Actor | null> => {
  const state = await getSessionState();
  return state.kind === "signed-in" ? state.actor : null;
});

/** The client address of the current request. */
export async function requestIp(): Promise<string> {
  return clientIpFrom(await headers());
}
