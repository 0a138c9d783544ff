import { beforeAll, describe, expect, it } from "vitest";
import { ENDPOINTS } from "@/lib/api/endpoints";
import { errorStatuses, type EndpointSpec } from "@/lib/api/registry";
import type { ApiScope } from "@/lib/api/scopes";
import { callRoute, exhaustRateLimit, tokenRowFor } from "@/lib/api/testing";
import type { Actor } from "@/lib/auth/permissions";
import * as backupDownload from "./backups/[id]/download/route";
import { makeContractWorld, type ContractWorld } from "./contract-fixtures";
import * as customerSites from "./customers/[id]/sites/route";
import * as customer from "./customers/[id]/route";
import * as customersList from "./customers/route";
import * as deviceBackups from "./devices/[id]/backups/route";
import * as device from "./devices/[id]/route";
import * as devicesList from "./devices/route";
import * as vendorCasesList from "./vendor-cases/route";
import * as visit from "./visits/[id]/route";
import * as visitsList from "./visits/route";

/**
 * Contract tests, one block per operation: success (and the body matches the
 * documented schema), validation failure (422 problem+json with field errors),
 * unauthenticated (401), wrong scope (403), another customer's record (404 or
 * absent from lists), rate limit (429 with Retry-After).
 */
let w: ContractWorld;
beforeAll(async () => {
  w = await makeContractWorld();
});

type Handler = (r: Request, c?: { params?: Promise<Record<string, string>> }) => Promise<Response>;
type Case = {
  op: string;
  handler: Handler;
  /** Who calls for the success case, and what they get. */
  as: (w: ContractWorld) => Actor;
  url: (w: ContractWorld) => string;
  params?: (w: ContractWorld) => Record<string, string>;
  ok: (body: unknown, w: ContractWorld) => void;
  /** Customer A asking for B's record: a 404 (detail) or B's rows absent (list). */
  otherCustomer: { url: (w: ContractWorld) => string; params?: (w: ContractWorld) => Record<string, string>; expect: "404" | ((body: unknown, w: ContractWorld) => void) };
};

const ids = (body: unknown) => (body as { data: { id: string }[] }).data.map((r) => r.id);
const CASES: Case[] = [
  {
    op: "listCustomers",
    handler: customersList.GET,
    as: (w) => w.admin,
    url: () => "/api/v1/customers?limit=100",
    ok: (b, w) => expect(ids(b)).toEqual(expect.arrayContaining([w.custA.customerId, w.custB.customerId])),
    otherCustomer: { url: () => "/api/v1/customers", expect: (b, w) => expect(ids(b)).toEqual([w.custA.customerId]) },
  },
  {
    op: "getCustomer",
    handler: customer.GET,
    as: (w) => w.custA,
    url: (w) => `/api/v1/customers/${w.custA.customerId}`,
    params: (w) => ({ id: w.custA.customerId! }),
    ok: (b, w) => expect(b).toMatchObject({ id: w.custA.customerId, name: w.custA.name }),
    otherCustomer: { url: (w) => `/api/v1/customers/${w.custB.customerId}`, params: (w) => ({ id: w.custB.customerId! }), expect: "404" },
  },
  {
    op: "listCustomerSites",
    handler: customerSites.GET,
    as: (w) => w.custA,
    url: (w) => `/api/v1/customers/${w.custA.customerId}/sites`,
    params: (w) => ({ id: w.custA.customerId! }),
    ok: (b) => expect((b as { data: { city: string }[] }).data[0]).toMatchObject({ city: "Cleveland" }),
    otherCustomer: { url: (w) => `/api/v1/customers/${w.custB.customerId}/sites`, params: (w) => ({ id: w.custB.customerId! }), expect: "404" },
  },
  {
    op: "listDevices",
    handler: devicesList.GET,
    as: (w) => w.tech,
    url: () => "/api/v1/devices",
    ok: (b, w) => expect(ids(b)).toEqual([w.deviceA]),
    otherCustomer: { url: (w) => `/api/v1/devices?customerId=${w.custB.customerId}`, expect: (b) => expect(ids(b)).toEqual([]) },
  },
  {
    op: "getDevice",
    handler: device.GET,
    as: (w) => w.custA,
    url: (w) => `/api/v1/devices/${w.deviceA}`,
    params: (w) => ({ id: w.deviceA }),
    ok: (b, w) => expect(b).toMatchObject({ id: w.deviceA, brand: "dahua" }),
    otherCustomer: { url: (w) => `/api/v1/devices/${w.deviceB}`, params: (w) => ({ id: w.deviceB }), expect: "404" },
  },
  {
    op: "listDeviceBackups",
    handler: deviceBackups.GET,
    as: (w) => w.custA,
    url: (w) => `/api/v1/devices/${w.deviceA}/backups`,
    params: (w) => ({ id: w.deviceA }),
    ok: (b, w) => expect(b).toMatchObject({ data: [{ id: w.backupA.id, version: 1, sha256: w.backupA.sha256 }], nextCursor: null }),
    otherCustomer: { url: (w) => `/api/v1/devices/${w.deviceB}/backups`, params: (w) => ({ id: w.deviceB }), expect: "404" },
  },
  {
    op: "downloadBackup",
    handler: backupDownload.GET,
    as: (w) => w.custA,
    url: (w) => `/api/v1/backups/${w.backupA.id}/download`,
    params: (w) => ({ id: w.backupA.id }),
    ok: (b, w) => expect(Buffer.compare(b as Buffer, w.backupA.bytes)).toBe(0),
    otherCustomer: { url: (w) => `/api/v1/backups/${w.backupB.id}/download`, params: (w) => ({ id: w.backupB.id }), expect: "404" },
  },
  {
    op: "listVisits",
    handler: visitsList.GET,
    as: (w) => w.custA,
    url: () => "/api/v1/visits?from=2030-01-01T00:00:00Z",
    ok: (b, w) => expect(ids(b)).toEqual([w.visitA]),
    otherCustomer: { url: (w) => `/api/v1/visits?customerId=${w.custB.customerId}`, expect: (b) => expect(ids(b)).toEqual([]) },
  },
  {
    op: "getVisit",
    handler: visit.GET,
    as: (w) => w.tech,
    url: (w) => `/api/v1/visits/${w.visitA}`,
    params: (w) => ({ id: w.visitA }),
    ok: (b, w) => expect(b).toMatchObject({ id: w.visitA, technicianId: w.tech.id, devices: [{ deviceId: w.deviceA, brand: "dahua" }] }),
    otherCustomer: { url: (w) => `/api/v1/visits/${w.visitB}`, params: (w) => ({ id: w.visitB }), expect: "404" },
  },
  {
    op: "listVendorCases",
    handler: vendorCasesList.GET,
    as: (w) => w.custA,
    url: () => "/api/v1/vendor-cases?overdue=true",
    ok: (b, w) => expect(b).toMatchObject({ data: [{ id: w.caseA, overdue: true, vendor: "dahua" }] }),
    otherCustomer: { url: () => "/api/v1/vendor-cases", expect: (b, w) => expect(ids(b)).toEqual([w.caseA]) },
  },
];

