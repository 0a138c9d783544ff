import { describe, expect, it } from "vitest";
import { AppError, DatabaseUnavailableError, fromConstraintViolation, isDatabaseUnavailable, pgError, toAppError, ValidationError } from "./errors";
import { can, PERMISSIONS } from "../auth/permissions";

describe("error mapping", () => {
  it("finds the SQLSTATE inside drizzle's wrapper", () => {
    const wrapped = new Error("Failed query", { cause: Object.assign(new Error("dup"), { code: "23505", constraint: "users_email_lower_key" }) });
    expect(pgError(wrapped)).toMatchObject({ code: "23505", constraint: "users_email_lower_key" });
    expect(fromConstraintViolation(wrapped)?.fieldErrors?.email).toBeDefined();
  });
  it("answers a deadlock or serialization failure with a 409 to try again, not a 500", () => {
    for (const code of ["40P01", "40001"]) {
      const e = toAppError(new Error("Failed query", { cause: Object.assign(new Error("deadlock detected"), { code }) }));
      expect(e.status).toBe(409);
      expect(e.message).toMatch(/try again/);
    }
  });
  it("turns unknown errors into a plain 500 message without details", () => {
    const orig = console.error;
    console.error = () => {};
    try {
      const e = toAppError(new Error("connection refused at 10.0.0.5"));
      expect(e.status).toBe(500);
      expect(e.message).not.toMatch(/10\.0\.0\.5/);
    } finally {
      console.error = orig;
    }
    expect(toAppError(new ValidationError("bad"))).toBeInstanceOf(AppError);
  });
});

describe("database unavailable", () => {
  it("recognises connection failures (also wrapped by drizzle) and maps them to a 503 without details", () => {
    const orig = console.error;
    console.error = () => {};
    try {
      const refused = Object.assign(new Error("connect ECONNREFUSED 127.0.0.1:5432"), { code: "ECONNREFUSED" });
      const wrapped = new Error("Failed query: select 1", { cause: Object.assign(new Error("write CONNECTION_CLOSED"), { code: "CONNECTION_CLOSED" }) });
      const shutdown = Object.assign(new Error("terminating connection due to administrator command"), { code: "57P01" });
      const both = new AggregateError([refused, Object.assign(new Error("x"), { code: "ECONNREFUSED" })]);
      for (const err of [refused, wrapped, shutdown, both]) {
        expect(isDatabaseUnavailable(err)).toBe(true);
        const e = toAppError(err);
        expect(e).toBeInstanceOf(DatabaseUnavailableError);
        expect(e.status).toBe(503);
        expect(e.message).not.toMatch(/127\.0\.0\.1|5432|ECONN/);
      }
      // A wrong query or a constraint is not "unavailable".
      expect(isDatabaseUnavailable(Object.assign(new Error("syntax"), { code: "42601" }))).toBe(false);
      expect(isDatabaseUnavailable(new Error("connection refused at 10.0.0.5"))).toBe(false);
      expect(toAppError(Object.assign(new Error("dup"), { code: "23505" })).status).toBe(409);
    } finally {
      console.error = orig;
    }
  });
});

describe("permission table", () => {
  it("gives each permission to exactly the roles listed", () => {
    const mk = (role: "customer" | "technician" | "admin") => ({ id: "x", role, name: "", email: "", customerId: null });
    expect(can(mk("admin"), "users:manage")).toBe(true);
    expect(can(mk("technician"), "users:manage")).toBe(false);
    expect(can(mk("customer"), "users:manage")).toBe(false);
    expect(can(null, "backups:download")).toBe(false);
    for (const [perm, roles] of Object.entries(PERMISSIONS)) {
      for (const role of ["customer", "technician", "admin"] as const) {
        expect(can(mk(role), perm as keyof typeof PERMISSIONS)).toBe((roles as readonly string[]).includes(role));
      }
    }
  });
});
