import { expect, test } from "@playwright/test";
import { PAGE_ROUTES, type Expect, type Visitor } from "./support/routes";
import { fixtures, prepareMatrix, sessionContext, type SessionVisitor } from "./support/visitors";

/**
 * Security headers on every page type of the route matrix (as a visitor who
 * gets the page), on the refusals (sign-in redirect, 403, 404), on API
 * answers and on the embeddable widget; HSTS only behind HTTPS.
 */
test.beforeAll(async ({ playwright, baseURL }) => {
  await prepareMatrix(playwright, baseURL!);
});

const VISITORS: Visitor[] = ["anon", "admin", "tech", "otherTech", "customerA", "customerB", "disabled"];

function checkStatic(h: Record<string, string>, where: string, problems: string[], frameable = false) {
  if (h["x-content-type-options"] !== "nosniff") problems.push(`${where}: X-Content-Type-Options ${h["x-content-type-options"]}`);
  if (h["referrer-policy"] !== "strict-origin-when-cross-origin") problems.push(`${where}: Referrer-Policy ${h["referrer-policy"]}`);
  if (!frameable && h["x-frame-options"] !== "DENY") problems.push(`${where}: X-Frame-Options ${h["x-frame-options"]}`);
  if (h["x-powered-by"]) problems.push(`${where}: X-Powered-By is sent`);
}

function checkPageCsp(h: Record<string, string>, where: string, problems: string[]) {
  const csp = h["content-security-policy"] ?? "";
  const script = /script-src ([^;]*)/.exec(csp)?.[1] ?? "";
  if (!/'nonce-[A-Za-z0-9+/=]{16,}'/.test(script)) problems.push(`${where}: script-src has no nonce (${script})`);
  if (!script.includes("'strict-dynamic'")) problems.push(`${where}: script-src lacks 'strict-dynamic'`);
  if (script.includes("'unsafe-inline'") || script.includes("'unsafe-eval'")) problems.push(`${where}: script-src allows unsafe-*`);
  if (!/frame-ancestors 'none'/.test(csp)) problems.push(`${where}: frame-ancestors is not 'none'`);
  if (!/object-src 'none'/.test(csp) || !/base-uri 'self'/.test(csp)) problems.push(`${where}: object-src/base-uri missing`);
}

test("every page of the route matrix, as a visitor who gets it: CSP with a fresh nonce, no unsafe-inline scripts, frame-ancestors 'none', nosniff, referrer policy, no HSTS over HTTP", async ({
  playwright,
  baseURL,
}) => {
  const problems: string[] = [];
  const nonces = new Set<string>();
  const contexts = new Map<SessionVisitor, Awaited<ReturnType<typeof sessionContext>>>();
  for (const v of VISITORS) contexts.set(v, await sessionContext(playwright, baseURL!, v));
  // /widget is a route handler with a frameable CSP of its own: checked in its own test below.
  const pages = PAGE_ROUTES.filter((r) => r.path !== "/widget");
  let checked = 0;
  await Promise.all(
    pages.map(async (route) => {
      // The visitor who gets the page; for a page nobody may see (another technician's job), its 404.
      const visitor = VISITORS.find((v) => route[v] === "ok") ?? VISITORS.find((v) => route[v] === "notfound");
      if (!visitor) throw new Error(`${route.path}: no visitor gets this page or its 404`);
      const res = await contexts.get(visitor)!.get(route.path, { maxRedirects: 0 });
      const where = `${route.path} as ${visitor}`;
      if (res.status() !== (route[visitor] === "ok" ? 200 : 404)) problems.push(`${where}: status ${res.status()}`);
      const h = res.headers();
      checkStatic(h, where, problems);
      checkPageCsp(h, where, problems);
      if (h["strict-transport-security"]) problems.push(`${where}: HSTS over plain HTTP`);
      nonces.add(/'nonce-([^']+)'/.exec(h["content-security-policy"] ?? "")?.[1] ?? "");
      // The nonce in the header is the one on the page's scripts.
      const html = await res.text();
      const nonce = /'nonce-([^']+)'/.exec(h["content-security-policy"] ?? "")?.[1];
      if (nonce && /<script(?![^>]*nonce=)[^>]*>/.test(html)) problems.push(`${where}: a <script> without the nonce`);
      if (nonce && !html.includes(`nonce="${nonce}"`)) problems.push(`${where}: scripts do not carry the header's nonce`);
      checked++;
    }),
  );
  expect(problems).toEqual([]);
  expect(checked).toBe(pages.length);
  expect(nonces.size, "a fresh nonce per response").toBe(pages.length);
  for (const c of contexts.values()) await c.dispose();
});

