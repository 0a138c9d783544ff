import { describe, expect, it } from "vitest";
import { z } from "zod";
import {
  AppError,
  DatabaseUnavailableError,
  fromConstraintViolation,
  isDatabaseUnavailable,
  parseInput,
  pgError,
  toAppError,
  ValidationError,
  zodFieldErrors,
} from "./errors";
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

describe("zod issues -> field errors (the one helper)", () => {
  const schema = z
    .object({ name: z.string().min(1, "Enter a name."), devices: z.array(z.object({ brand: z.enum(["dahua", "lorex"], "Pick a brand.") })) })
    .refine((v) => v.name !== "nobody", { error: "Not allowed." });

  it("keys each message by its dot path; a form-level issue goes under _form; several messages per field are kept", () => {
    const r = schema.safeParse({ name: "", devices: [{ brand: "dahua" }, { brand: "sony" }] });
    expect(zodFieldErrors(r.error!)).toEqual({ name: ["Enter a name."], "devices.1.brand": ["Pick a brand."] });
    expect(zodFieldErrors(schema.safeParse({ name: "nobody", devices: [] }).error!)).toEqual({ _form: ["Not allowed."] });
    const twice = z.string().min(3, "Too short.").regex(/^\d+$/, "Digits only.").safeParse("a");
    expect(zodFieldErrors(twice.error!)).toEqual({ _form: ["Too short.", "Digits only."] });
  });

  it("parseInput returns the parsed value or throws a 422 ValidationError with those field errors; toAppError maps a thrown ZodError the same way", () => {
    expect(parseInput(schema, { name: "Ann", devices: [{ brand: "lorex" }] })).toEqual({ name: "Ann", devices: [{ brand: "lorex" }] });
    let thrown: unknown;
    try {
      parseInput(schema, { name: "", devices: [{ brand: 1 }] });
    } catch (err) {
      thrown = err;
    }
    expect(thrown).toBeInstanceOf(ValidationError);
    expect(thrown).toMatchObject({ status: 422, fieldErrors: { name: ["Enter a name."], "devices.0.brand": ["Pick a brand."] } });
    const e = toAppError(schema.safeParse({ name: "", devices: [] }).error);
    expect(e).toMatchObject({ status: 422, message: "Enter a name.", fieldErrors: { name: ["Enter a name."] } });
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
