/**
 * Bad-input property tests of EVERY /api/v1 operation (the registry's list,
 * each called through its route handler from its contract case's valid
 * request) and of the upload, download, photo and calendar routes outside /api/v1.
 * Path ids, query strings, headers and JSON bodies are changed by fast-check,
 * bodies replaced by non-JSON or sent with the wrong content type. Never a
 * status >= 500; a refused request (>= 400) leaves every table's row count
 * unchanged (except the rate-limit buckets, which count refused requests by design).
 */
import fc from "fast-check";
import { afterAll, beforeAll, beforeEach, describe, expect, it, vi } from "vitest";
import { API_SCOPES } from "@/db/schema";
import { ENDPOINTS } from "@/lib/api/endpoints";
import { tokenFor } from "@/test/support/api";
import { CLIENT_IP_HEADER } from "@/lib/platform/client-address";
import type { Actor } from "@/lib/auth/permissions";
import { badString } from "@/test/fuzz/arbitraries";
import { RowCountWatch } from "@/test/fuzz/row-counts";
import * as calendar from "@/app/api/calendar/[token]/route";
import * as download from "@/app/api/backups/[id]/download/route";
import * as upload from "@/app/api/backups/route";
import * as photoUpload from "@/app/api/photos/route";
import * as photo from "@/app/api/photos/[id]/route";
import * as photoThumb from "@/app/api/photos/[id]/thumb/route";
import { storePhoto } from "@/lib/photos/store";
import { makePng } from "@/test/support/images";
import { makeDevice, makeVisit } from "@/test/support/factories";
import { READ_CASES, type Case, type Handler } from "../contract/cases";
import { makeContractWorld, type ContractWorld } from "../contract/fixtures";
import { WRITE_CASES } from "../contract/write-cases";
import { headerSafe, requests, type Req, type Shape } from "./api-requests";
import { API_MIN_INPUTS } from "./budget";

// The non-v1 routes read the signed-in user from the session: here, a technician or an admin.
const state = vi.hoisted(() => ({ actor: null as Actor | null }));
vi.mock("@/lib/auth/actor", () => ({ getActor: async () => state.actor, requestIp: async () => "203.0.113.60" }));

let w: ContractWorld;
const watch = new RowCountWatch();
let inputs = 0;
const statuses: Record<string, number> = {};
let seq = 0;

beforeAll(async () => {
  w = await makeContractWorld();
  await watch.install();
});
beforeEach(async () => {
  await watch.reset();
});

/** A fresh client address per request, so the per-address limits (60/min, bookings 20/min) do not stop the inputs early. */
const nextIp = () => {
  seq++;
  return `10.${(seq >> 16) & 255}.${(seq >> 8) & 255}.${seq & 255}`;
};

async function send(handler: Handler, method: string, r: Req, token?: string) {
  const headers = new Headers(r.headers);
  headers.set(CLIENT_IP_HEADER, nextIp());
  if (r.auth !== undefined) headers.set("authorization", r.auth);
  else if (token) headers.set("authorization", `Bearer ${token}`);
  const request = new Request(new URL(r.url, "http://localhost"), { method, headers, body: method === "GET" ? undefined : r.body });
  const res = await handler(request, { params: Promise.resolve(r.params ?? {}) });
  await res.arrayBuffer();
  return res.status;
}

/** A route outside /api/v1: its answer, and a refusal must be problem+json like /api/v1's (lib/platform/route-handler.ts). */
async function sendRoute(handler: Handler, method: string, r: Req) {
  const headers = new Headers(r.headers);
  headers.set(CLIENT_IP_HEADER, nextIp());
  const res = await handler(new Request(new URL(r.url, "http://localhost"), { method, headers, body: method === "GET" ? undefined : r.body }), {
    params: Promise.resolve(r.params ?? {}),
  });
  const text = await res.text();
  if (res.status >= 400) {
    expect(res.headers.get("content-type"), `${r.kind} answered ${res.status}`).toBe("application/problem+json");
    expect(JSON.parse(text), r.kind).toMatchObject({ status: res.status, title: expect.any(String), detail: expect.any(String) });
  }
  return { status: res.status, body: (res.headers.get("content-type")?.includes("json") ? JSON.parse(text) : null) as { filename?: string } | null };
}

/** Status < 500; a refusal changes no row count. */
async function check(what: string, r: Req, status: number) {
  inputs++;
  statuses[status] = (statuses[status] ?? 0) + 1;
  expect(status, `${what}: ${r.kind} answered ${status}`).toBeLessThan(500);
  const changed = await watch.changes();
  if (status >= 400) expect(changed, `${what}: ${r.kind} refused (${status}) but changed rows`).toEqual([]);
}

const CASES: Case[] = [...READ_CASES, ...WRITE_CASES];
/** Inputs per operation (computing free slots is the slow one: ~50 ms a call on PGlite). */
const RUNS: Record<string, number> = { default: 220, listSlots: 80 };
/** Per-test timeout: on a busy shared machine one operation's inputs can take tens of seconds. */
const SLOW = 180_000;