test("refusals carry the same headers: the sign-in redirect (no body, so no CSP), the 403 page, the 404 page", async ({ playwright, baseURL }) => {
  const problems: string[] = [];
  const want: Record<Exclude<Expect, "ok">, number[]> = { signin: [302, 303, 307], forbidden: [403], notfound: [404] };
  for (const kind of ["signin", "forbidden", "notfound"] as const) {
    const route = PAGE_ROUTES.find((r) => VISITORS.some((v) => r[v] === kind))!;
    const visitor = VISITORS.find((v) => route[v] === kind)!;
    const ctx = await sessionContext(playwright, baseURL!, visitor);
    const res = await ctx.get(route.path, { maxRedirects: 0 });
    const where = `${route.path} as ${visitor} (${kind})`;
    if (!want[kind].includes(res.status())) problems.push(`${where}: status ${res.status()}`);
    checkStatic(res.headers(), where, problems);
    if (kind !== "signin") checkPageCsp(res.headers(), where, problems);
    await ctx.dispose();
  }
  expect(problems).toEqual([]);
});

test("behind HTTPS (X-Forwarded-Proto: https) pages and API answers carry HSTS", async ({ request }) => {
  const https = { "X-Forwarded-Proto": "https" };
  for (const url of ["/", "/signin", "/book", "/api/health", "/api/v1/openapi.json", "/widget"]) {
    const res = await request.get(url, { headers: https, maxRedirects: 0 });
    expect(res.headers()["strict-transport-security"], url).toMatch(/^max-age=\d{8,}; includeSubDomains$/);
    const plain = await request.get(url, { maxRedirects: 0 });
    expect(plain.headers()["strict-transport-security"], url).toBeUndefined();
  }
  const page = await request.get("/", { headers: https });
  expect(page.headers()["content-security-policy"]).toContain("upgrade-insecure-requests");
});

test("API answers: nosniff, referrer policy, no framing, JSON problem bodies, no caching of data", async ({ playwright, baseURL }) => {
  const problems: string[] = [];
  const token = await playwright.request.newContext({ baseURL, extraHTTPHeaders: { Authorization: `Bearer ${fixtures().tokens.customerA}` } });
  for (const url of ["/api/health", "/api/v1/openapi.json", "/api/v1/visits", `/api/v1/visits/00000000-0000-4000-8000-000000000000`, "/api/docs"]) {
    const res = await token.get(url);
    checkStatic(res.headers(), url, problems);
    if (url.startsWith("/api/v1/visits") && res.status() === 200 && res.headers()["cache-control"] !== "no-store")
      problems.push(`${url}: Cache-Control ${res.headers()["cache-control"]}`);
    if (res.status() === 404 && !res.headers()["content-type"]?.startsWith("application/problem+json")) problems.push(`${url}: 404 is not problem+json`);
  }
  expect(problems).toEqual([]);
  await token.dispose();
});

test("the widget may be framed only by the allowed origins: its own CSP, no X-Frame-Options, no inline scripts", async ({ request }) => {
  const res = await request.get("/widget");
  expect(res.status()).toBe(200);
  const h = res.headers();
  const problems: string[] = [];
  checkStatic(h, "/widget", problems, true);
  expect(problems).toEqual([]);
  expect(h["x-frame-options"]).toBeUndefined();
  const csp = h["content-security-policy"] ?? "";
  expect(csp).toMatch(/frame-ancestors [^;]+/);
  expect(csp).not.toMatch(/frame-ancestors[^;]*\*/);
  expect(/script-src ([^;]*)/.exec(csp)?.[1]).toBe("'self'");
  expect(csp).toContain("default-src 'none'");
});
