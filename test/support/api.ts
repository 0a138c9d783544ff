/** Test helpers for /api/v1: a token for a user, and calling a route handler like Next does. */
import { sql } from "drizzle-orm";
import { getDb } from "@/db/client";
import { makeUser } from "@/test/support/factories";
import type { Actor } from "@/lib/auth/permissions";
import type { ApiScope } from "@/lib/api/scopes";
import { createApiToken } from "@/lib/api/tokens";
import { CLIENT_IP_HEADER } from "@/lib/platform/client-address";

let admin: Actor | undefined;

export async function tokenFor(user: Actor, scopes: ApiScope[], over: { expiresOn?: string } = {}) {
  return (await tokenRowFor(user, scopes, over)).token;
}

export async function tokenRowFor(user: Actor, scopes: ApiScope[], over: { expiresOn?: string } = {}) {
  admin ??= await makeUser("admin");
  return createApiToken(admin, { name: `test ${user.role}`, userId: user.id, scopes, expiresOn: over.expiresOn ?? "" }, "127.0.0.1");
}

/** Set a rate-limit key's count for this window (and the next, in case the window turns during the test). */
export async function exhaustRateLimit(key: string, count = 600, windowSeconds = 60) {
  const db = await getDb();
  for (const offset of [0, windowSeconds]) {
    await db.execute(
      sql`insert into rate_limit_buckets (key, window_start, count) values (${key}, to_timestamp(floor(extract(epoch from clock_timestamp()) / ${windowSeconds}) * ${windowSeconds} + ${offset}), ${count})
          on conflict (key, window_start) do update set count = excluded.count`,
    );
  }
}

type Handler = (request: Request, context?: { params?: Promise<Record<string, string>> }) => Promise<Response>;

type CallOptions = { token?: string; params?: Record<string, string>; ip?: string; headers?: Record<string, string>; method?: string; body?: unknown };

/** Call `url` through a route handler (GET, or `method` with a JSON `body`), with a bearer token and path params. */
export async function callRoute(handler: Handler, url: string, opts: CallOptions = {}) {
  const headers = new Headers(opts.headers);
  if (opts.token) headers.set("authorization", `Bearer ${opts.token}`);
  // The address FieldKey's server would have put on the request (lib/cli/server.ts): route handlers read only this.
  headers.set(CLIENT_IP_HEADER, opts.ip ?? "203.0.113.7");
  let sent: string | undefined;
  if (opts.body !== undefined) {
    headers.set("content-type", "application/json");
    sent = JSON.stringify(opts.body);
  }
  const init = { method: opts.method ?? (sent === undefined ? "GET" : "POST"), headers, body: sent };
  const res = await handler(new Request(new URL(url, "http://localhost"), init), { params: Promise.resolve(opts.params ?? {}) });
  const type = res.headers.get("content-type") ?? "";
  const body: unknown = type.includes("json") ? await res.json() : Buffer.from(await res.arrayBuffer());
  return { status: res.status, headers: res.headers, body };
}
