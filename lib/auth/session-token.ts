import { LRUCache } from "lru-cache";
import { getToken } from "next-auth/jwt";

/**
 * Reading the session cookie without a round trip through next-auth's session
 * endpoint. `auth()` in a server component builds a Request, runs Auth.js's
 * whole "session" action, decrypts the cookie, re-encrypts a refreshed one
 * (which a server component cannot set anyway) and parses the JSON back: about
 * 1.4 ms of CPU per page on the benchmark machine. The library's own
 * `getToken` decrypts the same cookie with the same key derivation, expiry
 * check and chunked-cookie handling, and nothing else.
 */

/**
 * Whether Auth.js uses the `__Secure-` cookie names for this request, decided
 * as @auth/core decides it: AUTH_URL's (or NEXTAUTH_URL's) protocol when set,
 * else X-Forwarded-Proto (which Next sets on every request), else https.
 */
export function secureSessionCookie(headers: Headers, env: Record<string, string | undefined> = process.env): boolean {
  const envUrl = env.AUTH_URL ?? env.NEXTAUTH_URL;
  if (envUrl) return new URL(envUrl).protocol === "https:";
  const proto = headers.get("x-forwarded-proto") ?? "https";
  return proto.replace(/:$/, "").split(",")[0]!.trim() === "https";
}

/** Who (user id), which version of their sessions, and which sign-in (the sessions row: lib/auth/sessions.ts). */
export type SessionClaims = { uid: string; sv: number; sid: string };

/**
 * The session's user id, session version and session id from the request's
 * cookie, or null when there is none, it does not decrypt with this secret,
 * it has expired, or it lacks a claim. Only the Cookie header is read (as
 * next-auth's own `auth()` does): a bearer header is never a session here.
 */
export async function readSessionClaims(
  headers: Headers,
  secret: string,
  env: Record<string, string | undefined> = process.env,
): Promise<SessionClaims | null> {
  const cookie = headers.get("cookie") ?? "";
  const secureCookie = secureSessionCookie(headers, env);
  const key = `${secureCookie ? "s" : "p"}\n${secret}\n${cookie}`;
  const known = decrypted.get(key);
  if (known && known.until > Date.now()) return known.claims;
  const token = await getToken({ req: { headers: new Headers({ cookie }) }, secret, secureCookie });
  if (!token || typeof token.uid !== "string" || typeof token.sv !== "number" || typeof token.sid !== "string") return null;
  const claims = { uid: token.uid, sv: token.sv, sid: token.sid };
  if (typeof token.exp === "number") decrypted.set(key, { claims, until: token.exp * 1000 });
  return claims;
}

/**
 * Cookies already decrypted, by their exact bytes and the secret: a phone's
 * every request carries the same cookie, and decrypting it (a key derivation,
 * AES and an HMAC) was the largest single cost of an API request. A pure memo
 * of a function of the cookie: nothing another instance needs, bounded, and
 * kept no longer than the cookie itself is valid. Whether the session is
 * still live is read from the database on every request all the same
 * (lib/auth/sessions.ts); only successes are kept.
 */
const decrypted = new LRUCache<string, { claims: SessionClaims; until: number }>({ max: 10_000 });
