import { expect, test } from "@playwright/test";
import { E2E_PORT } from "../playwright.config";
import { PASSWORD } from "./support/helpers";
import { callAction, describeOutcome } from "./support/server-actions";
import { actionByKey, fixtures, prepareMatrix, sessionContext } from "./support/visitors";

/**
 * Sign-in throttling end to end, session cookie flags (plain HTTP and behind
 * an HTTPS proxy), and cross-site requests refused by server actions (Next's
 * origin check) and by the mutating route handler (same-origin check).
 * Session invalidation on disable and role change: foundation.spec.ts, and
 * the "disabled" visitor of the matrix (authz-matrix.spec.ts).
 */
const BASE = `http://localhost:${E2E_PORT}`;

test.beforeAll(async ({ playwright, baseURL }) => {
  await prepareMatrix(playwright, baseURL!);
});

/** Sign in with fetch (no cookie jar): next-auth's credentials callback, as a browser form would post it. */
async function rawSignIn(email: string, password: string, headers: Record<string, string> = {}) {
  const csrf = await fetch(`${BASE}/api/auth/csrf`, { headers });
  const { csrfToken } = (await csrf.json()) as { csrfToken: string };
  const csrfCookie = csrf.headers
    .getSetCookie()
    .map((c) => c.split(";")[0]!)
    .join("; ");
  const res = await fetch(`${BASE}/api/auth/callback/credentials`, {
    method: "POST",
    redirect: "manual",
    headers: { ...headers, Cookie: csrfCookie, "Content-Type": "application/x-www-form-urlencoded" },
    body: new URLSearchParams({ email, password, csrfToken, callbackUrl: "/dashboard" }),
  });
  const session = res.headers.getSetCookie().find((c) => /authjs\.session-token=/.test(c));
  return { res, session };
}

const flags = (cookie: string) =>
  cookie
    .split(";")
    .slice(1)
    .map((s) => s.trim().toLowerCase());

