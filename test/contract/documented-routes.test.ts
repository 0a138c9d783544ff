import fs from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { ENDPOINTS } from "@/lib/api/endpoints";
import { openApiDocument } from "@/lib/api/openapi";
import { callRoute, tokenFor } from "@/test/support/api";
import { makeUser } from "@/test/support/factories";

/** The OpenAPI document and the route files describe the same API: every documented operation exists and answers as documented. */
const ROOT = path.join(process.cwd(), "app", "api", "v1");
const NOT_IN_V1_DOC = new Set(["/api/v1/openapi.json"]);

function routeFiles(dir = ROOT): string[] {
  return fs
    .readdirSync(dir, { withFileTypes: true })
    .flatMap((e) => (e.isDirectory() ? routeFiles(path.join(dir, e.name)) : e.name === "route.ts" ? [path.join(dir, e.name)] : []));
}
const toApiPath = (file: string) =>
  "/api/v1" +
  path
    .dirname(path.relative(ROOT, file))
    .replace(/^\.$/, "")
    .replace(/\[(\w+)\]/g, "{$1}")
    .replace(/^(?=.)/, "/");
const load = (p: string) => import(path.join(ROOT, p.replace(/^\/api\/v1/, "").replace(/\{(\w+)\}/g, "[$1]"), "route.ts")) as Promise<Record<string, unknown>>;
const sample = (p: string) => p.replace(/\{\w+\}/g, "00000000-0000-4000-8000-000000000000");

describe("OpenAPI document", () => {
  const doc = openApiDocument() as unknown as {
    openapi: string;
    paths: Record<string, Record<string, { operationId: string; security: unknown[]; responses: Record<string, unknown> }>>;
  };

  const isPublic = (op: { security: unknown[] }) => op.security.length === 0;

  it("is OpenAPI 3.1 with unique operation ids, each documenting its auth errors (public ones: only 429)", () => {
    expect(doc.openapi).toBe("3.1.0");
    const ops = Object.values(doc.paths).flatMap((item) => Object.values(item));
    expect(new Set(ops.map((o) => o.operationId)).size).toBe(ops.length);
    for (const op of ops) {
      if (isPublic(op)) {
        expect(Object.keys(op.responses)).toContain("429");
        expect(Object.keys(op.responses)).not.toContain("401");
      } else expect(Object.keys(op.responses)).toEqual(expect.arrayContaining(["401", "403", "429"]));
    }
    expect(
      ops
        .filter(isPublic)
        .map((o) => o.operationId)
        .sort(),
    ).toEqual(
      ENDPOINTS.filter((e) => e.public)
        .map((e) => e.operationId)
        .sort(),
    );
  });

  it("every write operation that answers with a record names the read scope of that record (finding 11)", () => {
    const writes = ENDPOINTS.filter((e) => e.scope && !e.scope.endsWith(":read") && e.response.schema);
    expect(writes.length).toBeGreaterThanOrEqual(5);
    expect(writes.filter((e) => !e.readScope?.endsWith(":read")).map((e) => e.operationId)).toEqual([]);
  });

  it("documents exactly the methods the route files export", async () => {
    const documented = Object.entries(doc.paths)
      .flatMap(([p, item]) => Object.keys(item).map((m) => `${m.toUpperCase()} ${p}`))
      .sort();
    const implemented: string[] = [];
    for (const file of routeFiles()) {
      const p = toApiPath(file);
      if (NOT_IN_V1_DOC.has(p)) continue;
      const mod = (await import(file)) as Record<string, unknown>;
      for (const m of ["GET", "POST", "PUT", "PATCH", "DELETE"]) if (typeof mod[m] === "function") implemented.push(`${m} ${p}`);
    }
    expect(implemented.sort()).toEqual(documented);
  });

  it("every documented token operation answers 401 without a token and 403 with a token lacking its scope", async () => {
    const tech = await makeUser("technician");
    // Two tokens with one scope each: every operation is called with the one that lacks its scope.
    const reportsToken = await tokenFor(tech, ["reports:read"]);
    const customersToken = await tokenFor(tech, ["customers:read"]);
    for (const [p, item] of Object.entries(doc.paths)) {
      const mod = await load(p);
      for (const [method, op] of Object.entries(item)) {
        if (isPublic(op)) continue;
        const handler = mod[method.toUpperCase()] as Parameters<typeof callRoute>[0];
        const params = Object.fromEntries([...p.matchAll(/\{(\w+)\}/g)].map((m) => [m[1]!, "00000000-0000-4000-8000-000000000000"]));
        const anon = await callRoute(handler, sample(p), { params, method: method.toUpperCase() });
        expect(anon.status, `${method} ${p} without a token`).toBe(401);
        expect(anon.headers.get("content-type")).toBe("application/problem+json");
        const scope = ENDPOINTS.find((e) => e.operationId === (op as { operationId?: string }).operationId)?.scope;
        expect(scope, `${method} ${p} declares a scope`).toBeTruthy();
        const token = scope === "reports:read" ? customersToken : reportsToken;
        const wrong = await callRoute(handler, sample(p), { params, token, method: method.toUpperCase() });
        expect(wrong.status, `${method} ${p} with the wrong scope`).toBe(403);
      }
    }
  });
});
