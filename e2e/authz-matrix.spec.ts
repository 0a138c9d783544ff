import { expect, test, type PlaywrightWorkerArgs } from "@playwright/test";
import { ACTION_MATRIX, ACTION_VISITORS, SCOPED_PROBES, type GateCell } from "./support/action-matrix";
import { PAGE_ROUTES } from "./support/routes";
import { callAction, describeOutcome, manifestActions } from "./support/server-actions";
import { readAccounts, ROLES, type E2ERole } from "./support/state";
import { fixtures, httpSignIn, prepareMatrix, sessionContext, type SessionVisitor } from "./support/visitors";

/**
 * The authorization matrix for server actions (every action in the build ×
 * every kind of session visitor) and for pages as a disabled user. The other
 * visitors' page cells are walked in foundation.spec.ts, API endpoints in
 * api-matrix.spec.ts. Tables: e2e/support/action-matrix.ts, routes.ts.
 */
test.beforeAll(async ({ playwright, baseURL }) => {
  await prepareMatrix(playwright, baseURL!);
});

test("every server action in the build has a matrix row, and every row is an action in the build", () => {
  const built = manifestActions().map((a) => a.key);
  expect(built.length).toBeGreaterThan(40);
  expect(
    built.filter((k) => !(k in ACTION_MATRIX)),
    "actions without a row in e2e/support/action-matrix.ts",
  ).toEqual([]);
  expect(
    Object.keys(ACTION_MATRIX).filter((k) => !built.includes(k)),
    "rows for actions the build does not have",
  ).toEqual([]);
});

/** A fresh session of the visitor's account (the saved states stay live); visitors without a live session keep theirs. */
async function ownSession(playwright: PlaywrightWorkerArgs["playwright"], baseURL: string, visitor: SessionVisitor) {
  const account = (ROLES as readonly string[]).includes(visitor) ? readAccounts()[visitor as E2ERole] : undefined;
  if (!account) return sessionContext(playwright, baseURL, visitor);
  const ctx = await playwright.request.newContext({ baseURL });
  expect((await httpSignIn(ctx, account.email, account.password)).status()).toBe(302);
  return ctx;
}

/** Does an outcome answer a cell? A signed-out POST to a protected area is sent to /signin before the action runs: that is a 401. */
function matches(cell: GateCell, got: string) {
  return got === cell || (cell === "401" && got === "redirect:/signin");
}

test.describe("server actions × visitors (input null: nothing can be written)", () => {
  // signedOut and expired (cookies that no longer count, finding 4) get the disabled column's cells.
  for (const visitor of [...ACTION_VISITORS, "signedOut", "expired"] as const) {
    test(`as ${visitor}`, async ({ playwright, baseURL }) => {
      const ctx = await sessionContext(playwright, baseURL!, visitor);
      const failures: string[] = [];
      const actions = manifestActions();
      await Promise.all(
        actions.map(async (a) => {
          // Sign-out ends the session on the server (finding 4): a copy of the saved state would end the
          // session every later test shares, so it gets a sign-in of its own (an admin's still owes the
          // second factor, which does not matter to signing out).
          const own = a.exportedName === "signOutAction" ? await ownSession(playwright, baseURL!, visitor) : ctx;
          const got = describeOutcome(await callAction(own, a, null));
          if (own !== ctx) await own.dispose();
          const cell = ACTION_MATRIX[a.key]![visitor === "signedOut" || visitor === "expired" ? "disabled" : visitor];
          if (!matches(cell, got)) failures.push(`${a.key} at ${a.path}: expected ${cell}, got ${got}`);
        }),
      );
      expect(failures).toEqual([]);
      // Still signed in (or still refused) afterwards: the calls changed nothing about the session.
      await ctx.dispose();
    });
  }
});

test("data-scoped actions: another customer's or technician's visit, device or site is not found, and stays unchanged", async ({ playwright, baseURL }) => {
  const f = fixtures();
  const target = { ...f.customerA };
  const api = await playwright.request.newContext({ baseURL, extraHTTPHeaders: { Authorization: `Bearer ${f.tokens.admin}` } });
  const snapshot = async () => {
    const visit = await api.get(`/api/v1/visits/${target.visitId}`);
    expect(visit.status()).toBe(200);
    const attempts = await api.get(`/api/v1/visits/${target.visitId}/attempts`);
    const device = await api.get(`/api/v1/devices/${target.deviceId}`);
    const sites = await api.get(`/api/v1/customers/${target.customerId}/sites`);
    return JSON.stringify([await visit.json(), await attempts.json(), await device.json(), await sites.json()]);
  };
  const before = await snapshot();
  const actions = manifestActions();
  const failures: string[] = [];
  for (const probe of SCOPED_PROBES) {
    const a = actions.find((x) => x.key === probe.action)!;
    for (const [visitor, cell] of Object.entries(probe.expect)) {
      const ctx = await sessionContext(playwright, baseURL!, visitor as (typeof ACTION_VISITORS)[number]);
      const got = describeOutcome(await callAction(ctx, a, probe.input(target)));
      if (got !== cell) failures.push(`${probe.action} as ${visitor}: expected ${cell}, got ${got}`);
      await ctx.dispose();
    }
  }
  expect(failures).toEqual([]);
  expect(await snapshot()).toBe(before);
  await api.dispose();
});

// A cookie that no longer counts is signed out, whatever made it so: a disabled user, a copy of a cookie
// whose session was signed out, a session past its lifetime (finding 4). All three walk the disabled column.
for (const visitor of ["disabled", "signedOut", "expired"] as const) {
  test(`pages as ${visitor === "disabled" ? "a disabled user" : visitor === "signedOut" ? "a signed-out session's cookie" : "an expired session"}: protected pages send them to sign in, public pages work`, async ({
    playwright,
    baseURL,
  }) => {
    const ctx = await sessionContext(playwright, baseURL!, visitor);
    const failures: string[] = [];
    await Promise.all(
      PAGE_ROUTES.map(async (route) => {
        const res = await ctx.get(route.path, { maxRedirects: 0 });
        const location = res.headers()["location"] ?? "";
        const got =
          res.status() === 200 ? "ok" : res.status() >= 300 && res.status() < 400 && location.includes("/signin") ? "signin" : `status ${res.status()}`;
        if (got !== route.disabled) failures.push(`${route.path}: expected ${route.disabled}, got ${got}`);
      }),
    );
    expect(failures).toEqual([]);
    await ctx.dispose();
  });
}
