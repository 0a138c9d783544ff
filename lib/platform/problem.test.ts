import { describe, expect, it } from "vitest";
import { z } from "zod";
import { ConflictError, ForbiddenError, NotFoundError, RateLimitedError, UnauthenticatedError, ValidationError } from "@/lib/platform/errors";
import { LocatedValidationError, problemResponse } from "./problem";

const read = async (r: Response) => ({ status: r.status, type: r.headers.get("content-type"), body: await r.json(), headers: r.headers });

describe("problem+json", () => {
  it("maps each domain error to its status, title and type", async () => {
    const cases: [unknown, number, string][] = [
      [new UnauthenticatedError(), 401, "Unauthenticated"],
      [new ForbiddenError(), 403, "Forbidden"],
      [new NotFoundError(), 404, "Not found"],
      [new ConflictError("That time was just taken."), 409, "Conflict"],
      [new ValidationError("Bad", { "devices.0.brand": ["Pick a brand."] }), 422, "Validation failed"],
      [new RateLimitedError("Slow down", 17), 429, "Too many requests"],
    ];
    for (const [err, status, title] of cases) {
      const r = await read(problemResponse(err));
      expect(r.status).toBe(status);
      expect(r.type).toBe("application/problem+json");
      expect(r.body).toMatchObject({ type: `/api/docs#problem-${status}`, title, status });
    }
  });

  it("field errors carry where they are; body fields get a JSON pointer", async () => {
    const body = await read(problemResponse(new ValidationError("Bad", { "devices.0.brand": ["Pick a brand."] })));
    expect(body.body.errors).toEqual([{ in: "body", field: "devices.0.brand", pointer: "#/devices/0/brand", detail: "Pick a brand." }]);
    const query = await read(problemResponse(new LocatedValidationError("Bad", "query", { limit: ["Use at most 100."] })));
    expect(query.body.errors).toEqual([{ in: "query", field: "limit", detail: "Use at most 100." }]);
    const zod = z.object({ a: z.number() }).safeParse({ a: "x" });
    expect((await read(problemResponse(zod.error))).body.errors[0]).toMatchObject({ field: "a" });
    // Per field: an upload's file is the body, its name a header, the rest query parameters.
    const locate = (f: string) => (f === "file" ? "body" : f === "filename" ? "header" : "query");
    const mixed = await read(
      problemResponse(new ValidationError("Bad", { file: ["Empty."], filename: ["Unreadable."], kind: ["Pick one."] }), "upload", { locate }),
    );
    expect(mixed.body.errors).toEqual([
      { in: "body", field: "file", pointer: "#/file", detail: "Empty." },
      { in: "header", field: "filename", detail: "Unreadable." },
      { in: "query", field: "kind", detail: "Pick one." },
    ]);
  });

  it("429 sends Retry-After, 401 sends the caller's challenge (none for session routes), an unknown error is a plain 500 without a stack", async () => {
    expect((await read(problemResponse(new RateLimitedError("x", 17)))).headers.get("retry-after")).toBe("17");
    expect((await read(problemResponse(new UnauthenticatedError(), "api", { wwwAuthenticate: 'Bearer realm="x"' }))).headers.get("www-authenticate")).toBe(
      'Bearer realm="x"',
    );
    expect((await read(problemResponse(new UnauthenticatedError(), "session route"))).headers.get("www-authenticate")).toBeNull();
    const original = console.error;
    console.error = () => {};
    const boom = await read(problemResponse(new Error("secret db detail at foo.ts:12")));
    console.error = original;
    expect(boom.status).toBe(500);
    expect(JSON.stringify(boom.body)).not.toMatch(/secret|foo\.ts/);
    expect(boom.body.detail).toMatch(/Something went wrong/);
  });
});
