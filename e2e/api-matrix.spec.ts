import fs from "node:fs";
import path from "node:path";
import { expect, test, type APIRequestContext } from "@playwright/test";
import { CALLERS, expectedStatus, foreignIds, ROUTE_MATRIX, type Caller, type Ids } from "./support/api-matrix";
import { ROOT } from "./support/server";
import { fixtures, prepareMatrix, sessionContext, type SessionVisitor } from "./support/visitors";

/**
 * Every route handler and /api/v1 operation × every kind of caller
 * (table: e2e/support/api-matrix.ts). A new route file, method or documented
 * operation without a row fails the first test.
 */
function routeFiles(dir = path.join(ROOT, "app")): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const p = path.join(dir, e.name);
    return e.isDirectory() ? routeFiles(p) : e.name === "route.ts" ? [p] : [];
  });
}

/** "app/api/v1/visits/[id]/route.ts" exporting GET and POST -> ["GET /api/v1/visits/{id}", "POST ..."]. */
function handlerKeys(): string[] {
  return routeFiles().flatMap((file) => {
    const rel = path.relative(path.join(ROOT, "app"), path.dirname(file)).split(path.sep);
    const url =
      "/" +
      rel
        .filter((s) => !/^\(.*\)$/.test(s))
        .map((s) => s.replace(/^\[(.*)\]$/, "{$1}"))
        .join("/");
    const src = fs.readFileSync(file, "utf8");
    const methods = new Set<string>();
    for (const m of src.matchAll(/export\s+(?:async\s+)?(?:function|const)\s+(GET|POST|PUT|PATCH|DELETE|HEAD|OPTIONS)\b/g)) methods.add(m[1]!);
    for (const m of src.matchAll(/export\s+const\s+\{([^}]*)\}/g))
      for (const n of m[1]!.split(",")) if (/^(GET|POST|PUT|PATCH|DELETE)$/.test(n.trim())) methods.add(n.trim());
    if (methods.size === 0) throw new Error(`${file} exports no HTTP method the matrix recognises`);
    return [...methods].map((m) => `${m} ${url}`);
  });
}

const ids = (): Ids => {
  const f = fixtures();
  return { A: f.customerA, B: f.customerB };
};

test.beforeAll(async ({ playwright, baseURL }) => {
  await prepareMatrix(playwright, baseURL!);
});

test("every route handler and every documented /api/v1 operation has a matrix row, and every row a handler", async ({ request }) => {
  const doc = (await (await request.get("/api/v1/openapi.json")).json()) as { paths: Record<string, Record<string, unknown>> };
  const documented = Object.entries(doc.paths).flatMap(([p, ops]) => Object.keys(ops).map((m) => `${m.toUpperCase()} ${p}`));
  const handlers = handlerKeys();
  expect(documented.length).toBeGreaterThan(15);
  const all = [...new Set([...handlers, ...documented])];
  expect(
    all.filter((k) => !(k in ROUTE_MATRIX)),
    "handlers/operations without a row in e2e/support/api-matrix.ts",
  ).toEqual([]);
  expect(
    Object.keys(ROUTE_MATRIX).filter((k) => !all.includes(k)),
    "rows for handlers that do not exist",
  ).toEqual([]);
  expect(Object.values(ROUTE_MATRIX).every((probes) => probes.length > 0)).toBe(true);
});

async function contextFor(playwright: Parameters<Parameters<typeof test>[2]>[0]["playwright"], baseURL: string, caller: Caller, api: boolean, n: number) {
  const f = fixtures();
  // A client address of its own per caller, so the per-address limits of one caller never decide another's cell.
  const base = { "X-Forwarded-For": `198.51.100.${10 + n}` };
  // A cookie that no longer counts (signed out, expired) is all these callers have, on /api/v1 too.
  if (caller === "signedOut" || caller === "expired") return sessionContext(playwright, baseURL, caller);
  if (api) {
    const token = caller === "none" ? null : f.tokens[caller];
    return playwright.request.newContext({ baseURL, extraHTTPHeaders: { ...base, ...(token ? { Authorization: `Bearer ${token}` } : {}) } });
  }
  if (caller === "revoked" || caller === "writeOnly")
    return playwright.request.newContext({ baseURL, extraHTTPHeaders: { ...base, Authorization: `Bearer ${f.tokens[caller]}` } });
  return sessionContext(playwright, baseURL, (caller === "none" ? "anon" : caller) as SessionVisitor);
}

test.describe("route handlers and /api/v1 × callers", () => {
  CALLERS.forEach((caller, n) => {
    test(`as ${caller}`, async ({ playwright, baseURL }) => {
      const apiCtx = await contextFor(playwright, baseURL!, caller, true, n);
      const webCtx = await contextFor(playwright, baseURL!, caller, false, n);
      const i = ids();
      const failures: string[] = [];
      const leaks: string[] = [];
      await Promise.all(
        Object.entries(ROUTE_MATRIX).flatMap(([key, probes]) =>
          probes.map(async (probe) => {
            const url = probe.url(i);
            const api = url.startsWith("/api/v1/");
            const ctx: APIRequestContext = api ? apiCtx : webCtx;
            const res = await ctx.fetch(url, {
              method: probe.method,
              headers: {
                "X-Forwarded-For": `198.51.100.${10 + n}`,
                Origin: new URL(baseURL!).origin,
                ...(typeof probe.body === "string" ? { "Content-Type": "application/octet-stream" } : {}),
                ...probe.headers,
              },
              data: probe.body,
              maxRedirects: 0,
            });
            const want = expectedStatus(probe, caller, api);
            const got = res.status();
            const location = res.headers()["location"] ?? "";
            if (probe.location && !probe.location.test(location)) failures.push(`${key} ${url}: redirected to ${location}`);
            const ok = got === want || (want === 307 && [302, 303, 307].includes(got) && location.includes("/signin"));
            if (!ok) failures.push(`${key} ${url}: expected ${want}, got ${got} ${(await res.text()).slice(0, 160)}`);
            if (got === 200) {
              const body = await res.text();
              for (const id of foreignIds(caller, i, !api)) if (body.includes(id)) leaks.push(`${key} ${url} shows ${id}`);
            }
          }),
        ),
      );
      expect(leaks, "records this caller must not see").toEqual([]);
      expect(failures).toEqual([]);
      await apiCtx.dispose();
      await webCtx.dispose();
    });
  });
});