const spec = (op: string) => ENDPOINTS.find((e) => e.operationId === op)!;
const otherScope = (s: ApiScope): ApiScope => (s === "reports:read" ? "customers:read" : "reports:read");

it("every documented operation has a contract case", () => {
  expect(CASES.map((c) => c.op).sort()).toEqual(ENDPOINTS.map((e) => e.operationId).sort());
});

describe.each(CASES)("$op", (c) => {
  let s: EndpointSpec;
  beforeAll(() => {
    s = spec(c.op);
  });
  const call = async (scopes: ApiScope[] | null, opts: { url?: string; params?: Record<string, string>; as?: Actor } = {}) => {
    const token = scopes ? (await tokenRowFor(opts.as ?? c.as(w), scopes)).token : undefined;
    return callRoute(c.handler, opts.url ?? c.url(w), { token, params: opts.params ?? c.params?.(w) });
  };
  const expectProblem = (res: Awaited<ReturnType<typeof call>>, status: number) => {
    expect(res.status).toBe(status);
    expect(res.headers.get("content-type")).toBe("application/problem+json");
    expect(res.body).toMatchObject({ type: `/api/docs#problem-${status}`, status, title: expect.any(String), detail: expect.any(String) });
    expect(JSON.stringify(res.body)).not.toMatch(/at \w+ \(|node_modules|\.ts:\d+/); // never a stack trace
    expect(errorStatuses(s)).toContain(status);
  };

  it("succeeds with the scope, and the body matches the documented schema", async () => {
    const res = await call([s.scope!]);
    expect(res.status).toBe(s.response.status);
    if (s.response.schema) expect(s.response.schema.safeParse(res.body).success).toBe(true);
    c.ok(res.body, w);
  });

  it("validation failure: 422 with field errors (or, for an id that cannot exist, 404)", async () => {
    if (s.query) {
      const url = new URL(c.url(w), "http://x");
      url.searchParams.set("limit", "1000");
      const res = await call([s.scope!], { url: url.pathname + url.search });
      expectProblem(res, 422);
      expect((res.body as { errors: unknown[] }).errors).toEqual([{ in: "query", field: "limit", detail: "Use at most 100." }]);
    }
    if (s.params) expectProblem(await call([s.scope!], { params: { id: "not-a-uuid" } }), 404);
  });

  it("unauthenticated: 401 with WWW-Authenticate", async () => {
    const res = await call(null);
    expectProblem(res, 401);
    expect(res.headers.get("www-authenticate")).toMatch(/^Bearer/);
  });

  it("wrong scope: 403", async () => {
    expectProblem(await call([otherScope(s.scope!)]), 403);
  });

  it("another customer's record: not visible", async () => {
    const o = c.otherCustomer;
    const res = await call([s.scope!], { url: o.url(w), params: o.params?.(w), as: w.custA });
    if (o.expect === "404") expectProblem(res, 404);
    else {
      expect(res.status).toBe(200);
      o.expect(res.body, w);
    }
  });

  it("rate limit: 429 with Retry-After", async () => {
    const row = await tokenRowFor(c.as(w), [s.scope!]);
    await exhaustRateLimit(`token:${row.id}`);
    const res = await callRoute(c.handler, c.url(w), { token: row.token, params: c.params?.(w) });
    expectProblem(res, 429);
    expect(Number(res.headers.get("retry-after"))).toBeGreaterThan(0);
  });
});
