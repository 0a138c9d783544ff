import { describe, expect, it } from "vitest";
import { AppError, fromConstraintViolation, pgError, toAppError, ValidationError } from "./errors";
import { can, PERMISSIONS } from "./auth/permissions";

describe("error mapping", () => {
  it("finds the SQLSTATE inside drizzle's wrapper", () => {
    const wrapped = new Error("Failed query", { cause: Object.assign(new Error("dup"), { code: "23505", constraint: "users_email_lower_key" }) });
    expect(pgError(wrapped)).toMatchObject({ code: "23505", constraint: "users_email_lower_key" });
    expect(fromConstraintViolation(wrapped)?.fieldErrors?.email).toBeDefined();
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
