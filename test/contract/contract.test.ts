import { beforeAll, describe, expect, it } from "vitest";
import { ENDPOINTS } from "@/lib/api/endpoints";
import { errorStatuses } from "@/lib/api/registry";
import type { ApiScope } from "@/lib/api/scopes";
import { callRoute, exhaustRateLimit, tokenRowFor } from "@/test/support/api";
import type { Actor } from "@/lib/auth/permissions";
import { READ_CASES, type Case } from "./cases";
import { makeContractWorld, type ContractWorld } from "./fixtures";
import { WRITE_CASES } from "./write-cases";

/**
 * Contract tests, one block per operation: success (and the body matches the
 * documented schema), validation failure (422 problem+json with field errors),
 * unauthenticated (401), wrong scope (403), another customer's record (404 or
 * absent from lists), rate limit (429 with Retry-After). Public operations have
 * no token, so no 401/403 and no other customer: their limit is per client address.
 */
let w: ContractWorld;
beforeAll(async () => {
  w = await makeContractWorld();
});

const CASES: Case[] = [...READ_CASES, ...WRITE_CASES];
const spec = (op: string) => ENDPOINTS.find((e) => e.operationId === op)!;
const otherScope = (s: ApiScope): ApiScope => (s === "reports:read" ? "customers:read" : "reports:read");

it("every documented operation has a contract case", () => {
  expect(CASES.map((c) => c.op).sort()).toEqual(ENDPOINTS.map((e) => e.operationId).sort());
});

describe.each(CASES.map((c, i) => ({ ...c, ip: `198.18.0.${i + 1}` })))("$op", (c) => {
  const s = spec(c.op);
  type CallOpts = { url?: string; params?: Record<string, string>; as?: Actor; body?: unknown; headers?: Record<string, string> };
  const call = async (scopes: ApiScope[] | null, opts: CallOpts = {}) => {
    const token = scopes && !s.public ? (await tokenRowFor(opts.as ?? c.as(w), scopes)).token : undefined;
    const body = "body" in opts ? opts.body : c.body?.(w);
    return callRoute(c.handler, opts.url ?? c.url(w), {
      token,
      params: opts.params ?? c.params?.(w),
      method: s.method.toUpperCase(),
      body,
      headers: opts.headers ?? c.headers?.(w),
      ip: c.ip,
    });
  };
  const expectProblem = (res: Awaited<ReturnType<typeof call>>, status: number) => {
    expect(res.status).toBe(status);
    expect(res.headers.get("content-type")).toBe("application/problem+json");
    expect(res.body).toMatchObject({ type: `/api/docs#problem-${status}`, status, title: expect.any(String), detail: expect.any(String) });
    expect(JSON.stringify(res.body)).not.toMatch(/at \w+ \(|node_modules|\.ts:\d+/); // never a stack trace
    expect(errorStatuses(s)).toContain(status);
  };
  const scopes = s.scope ? [s.scope, ...(s.readScope ? [s.readScope] : [])] : null;

  it("succeeds (with the scope), and the body matches the documented schema", async () => {
    const res = await call(scopes);
    expect(res.body).not.toHaveProperty("errors");
    expect(res.status).toBe(s.response.status);
    if (s.response.schema) expect(s.response.schema.safeParse(res.body).success).toBe(true);
    await c.ok(res.body, w);
  });

  it("validation failure: 422 with field errors (or, for an id that cannot exist, 404)", async () => {
    const bad = c.invalid;
    if (bad) {
      const res = await call(scopes, { url: bad.url?.(w), params: bad.params?.(w), ...(bad.body ? { body: bad.body(w) } : {}), headers: bad.headers?.(w) });
      expectProblem(res, 422);
      expect((res.body as { errors: unknown[] }).errors).toEqual(bad.errors);
    } else if (s.query) {
      const url = new URL(c.url(w), "http://x");
      url.searchParams.set("limit", "1000");
      const res = await call(scopes, { url: url.pathname + url.search });
      expectProblem(res, 422);
      expect((res.body as { errors: unknown[] }).errors).toEqual([{ in: "query", field: "limit", detail: "Use at most 100." }]);
    }
    expect(bad || s.query || s.params).toBeTruthy(); // every operation with input checks something here
    if (s.params) expectProblem(await call(scopes, { params: { id: "not-a-uuid" } }), 404);
  });

  if (!s.public) {
    it("unauthenticated: 401 with WWW-Authenticate", async () => {
      const res = await call(null);
      expectProblem(res, 401);
      expect(res.headers.get("www-authenticate")).toMatch(/^Bearer/);
    });

    it("wrong scope: 403", async () => {
      expectProblem(await call([otherScope(s.scope!)]), 403);
    });

    if (s.readScope) {
      it(`the write scope alone, without ${s.readScope} for what the answer contains: 403 (finding 11)`, async () => {
        const res = await call([s.scope!]);
        expectProblem(res, 403);
        expect((res.body as { detail: string }).detail).toContain(s.readScope!);
      });
    }
  }

  const o = c.otherCustomer;
  if (o) {
    it("another customer's record: not visible", async () => {
      const res = await call(scopes, { url: o.url(w), params: o.params?.(w), as: o.as?.(w) ?? w.custA, ...(o.body ? { body: o.body(w) } : {}) });
      if (o.expect === "404") expectProblem(res, 404);
      else {
        expect(res.status).toBe(o.status ?? 200);
        o.expect(res.body, w);
      }
    });
  }

  it("rate limit: 429 with Retry-After", async () => {
    let token: string | undefined;
    if (s.public) await exhaustRateLimit(`ip:${c.ip}`);
    else {
      const row = await tokenRowFor(c.as(w), scopes!);
      await exhaustRateLimit(`token:${row.id}`);
      token = row.token;
    }
    const res = await callRoute(c.handler, c.url(w), {
      token,
      params: c.params?.(w),
      ip: c.ip,
      method: s.method.toUpperCase(),
      body: c.body?.(w),
      headers: c.headers?.(w),
    });
    expectProblem(res, 429);
    expect(Number(res.headers.get("retry-after"))).toBeGreaterThan(0);
  });
});
