import { describe, expect, it } from "vitest";
import { ValidationError } from "./errors";
import { decodeCursor, encodeCursor } from "./pagination";

describe("cursors", () => {
  it("round-trip, and anything else is a 422 on the cursor field", () => {
    const c = encodeCursor({ k: "2030-01-01 15:00:00.123456+00", id: "00000000-0000-4000-8000-000000000001" });
    expect(decodeCursor(c)).toEqual({ k: "2030-01-01 15:00:00.123456+00", id: "00000000-0000-4000-8000-000000000001" });
    for (const bad of ["", "abc", Buffer.from('["x","y"]').toString("base64url"), Buffer.from("[\"2030-01-01 00:00:00\",\"1; drop table\"]").toString("base64url")]) {
      expect(() => decodeCursor(bad)).toThrow(ValidationError);
    }
  });
});
