import { z } from "zod";

const COMMON = new Set([
  "password",
  "password1",
  "password123",
  "1234567890",
  "12345678910",
  "qwertyuiop",
  "letmein123",
  "iloveyou12",
  "administrator",
  "changeme123",
]);

export const emailSchema = z
  .string({ error: "Enter your email address." })
  .trim()
  .min(1, "Enter your email address.")
  .max(254, "That email address is too long.")
  .pipe(z.email("Enter a valid email address, like name@example.com."))
  .transform((e) => e.toLowerCase());

export const newPasswordSchema = z
  .string({ error: "Choose a password." })
  .min(10, "Use at least 10 characters.")
  .max(200, "Use at most 200 characters.")
  .refine((p) => new Set(p).size >= 4, "Use a less repetitive password.")
  .refine((p) => !COMMON.has(p.toLowerCase()), "That password is too common. Choose another.");

export const nameSchema = z.string({ error: "Enter a name." }).trim().min(1, "Enter a name.").max(120, "Use at most 120 characters.");

export const phoneSchema = z
  .string()
  .trim()
  .max(40, "That phone number is too long.")
  .refine((p) => p === "" || (/^[+()\d\s.-]{7,40}$/.test(p) && (p.match(/\d/g)?.length ?? 0) >= 7), "Enter a valid phone number, like 216-555-0100.");

export const signInSchema = z.object({
  email: emailSchema,
  password: z.string({ error: "Enter your password." }).min(1, "Enter your password.").max(200, "That password is too long."),
});

/** Sign-up asks for no password: the emailed link sets it (lib/users/sign-up.ts), so the answer is the same for any email. */
export const signUpSchema = z.object({
  name: nameSchema,
  email: emailSchema,
  phone: phoneSchema.optional().default(""),
});

export const setupSchema = z
  .object({
    token: z.string().trim().min(1, "The setup token is missing.").max(200),
    name: nameSchema,
    email: emailSchema,
    password: newPasswordSchema,
    confirmPassword: z.string(),
  })
  .refine((v) => v.password === v.confirmPassword, { path: ["confirmPassword"], message: "The passwords do not match." });

export const staffRoleSchema = z.enum(["technician", "admin"], { error: "Choose technician or admin." });

export const createStaffSchema = z.object({
  name: nameSchema,
  email: emailSchema,
  phone: phoneSchema.optional().default(""),
  role: staffRoleSchema,
  password: newPasswordSchema,
});

export const changeRoleSchema = z.object({
  userId: z.uuid("Unknown user."),
  role: z.enum(["customer", "technician", "admin"], { error: "Choose a role." }),
});

export const userIdSchema = z.object({ userId: z.uuid("Unknown user.") });
