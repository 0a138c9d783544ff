/**
 * The matrix's visitors as HTTP request contexts (no browser): the saved
 * signed-in states from auth.setup.ts, plus "disabled" (Della, seeded by
 * e2e/seeders/70-matrix.ts, signs in here and is then disabled by the admin)
 * and Adrian, promoted to admin so his seeded API token is an admin token.
 */
import fs from "node:fs";
import path from "node:path";
import { expect, type APIRequestContext, type PlaywrightWorkerArgs } from "@playwright/test";
import { fixtures } from "./matrix-fixtures";
import { PASSWORD } from "./helpers";
import { callAction, describeOutcome, manifestActions } from "./server-actions";
import { TMP } from "./server";
import { storageStatePath, type E2ERole } from "./state";

export { fixtures };

const DISABLED_STATE = path.join(TMP, "state-disabled.json");
const SIGNED_OUT_STATE = path.join(TMP, "state-signed-out.json");
const EXPIRED_STATE = path.join(TMP, "state-expired.json");
const PAST_TECH_STATE = path.join(TMP, "state-past-tech.json");
const PREPARED = path.join(TMP, "matrix-prepared");

/**
 * Session visitors: the signed-in roles, nobody, and sessions that no longer count: a user disabled
 * after signing in, a copy of a cookie whose session was signed out, a session past its lifetime
 * (finding 4); and a technician whose visits with customer A's device ended (finding 6).
 */
export type SessionVisitor = E2ERole | "anon" | "disabled" | "signedOut" | "expired" | "pastTech";
const STATES: Partial<Record<SessionVisitor, string>> = {
  disabled: DISABLED_STATE,
  signedOut: SIGNED_OUT_STATE,
  expired: EXPIRED_STATE,
  pastTech: PAST_TECH_STATE,
};

/** Sign in over HTTP (next-auth's credentials callback); the context keeps the session cookie. */
export async function httpSignIn(ctx: APIRequestContext, email: string, password = PASSWORD, headers: Record<string, string> = {}) {
  const csrf = await ctx.get("/api/auth/csrf", { headers });
  const { csrfToken } = (await csrf.json()) as { csrfToken: string };
  return ctx.post("/api/auth/callback/credentials", {
    form: { email, password, csrfToken, callbackUrl: "/dashboard" },
    headers,
    maxRedirects: 0,
  });
}

export function actionByKey(key: string) {
  const a = manifestActions().find((x) => x.key === key);
  if (!a) throw new Error(`no action ${key} in the build`);
  return a;
}

/** Once per run: Della's state saved then her account disabled; Adrian made an admin. */
export async function prepareMatrix(playwright: PlaywrightWorkerArgs["playwright"], baseURL: string) {
  if (fs.existsSync(PREPARED)) return;
  const f = fixtures();
  const della = await playwright.request.newContext({ baseURL });
  const res = await httpSignIn(della, f.disabledUser.email);
  expect(res.status()).toBe(302);
  await della.storageState({ path: DISABLED_STATE });
  await della.dispose();

  // Her token works while she is active (the matrix then expects 401 for it: users are re-read on every call).
  const token = await playwright.request.newContext({ baseURL, extraHTTPHeaders: { Authorization: `Bearer ${f.tokens.disabled}` } });
  expect((await token.get("/api/v1/visits")).status()).toBe(200);
  await token.dispose();

  // Bea signs in, her cookie is kept, then she signs out: the kept copy must be signed out too.
  const bea = await playwright.request.newContext({ baseURL });
  expect((await httpSignIn(bea, "bea@example.test")).status()).toBe(302);
  expect((await bea.get("/portal", { maxRedirects: 0 })).status()).toBe(200);
  await bea.storageState({ path: SIGNED_OUT_STATE });
  const { csrfToken } = (await (await bea.get("/api/auth/csrf")).json()) as { csrfToken: string };
  expect((await bea.post("/api/auth/signout", { form: { csrfToken, callbackUrl: "/" }, maxRedirects: 0 })).status()).toBe(302);
  await bea.dispose();

  const pat = await playwright.request.newContext({ baseURL });
  expect((await httpSignIn(pat, f.pastTech.email)).status()).toBe(302);
  await pat.storageState({ path: PAST_TECH_STATE });
  await pat.dispose();

  const host = new URL(baseURL).hostname;
  const cookie = { ...f.expiredCookie, domain: host, path: "/", expires: -1, httpOnly: true, secure: false, sameSite: "Lax" as const };
  fs.writeFileSync(EXPIRED_STATE, JSON.stringify({ cookies: [cookie], origins: [] }));

  const admin = await playwright.request.newContext({ baseURL, storageState: storageStatePath("admin") });
  const disabled = await callAction(admin, actionByKey("app/admin/users/actions.ts#disableUserAction"), { userId: f.disabledUser.id });
  expect(describeOutcome(disabled)).toBe("ok");
  const promoted = await callAction(admin, actionByKey("app/admin/users/actions.ts#changeRoleAction"), { userId: f.adrian.id, role: "admin" });
  expect(describeOutcome(promoted)).toBe("ok");
  await admin.dispose();
  fs.writeFileSync(PREPARED, "yes");
}

export async function sessionContext(playwright: PlaywrightWorkerArgs["playwright"], baseURL: string, v: SessionVisitor) {
  const storageState = v === "anon" ? undefined : (STATES[v] ?? storageStatePath(v as E2ERole));
  return playwright.request.newContext({ baseURL, storageState });
}
