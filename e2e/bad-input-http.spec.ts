import fc from "fast-check";
import { expect, test, type APIRequestContext } from "@playwright/test";
import { badString } from "../test/fuzz/arbitraries";
import { fixtures, prepareMatrix } from "./support/visitors";
import { storageStatePath } from "./support/state";

/**
 * The bad-input suite over real HTTP (finding 14). test/fuzz calls route
 * handlers and actions in process, so it never meets the framework's own
 * parsing: the path's percent-decoding, the query string, HEAD. Here the same
 * kinds of input go to the running server (the journey server, started as
 * `npm start` starts it): never a 500, and each refusal is the answer the
 * caller can act on. Before the fix, undecodable path ids, cursors with an
 * impossible time and dates the database cannot store were 500s, and the CSV
 * export started and then cut off.
 */
const NIL = "00000000-0000-4000-8000-000000000000";
const UNDECODABLE = ["%", "%C0%AF", "%ED%A0%80", "%E0%A4%A", "%zz", "abc%"];
const impossibleCursor = Buffer.from(JSON.stringify(["2026-13-45 99:99:99", NIL])).toString("base64url");
const unstorableCursor = Buffer.from(JSON.stringify(["0000-01-01 00:00:00+00", NIL])).toString("base64url");

/** Percent-encode one character as UTF-8; a lone surrogate (which encodeURIComponent refuses) as the three bytes a careless encoder would send. */
function escape3(ch: string): string {
  const c = ch.charCodeAt(0);
  if (ch.length > 1 || c < 0xd800 || c > 0xdfff) return encodeURIComponent(ch);
  return [0xe0 | (c >> 12), 0x80 | ((c >> 6) & 0x3f), 0x80 | (c & 0x3f)].map((b) => `%${b.toString(16).toUpperCase()}`).join("");
}

let api: APIRequestContext;
let web: APIRequestContext;
test.beforeAll(async ({ playwright, baseURL }) => {
  await prepareMatrix(playwright, baseURL!);
  api = await playwright.request.newContext({
    baseURL,
    extraHTTPHeaders: { Authorization: `Bearer ${fixtures().tokens.admin}`, "X-Forwarded-For": "198.51.100.200" },
  });
  web = await playwright.request.newContext({ baseURL, storageState: storageStatePath("admin"), extraHTTPHeaders: { "X-Forwarded-For": "198.51.100.201" } });
});
test.afterAll(async () => {
  await api.dispose();
  await web.dispose();
});

test("a path id that cannot be percent-decoded is a 400 before the router: problem+json on /api/v1, plain text elsewhere", async () => {
  const failures: string[] = [];
  const apiPaths = (id: string) => [`/api/v1/customers/${id}`, `/api/v1/devices/${id}/backups`, `/api/v1/visits/${id}`, `/api/v1/backups/${id}/download`];
  const webPaths = (id: string) => [
    `/admin/visits/${id}`,
    `/admin/customers/${id}`,
    `/tech/devices/${id}`,
    `/portal/visits/${id}`,
    `/api/backups/${id}/download`,
    `/api/calendar/${id}.ics`,
  ];
  for (const id of UNDECODABLE) {
    for (const url of apiPaths(id)) {
      const res = await api.get(url, { maxRedirects: 0 });
      if (res.status() !== 400 || res.headers()["content-type"] !== "application/problem+json")
        failures.push(`${url}: ${res.status()} ${res.headers()["content-type"]}`);
    }
    for (const url of webPaths(id)) {
      const res = await web.get(url, { maxRedirects: 0 });
      if (res.status() !== 400) failures.push(`${url}: ${res.status()}`);
    }
  }
  expect(failures).toEqual([]);
  // Well-formed escapes still reach the app (an id that does not exist: 404).
  expect((await api.get(`/api/v1/customers/${encodeURIComponent("not a uuid")}`)).status()).toBe(404);
});

test("a cursor with an impossible or unstorable time is a 422 on every list; the admin's pages fall back to the first page", async () => {
  for (const list of ["/api/v1/visits", "/api/v1/devices", "/api/v1/customers", "/api/v1/vendor-cases"]) {
    for (const cursor of [impossibleCursor, unstorableCursor]) {
      const res = await api.get(`${list}?cursor=${cursor}`);
      expect(res.status(), list).toBe(422);
      expect(await res.json()).toMatchObject({ errors: [{ in: "query", field: "cursor" }] });
    }
  }
  for (const page of ["/admin/customers", "/admin/vendor-cases"])
    expect((await web.get(`${page}?cursor=${impossibleCursor}`, { maxRedirects: 0 })).status(), page).toBe(200);
});

test("dates the database cannot store, in query filters: a 422 (or, on a page, the page with its message), never a 500; the CSV export refuses before it starts", async () => {
  const api422 = [
    "/api/v1/slots?brands=dahua&devices=1&from=0000-01-01",
    "/api/v1/slots?brands=dahua&devices=1&to=9999-12-31",
    "/api/v1/visits?from=0000-01-01T00:00:00Z",
    "/api/v1/visits?to=9999-12-31T23:59:59Z",
    "/api/v1/reports/success-rates?from=0000-01-01",
    "/api/v1/reports/success-rates?to=9999-12-31",
  ];
  for (const url of api422) expect((await api.get(url)).status(), url).toBe(422);
  for (const url of [
    "/admin/dispatch?date=0000-01-01",
    "/admin/dispatch?view=week&date=9999-12-31",
    "/admin/reports?from=0000-01-01",
    "/admin/reports?to=9999-12-31",
  ]) {
    expect((await web.get(url, { maxRedirects: 0 })).status(), url).toBe(200); // the page itself, not the sign-in page
  }
  const refused = await web.get("/admin/reports/export?table=attempts&from=0000-01-01");
  expect(refused.status()).toBe(400);
  expect(await refused.json()).toMatchObject({ errors: [{ in: "query", field: "from" }] });
  const csv = await web.get("/admin/reports/export?table=attempts&from=2020-01-01");
  expect(csv.status()).toBe(200);
  expect(await csv.text()).toMatch(/\r\n$/); // complete
});

test("HEAD on a download is refused without running it (finding 13)", async () => {
  expect((await web.head(`/api/backups/${NIL}/download`)).status()).toBe(405);
  expect((await api.head(`/api/v1/backups/${NIL}/download`)).status()).toBe(405);
});

test("generated bad input in path segments and query parameters, over HTTP: never a 500", async () => {
  test.setTimeout(120_000);
  const failures: string[] = [];
  let sent = 0;
  await fc.assert(
    fc.asyncProperty(badString(), fc.constantFrom("path", "cursor", "from", "to", "limit", "q", "status", "date"), async (s, where) => {
      // Raw, as a hostile client would put it in the request line (only what an HTTP request line can carry).
      const raw = [...s].map((ch) => (/[\x21-\x7e]/.test(ch) && ch !== "#" && ch !== "?" ? ch : escape3(ch))).join("") || "%";
      const url = where === "path" ? `/api/v1/visits/${raw}` : where === "date" ? `/admin/dispatch?date=${raw}` : `/api/v1/visits?${where}=${raw}`;
      const ctx = where === "date" ? web : api;
      const res = await ctx.get(url, { maxRedirects: 0 });
      sent++;
      if (res.status() >= 500) failures.push(`${url}: ${res.status()} ${(await res.text()).slice(0, 120)}`);
    }),
    { numRuns: 300 },
  );
  expect(sent).toBe(300);
  expect(failures).toEqual([]);
});