it("every documented operation is fuzzed", () => {
  expect(CASES.map((c) => c.op).sort()).toEqual(ENDPOINTS.map((e) => e.operationId).sort());
});

describe("every /api/v1 operation refuses bad input cleanly", () => {
  it.each(CASES.map((c) => [c.op, c] as const))(
    "%s",
    async (op, c) => {
      const spec = ENDPOINTS.find((e) => e.operationId === op)!;
      const shape: Shape = {
        method: spec.method.toUpperCase(),
        url: c.url(w),
        params: c.params?.(w),
        headers: c.headers?.(w),
        body: c.body?.(w),
        queryKeys: spec.query ? Object.keys(spec.query.shape) : [],
        headerKeys: spec.headers ? Object.keys(spec.headers.shape) : [],
      };
      // The case's caller and an admin, each with every scope (public operations: no token).
      // The case's caller and an admin, each with a token holding every scope (public operations: no token).
      const callers = spec.public ? [undefined] : await Promise.all([c.as(w), w.admin].map((a) => tokenFor(a, [...API_SCOPES])));
      await watch.reset();
      await fc.assert(
        fc.asyncProperty(requests(shape), fc.constantFrom(...callers), async (r, token) => {
          await check(op, r, await send(c.handler, shape.method, r, token));
        }),
        { numRuns: RUNS[op] ?? RUNS.default },
      );
    },
    SLOW,
  );
});

