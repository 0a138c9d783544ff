import { describe, expect, it } from "vitest";
import { z } from "zod";
import { ConflictError, ForbiddenError, NotFoundError, RateLimitedError, UnauthenticatedError, ValidationError } from "@/lib/platform/errors";
import { decodeCursor, encodeCursor } from "../platform/pagination";
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
  });

  it("429 sends Retry-After, 401 sends WWW-Authenticate, an unknown error is a plain 500 without a stack", async () => {
    expect((await read(problemResponse(new RateLimitedError("x", 17)))).headers.get("retry-after")).toBe("17");
    expect((await read(problemResponse(new UnauthenticatedError()))).headers.get("www-authenticate")).toMatch(/^Bearer/);
    const original = console.error;
    console.error = () => {};
    const boom = await read(problemResponse(new Error("secret db detail at foo.ts:12")));
    console.error = original;
    expect(boom.status).toBe(500);
    expect(JSON.stringify(boom.body)).not.toMatch(/secret|foo\.ts/);
    expect(boom.body.detail).toMatch(/Something went wrong/);
  });
});

describe("cursors", () => {
  it("round-trip, and anything else is a 422 on the cursor field", () => {
    const c = encodeCursor({ k: "2030-01-01 15:00:00.123456+00", id: "00000000-0000-4000-8000-000000000001" });
    expect(decodeCursor(c)).toEqual({ k: "2030-01-01 15:00:00.123456+00", id: "00000000-0000-4000-8000-000000000001" });
    for (const bad of ["", "abc", Buffer.from('["x","y"]').toString("base64url"), Buffer.from("[\"2030-01-01 00:00:00\",\"1; drop table\"]").toString("base64url")]) {
      expect(() => decodeCursor(bad)).toThrow(ValidationError);
    }
  });
});
