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
const PREPARED = path.join(TMP, "matrix-prepared");

export type SessionVisitor = E2ERole | "anon" | "disabled";

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

  const admin = await playwright.request.newContext({ baseURL, storageState: storageStatePath("admin") });
  const disabled = await callAction(admin, actionByKey("app/admin/users/actions.ts#disableUserAction"), { userId: f.disabledUser.id });
  expect(describeOutcome(disabled)).toBe("ok");
  const promoted = await callAction(admin, actionByKey("app/admin/users/actions.ts#changeRoleAction"), { userId: f.adrian.id, role: "admin" });
  expect(describeOutcome(promoted)).toBe("ok");
  await admin.dispose();
  fs.writeFileSync(PREPARED, "yes");
}

export async function sessionContext(playwright: PlaywrightWorkerArgs["playwright"], baseURL: string, v: SessionVisitor) {
  const storageState = v === "anon" ? undefined : v === "disabled" ? DISABLED_STATE : storageStatePath(v);
  return playwright.request.newContext({ baseURL, storageState });
}