describe("routes outside /api/v1", () => {
  it(
    "POST /api/backups (upload): metadata, file name (path traversal), content type and size",
    async () => {
      const valid = { deviceId: w.deviceA, visitId: w.visitA, kind: "config", firmware: "4.0", note: "before reset" };
      const arb = fc.record({
        field: fc.constantFrom("deviceId", "visitId", "kind", "firmware", "note", "none"),
        value: badString(),
        filename: fc.oneof(
          fc.constantFrom(
            "../../../etc/passwd",
            "..%2F..%2Fetc%2Fpasswd",
            "%E0%A4%A",
            "%",
            "C:\\Windows\\win.ini",
            "/abs/path.bin",
            "a\u0000b.bin",
            "",
            "x".repeat(300),
            ".",
            "..",
          ),
          badString(),
        ),
        type: fc.constantFrom("application/octet-stream", "text/html", "", "x/\u00ff"),
        size: fc.constantFrom(0, 1, 64, 4096),
        as: fc.constantFrom(w.tech, w.admin, w.otherTech),
      });
      await fc.assert(
        fc.asyncProperty(arb, async (a) => {
          state.actor = a.as;
          const u = new URL("/api/backups", "http://localhost");
          for (const [k, v] of Object.entries(valid)) u.searchParams.set(k, a.field === k ? a.value : v);
          const headers: Record<string, string> = { origin: "http://localhost", host: "localhost", "x-filename": headerSafe(a.filename) };
          if (a.type) headers["content-type"] = headerSafe(a.type);
          const r: Req = {
            kind: `upload ${a.field} ${JSON.stringify(a.filename).slice(0, 60)} ${a.size} B`,
            url: u.pathname + u.search,
            headers,
            body: new Uint8Array(a.size).fill(7),
          };
          const res = await sendRoute(upload.POST as Handler, "POST", r);
          await check("upload", r, res.status);
          // A stored name is one plain path segment: no directory part, no control characters, no leading dot.
          if (res.status === 201) expect(res.body?.filename, r.kind).toMatch(/^[^./\\\u0000-\u001f][^/\\\u0000-\u001f]*$/);
        }),
        { numRuns: 300 },
      );
    },
    SLOW,
  );

  it(
    "POST /api/photos (device photo): metadata, upload id, file name, and bodies that are not pictures, empty, damaged or valid",
    async () => {
      const png = await makePng(40, 30);
      const valid = { deviceId: w.deviceA, visitId: w.visitA, kind: "label", takenAt: "2026-10-30T09:14:59" };
      const arb = fc.record({
        field: fc.constantFrom("deviceId", "visitId", "kind", "takenAt", "none"),
        value: badString(),
        clientId: fc.oneof(fc.constant(""), fc.uuid(), badString()),
        filename: fc.oneof(fc.constantFrom("../../etc/passwd", "%", "label.svg", "x".repeat(300)), badString()),
        body: fc.constantFrom("png", "svg", "empty", "jpeg-head", "random"),
        as: fc.constantFrom(w.tech, w.admin, w.otherTech, w.custA),
      });
      const bytes = (b: Uint8Array) => new Uint8Array(b);
      const bodies: Record<string, Uint8Array<ArrayBuffer>> = {
        png: bytes(png),
        svg: bytes(Buffer.from('<svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>')),
        empty: new Uint8Array(0),
        "jpeg-head": bytes(Buffer.concat([Buffer.from([0xff, 0xd8, 0xff, 0xe0]), Buffer.alloc(300, 9)])),
        random: new Uint8Array(512).map(() => Math.floor(Math.random() * 256)),
      };
      await fc.assert(
        fc.asyncProperty(arb, async (a) => {
          state.actor = a.as;
          const u = new URL("/api/photos", "http://localhost");
          for (const [k, v] of Object.entries(valid)) u.searchParams.set(k, a.field === k ? a.value : v);
          const headers: Record<string, string> = {
            origin: "http://localhost",
            host: "localhost",
            "x-filename": headerSafe(a.filename),
            "content-type": "image/png",
          };
          if (a.clientId) headers["idempotency-key"] = headerSafe(a.clientId);
          const r: Req = {
            kind: `photo ${a.field} ${a.body} ${JSON.stringify(a.value).slice(0, 40)}`,
            url: u.pathname + u.search,
            headers,
            body: bodies[a.body],
          };
          const res = await sendRoute(photoUpload.POST as Handler, "POST", r);
          await check("photo upload", r, res.status);
          // Only a decodable picture is ever stored, named with the extension of what it is (the phone's name, made safe,
          // before it: no path, no control character, not hidden; "#" is a fine name).
          if (res.status === 201) {
            expect(a.body, r.kind).toBe("png");
            expect(res.body?.filename, r.kind).toMatch(/^[^./\\\u0000-\u001f][^/\\\u0000-\u001f]*\.png$/);
          }
        }),
        { numRuns: 250 },
      );
    },
    SLOW,
  );

  it(
    "GET /api/photos/:id and /api/photos/:id/thumb: any id, any visitor",
    async () => {
      // A device and visit of its own: other cases here assign the world's visits (with deviceA) to other technicians,
      // who then may see deviceA's photos. This one's circle is Carla (custA) and w.tech only.
      const deviceId = await makeDevice(w.custA.customerId!);
      const visitId = await makeVisit({
        customerId: w.custA.customerId!,
        technicianId: w.tech.id,
        startsAt: new Date("2031-02-03T15:00:00Z"),
        deviceIds: [deviceId],
      });
      const stored = await storePhoto(w.tech, { deviceId, visitId, kind: "label" }, await makePng(40, 30));
      await watch.reset();
      await fc.assert(
        fc.asyncProperty(
          fc.oneof(badString(stored.id), fc.uuid(), fc.constant(stored.id), fc.constant(w.backupA.id)),
          fc.constantFrom(w.custA, w.custB, w.otherTech, w.tech, null),
          fc.boolean(),
          async (id, who, thumb) => {
            state.actor = who;
            const r: Req = { kind: `photo ${thumb ? "thumb " : ""}${JSON.stringify(id).slice(0, 60)}`, url: "/api/photos/x", params: { id }, headers: {} };
            const res = await sendRoute((thumb ? photoThumb.GET : photo.GET) as Handler, "GET", r);
            // A full-size view is audited (a row), so only the status is checked here; no one outside the device's circle gets a photo.
            inputs++;
            statuses[res.status] = (statuses[res.status] ?? 0) + 1;
            expect(res.status, r.kind).toBeLessThan(500);
            if (res.status === 200) expect([id.toLowerCase(), [w.custA.id, w.tech.id].includes(who?.id ?? "")], r.kind).toEqual([stored.id, true]);
            await watch.reset();
          },
        ),
        { numRuns: 200 },
      );
    },
    SLOW,
  );

  it(
    "GET /api/backups/:id/download and /api/calendar/:token: any id or token",
    async () => {
      await fc.assert(
        fc.asyncProperty(
          fc.oneof(badString(w.backupA.id), fc.uuid()),
          fc.oneof(
            badString(),
            badString().map((t) => `${t}.ics`),
          ),
          async (id, token) => {
            state.actor = w.custA;
            const r1: Req = { kind: `download ${JSON.stringify(id).slice(0, 60)}`, url: "/api/backups/x/download", params: { id }, headers: {} };
            await check("download", r1, (await sendRoute(download.GET as Handler, "GET", r1)).status);
            const r2: Req = { kind: `calendar ${JSON.stringify(token).slice(0, 60)}`, url: "/api/calendar/x", params: { token }, headers: {} };
            await check("calendar", r2, (await sendRoute(calendar.GET as Handler, "GET", r2)).status);
          },
        ),
        { numRuns: 250 },
      );
    },
    SLOW,
  );
});

const started = performance.now();
afterAll(() => {
  const cpu = process.cpuUsage();
  const took = `${Math.round((performance.now() - started) / 1000)} s wall, ${Math.round((cpu.user + cpu.system) / 1e6)} s CPU in this worker`;
  console.info(`[fuzz] ${took}; API requests: ${inputs} (every table counted ${watch.fullCounts} times); statuses ${JSON.stringify(statuses)}`);
});

it("ran enough inputs (the API's share of the 10,000)", () => {
  expect(inputs).toBeGreaterThanOrEqual(API_MIN_INPUTS);
});