test.describe("session cookie", () => {
  test("over plain HTTP: HttpOnly, SameSite=Lax, not Secure", async () => {
    const { res, session } = await rawSignIn("carla@example.test", PASSWORD, { "X-Forwarded-For": "192.0.2.50" });
    expect(res.status).toBe(302);
    expect(session).toMatch(/^authjs\.session-token=/);
    expect(flags(session!)).toEqual(expect.arrayContaining(["httponly", "samesite=lax", "path=/"]));
    expect(flags(session!)).not.toContain("secure");
  });

  test("behind an HTTPS proxy (X-Forwarded-Proto: https): __Secure- name and Secure, HttpOnly, SameSite=Lax; the cookie works", async () => {
    const https = { "X-Forwarded-Proto": "https", "X-Forwarded-For": "192.0.2.51" };
    const { res, session } = await rawSignIn("carla@example.test", PASSWORD, https);
    expect(res.status).toBe(302);
    expect(res.headers.get("location")).toMatch(/^https:\/\//);
    expect(session).toMatch(/^__Secure-authjs\.session-token=/);
    expect(flags(session!)).toEqual(expect.arrayContaining(["httponly", "secure", "samesite=lax", "path=/"]));
    const me = await fetch(`${BASE}/api/auth/session`, { headers: { ...https, Cookie: session!.split(";")[0]! } });
    expect(((await me.json()) as { user?: { email?: string } }).user?.email).toBe("carla@example.test");
  });
});

test.describe("sessions end on the server (finding 4)", () => {
  /** next-auth's own sign-out endpoint, as the sign-out button's action calls it. */
  async function rawSignOut(sessionCookie: string) {
    const csrf = await fetch(`${BASE}/api/auth/csrf`, { headers: { Cookie: sessionCookie } });
    const { csrfToken } = (await csrf.json()) as { csrfToken: string };
    const csrfCookie = csrf.headers
      .getSetCookie()
      .map((c) => c.split(";")[0]!)
      .join("; ");
    return fetch(`${BASE}/api/auth/signout`, {
      method: "POST",
      redirect: "manual",
      headers: { Cookie: `${csrfCookie}; ${sessionCookie}`, "Content-Type": "application/x-www-form-urlencoded" },
      body: new URLSearchParams({ csrfToken, callbackUrl: "/" }),
    });
  }
  const portal = (cookie: string) => fetch(`${BASE}/portal`, { headers: { Cookie: cookie }, redirect: "manual" });
  const sessionOf = async (cookie: string) =>
    ((await (await fetch(`${BASE}/api/auth/session`, { headers: { Cookie: cookie } })).json()) ?? {}) as { user?: { email?: string } };

  test("signing out ends that session: a copy of its cookie is signed out too; the same person's other session is not", async () => {
    const laptop = (await rawSignIn("carla@example.test", PASSWORD, { "X-Forwarded-For": "192.0.2.60" })).session!.split(";")[0]!;
    const phone = (await rawSignIn("carla@example.test", PASSWORD, { "X-Forwarded-For": "192.0.2.61" })).session!.split(";")[0]!;
    const copy = laptop; // what someone who copied the cookie holds
    expect((await portal(copy)).status).toBe(200);
    expect((await rawSignOut(laptop)).status).toBe(302);
    const after = await portal(copy);
    expect(after.status).toBe(307);
    expect(after.headers.get("location")).toMatch(/\/signin/);
    expect((await sessionOf(copy)).user).toBeUndefined(); // and /api/auth/session does not revive or extend it
    expect((await portal(phone)).status).toBe(200);
    expect((await sessionOf(phone)).user?.email).toBe("carla@example.test");
  });
});

test.describe("sign-in throttling", () => {
  const signInAction = () => actionByKey("app/(auth)/actions.ts#signInAction");
  async function attempt(request: import("@playwright/test").APIRequestContext, email: string, password: string, ip: string) {
    return callAction(request, signInAction(), { email, password }, { headers: { "X-Forwarded-For": ip } });
  }

  test("one address against one account: after 5 wrong passwords that address must wait; the owner signs in from another address (finding 2)", async ({
    playwright,
    baseURL,
  }) => {
    const [email] = fixtures().throttle.emails;
    const ctx = await playwright.request.newContext({ baseURL });
    for (let i = 0; i < 5; i++) {
      const o = await attempt(ctx, email!, "wrong-password-" + i, "192.0.2.10");
      expect(o.kind === "result" && o.result).toMatchObject({ ok: false, status: 401, error: "The email or password is incorrect." });
    }
    const waiting = await attempt(ctx, email!, PASSWORD, "192.0.2.10");
    expect(waiting.kind === "result" && waiting.result).toMatchObject({ ok: false, status: 429 });
    expect(waiting.kind === "result" && waiting.result.error).toMatch(/^Too many failed sign-ins\. Try again in (2\d|30) seconds\.$/);
    // The stranger's failures do not lock the account: its owner, elsewhere, signs in.
    expect(describeOutcome(await attempt(ctx, email!, PASSWORD, "192.0.2.11"))).toMatch(/^redirect:\/dashboard/);
    await ctx.dispose();
  });

  test("per address: 20 failures across different accounts lock that address only", async ({ playwright, baseURL }) => {
    const [, email] = fixtures().throttle.emails;
    const ctx = await playwright.request.newContext({ baseURL });
    const ip = "192.0.2.20";
    for (let i = 0; i < 20; i++) {
      const o = await attempt(ctx, `nobody-${i}@example.test`, "wrong-password", ip);
      expect(describeOutcome(o)).toBe("401");
    }
    // Tim's own right password from that address: refused.
    const locked = await attempt(ctx, email!, PASSWORD, ip);
    expect(locked.kind === "result" && locked.result).toMatchObject({ ok: false, status: 429 });
    // From another address Tim signs in (a successful sign-in answers with a redirect).
    const other = await attempt(ctx, email!, PASSWORD, "192.0.2.21");
    expect(describeOutcome(other)).toMatch(/^redirect:\/dashboard/);
    await ctx.dispose();
  });
});

test.describe("cross-site requests", () => {
  test("a server action posted from another origin is refused with 403 and changes nothing", async ({ playwright, baseURL }) => {
    const f = fixtures();
    const admin = await playwright.request.newContext({ baseURL, extraHTTPHeaders: { Authorization: `Bearer ${f.tokens.admin}` } });
    const visit = async () => (await (await admin.get(`/api/v1/visits/${f.customerA.visitId}`)).json()) as { status: string; startsAt: string };
    const before = await visit();
    expect(before.status).toBe("scheduled");
    const carla = await sessionContext(playwright, baseURL!, "customerA");
    const cancel = actionByKey("app/portal/visits/actions.ts#cancelAction");
    const input = { visitId: f.customerA.visitId, reason: "cross-site" };
    for (const origin of ["https://evil.example", `http://localhost:${E2E_PORT}.evil.example`, "null"]) {
      const o = await callAction(carla, cancel, input, { origin });
      expect(o.kind, `origin ${origin}`).toBe("http");
      expect(o.kind === "http" && o.status).toBe(403); // proxy.ts answers before Next's own check (which would say 500)
    }
    expect(await visit()).toEqual(before);
    // The same request from FieldKey's own origin would be let through (here: a gate-passing, invalid input).
    expect(describeOutcome(await callAction(carla, cancel, { visitId: "not-a-uuid" }))).toBe("422");
    await carla.dispose();
    await admin.dispose();
  });

  test("a backup upload from another site, or without an Origin, is refused and stores nothing", async ({ playwright, baseURL }) => {
    const f = fixtures();
    const admin = await playwright.request.newContext({ baseURL, extraHTTPHeaders: { Authorization: `Bearer ${f.tokens.admin}` } });
    const count = async () => ((await (await admin.get(`/api/v1/devices/${f.customerA.deviceId}/backups`)).json()) as { data: unknown[] }).data.length;
    const before = await count();
    const terry = await sessionContext(playwright, baseURL!, "tech");
    const url = `/api/backups?deviceId=${f.customerA.deviceId}&kind=config`;
    for (const headers of [
      { Origin: "https://evil.example" },
      { Origin: `http://localhost:${E2E_PORT}`, "Sec-Fetch-Site": "cross-site" },
      {} as Record<string, string>,
    ]) {
      const res = await terry.post(url, {
        headers: { ...headers, "Content-Type": "application/octet-stream", "X-Filename": "cfg.bin" },
        data: Buffer.from("config bytes"),
      });
      expect(res.status(), JSON.stringify(headers)).toBe(403);
    }
    expect(await count()).toBe(before);
    await terry.dispose();
    await admin.dispose();
  });
});
