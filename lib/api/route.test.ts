import { describe, expect, it } from "vitest";
import { z } from "zod";
import { makeUser } from "@/test/support/factories";
import type { EndpointSpec } from "./registry";
import { apiRoute } from "./route";
import { tokenFor } from "@/test/support/api";
import { CLIENT_IP_HEADER } from "@/lib/platform/client-address";
import { decodeCursor } from "@/lib/platform/pagination";

/** apiRoute's own behaviour, with specs that are not registered (the public booking endpoint will look like `publicSpec`). */
const publicSpec = {
  operationId: "testPublic",
  method: "post",
  path: "/api/v1/test-public",
  summary: "test",
  tag: "test",
  public: true,
  rateLimit: { limit: 3, windowSeconds: 60 },
  body: z.object({ devices: z.array(z.object({ brand: z.enum(["dahua", "lorex"]) })).min(1) }),
  response: { status: 201, description: "made", schema: z.object({ count: z.number() }) },
} satisfies EndpointSpec;

const handler = apiRoute(publicSpec, async ({ body, actor }) => ({ count: body.devices.length, actor, secret: "dropped" }));
const post = (body: string, opts: { ip?: string; type?: string } = {}) =>
  handler(
    new Request("http://localhost/api/v1/test-public", {
      method: "POST",
      body,
      headers: { "content-type": opts.type ?? "application/json", [CLIENT_IP_HEADER]: opts.ip ?? "198.51.100.9" },
    }),
  );
const json = async (r: Response) => ({ status: r.status, body: await r.json(), headers: r.headers });

describe("apiRoute", () => {
  it("parses the JSON body with the spec's schema; the response carries only documented fields", async () => {
    const ok = await json(await post(JSON.stringify({ devices: [{ brand: "dahua" }, { brand: "lorex" }] }), { ip: "198.51.100.1" }));
    expect(ok).toMatchObject({ status: 201, body: { count: 2 } });
    expect(ok.body).toEqual({ count: 2 });
  });

  it("400 for a body that is not JSON, 422 with JSON pointers for invalid fields, 413 for a huge body", async () => {
    const ip = "198.51.100.2";
    expect((await json(await post("{not json", { ip }))).status).toBe(400);
    expect((await json(await post("{}", { ip, type: "text/plain" }))).status).toBe(400);
    const bad = await json(await post(JSON.stringify({ devices: [{ brand: "acme" }] }), { ip: "198.51.100.3" }));
    expect(bad.status).toBe(422);
    expect(bad.body.errors).toEqual([{ in: "body", field: "devices.0.brand", pointer: "#/devices/0/brand", detail: expect.any(String) }]);
    const huge = await json(await post(JSON.stringify({ devices: [], pad: "x".repeat(1024 * 1024) }), { ip: "198.51.100.4" }));
    expect(huge.status).toBe(413);
  });

  it("a field error the handler throws for one of its query parameters (a cursor it cannot use) points at the query, not the body", async () => {
    const listSpec = {
      operationId: "testList",
      method: "get",
      path: "/api/v1/test-list",
      summary: "test",
      tag: "test",
      public: true,
      query: z.object({ cursor: z.string().optional() }),
      response: { status: 200, description: "a page", schema: z.object({ ok: z.boolean() }) },
    } satisfies EndpointSpec;
    const list = apiRoute(listSpec, async ({ query }) => decodeCursor(query.cursor ?? "") && { ok: true });
    const res = await json(await list(new Request("http://localhost/api/v1/test-list?cursor=bm9wZQ", { headers: { [CLIENT_IP_HEADER]: "198.51.100.5" } })));
    expect(res.status).toBe(422);
    expect(res.body.errors).toEqual([{ in: "query", field: "cursor", detail: expect.any(String) }]);
  });

  it("public endpoints are limited per client address: 429 with Retry-After, other addresses unaffected", async () => {
    const body = JSON.stringify({ devices: [{ brand: "dahua" }] });
    const statuses = [];
    for (let i = 0; i < 5; i++) statuses.push((await post(body, { ip: "203.0.113.50" })).status);
    expect(statuses).toEqual([201, 201, 201, 429, 429]);
    const limited = await post(body, { ip: "203.0.113.50" });
    expect(Number(limited.headers.get("retry-after"))).toBeGreaterThan(0);
    expect((await post(body, { ip: "203.0.113.51" })).status).toBe(201);
  });

  it("a handler whose answer does not match its documented schema is a plain 500, nothing leaked", async () => {
    const user = await makeUser("admin");
    const spec = {
      ...publicSpec,
      public: undefined,
      scope: "visits:read",
      body: undefined,
      method: "get",
      response: { status: 200, description: "x", schema: z.object({ id: z.uuid() }) },
    } satisfies EndpointSpec;
    const broken = apiRoute(spec, async () => ({ id: "not-a-uuid", passwordHash: "secret" }));
    const original = console.error;
    console.error = () => {};
    const res = await json(await broken(new Request("http://localhost/x", { headers: { authorization: `Bearer ${await tokenFor(user, ["visits:read"])}` } })));
    console.error = original;
    expect(res.status).toBe(500);
    expect(JSON.stringify(res.body)).not.toMatch(/secret|not-a-uuid|passwordHash/);
  });
});
