/** HTTP helpers for the proof benchmark: a real credentials sign-in, and an authenticated page check. Loopback only. */
import autocannon from "autocannon";
import { summarize, type LatencySummary } from "./stats";

/** Cookie header value from Set-Cookie headers (name=value pairs only). */
export function cookieHeader(setCookies: string[], keep: (name: string) => boolean = () => true): string {
  return setCookies
    .map((c) => c.split(";")[0]!.trim())
    .filter((pair) => pair.includes("=") && keep(pair.slice(0, pair.indexOf("="))))
    .join("; ");
}

/**
 * Sign in the way a browser does through next-auth's own endpoints: GET the
 * CSRF token (and its cookie), POST the credentials form to the credentials
 * callback, keep the session cookie it sets. Returns the Cookie header.
 */
export async function signIn(base: string, email: string, password: string): Promise<string> {
  const csrf = await fetch(`${base}/api/auth/csrf`);
  const { csrfToken } = (await csrf.json()) as { csrfToken: string };
  const csrfCookie = cookieHeader(csrf.headers.getSetCookie());
  const res = await fetch(`${base}/api/auth/callback/credentials`, {
    method: "POST",
    redirect: "manual",
    headers: { "content-type": "application/x-www-form-urlencoded", cookie: csrfCookie },
    body: new URLSearchParams({ csrfToken, email, password, callbackUrl: `${base}/tech` }),
  });
  await res.arrayBuffer();
  const session = cookieHeader(res.headers.getSetCookie(), (n) => n.includes("session-token"));
  if (!session) throw new Error(`sign-in as ${email} set no session cookie (status ${res.status}, location ${res.headers.get("location")})`);
  return session;
}

/** GET a page; returns status, final location (no redirects followed) and the HTML. */
export async function getPage(url: string, cookie?: string) {
  const res = await fetch(url, { redirect: "manual", headers: cookie ? { cookie } : {} });
  return { status: res.status, location: res.headers.get("location"), html: await res.text() };
}

export type LoadResult = LatencySummary & { rps: number; statuses: Record<string, number>; errors: number; timeouts: number; seconds: number };

/** autocannon with N connections for `seconds`; latencies of every response are kept so p95 is exact (autocannon itself reports p97.5, not p95). */
export async function load(url: string, opts: { connections: number; seconds: number; cookie?: string }): Promise<LoadResult> {
  const latencies: number[] = [];
  const statuses: Record<string, number> = {};
  const inst = autocannon({ url, connections: opts.connections, duration: opts.seconds, timeout: 30, headers: opts.cookie ? { cookie: opts.cookie } : {} });
  inst.on("response", (_client: unknown, status: number, _bytes: number, ms: number) => {
    latencies.push(ms);
    statuses[status] = (statuses[status] ?? 0) + 1;
  });
  const r = await inst;
  const seconds = r.duration || opts.seconds;
  return { ...summarize(latencies), rps: latencies.length / seconds, statuses, errors: r.errors, timeouts: r.timeouts, seconds };
}
