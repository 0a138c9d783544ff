import { redirect } from "next/navigation";
import { describe, expect, it } from "vitest";
import { NotFoundError, UnauthenticatedError, ValidationError } from "./errors";
import { routeHandler } from "./route-handler";

const req = new Request("http://localhost/x");

describe("routeHandler (route handlers outside /api/v1)", () => {
  it("passes the handler's answer and the route's params through", async () => {
    const GET = routeHandler<{ id: string }>("test", async (_r, { params }) => new Response(`id ${(await params).id}`, { status: 200 }));
    const res = await GET(req, { params: Promise.resolve({ id: "7" }) });
    expect(res.status).toBe(200);
    expect(await res.text()).toBe("id 7");
  });

  it("answers what the handler throws as problem+json, like /api/v1: status, title, detail, located field errors; a 401 without a bearer challenge", async () => {
    const thrower = (err: unknown) => routeHandler("test", async () => Promise.reject(err), { locate: "query" });
    const notFound = await thrower(new NotFoundError())(req);
    expect(notFound.status).toBe(404);
    expect(notFound.headers.get("content-type")).toBe("application/problem+json");
    expect(notFound.headers.get("cache-control")).toBe("no-store");
    expect(await notFound.json()).toEqual({ type: "/api/docs#problem-404", title: "Not found", status: 404, detail: "Not found." });
    const bad = await thrower(new ValidationError("Pick a table.", { table: ["Pick a table."] }))(req);
    expect(await bad.json()).toMatchObject({ status: 422, errors: [{ in: "query", field: "table", detail: "Pick a table." }] });
    const signedOut = await thrower(new UnauthenticatedError())(req);
    expect(signedOut.status).toBe(401);
    expect(signedOut.headers.get("www-authenticate")).toBeNull();
  });

  it("an unexpected error is a plain 500 that leaks nothing; Next's redirect() is not an error", async () => {
    const original = console.error;
    const logged: unknown[] = [];
    console.error = (...a: unknown[]) => void logged.push(a);
    try {
      const res = await routeHandler("test route", async () => {
        throw new Error("secret at db.ts:12");
      })(req);
      expect(res.status).toBe(500);
      expect(await res.text()).not.toMatch(/secret|db\.ts/);
      expect(String(logged[0])).toContain("test route");
    } finally {
      console.error = original;
    }
    await expect(routeHandler("test", async () => redirect("/signin"))(req)).rejects.toMatchObject({ digest: expect.stringContaining("NEXT_REDIRECT") });
  });
});
