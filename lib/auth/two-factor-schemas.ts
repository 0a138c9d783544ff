import { z } from "zod";

/** A code from the authenticator app (6 digits; spaces allowed) or a recovery code (xxxxx-xxxxx). */
export const secondFactorSchema = z.object({
  code: z
    .string({ error: "Enter the code." })
    .trim()
    .min(1, "Enter the code.")
    .max(40, "That code is too long.")
    .transform((c) => c.replace(/\s+/g, "").toLowerCase())
    .refine((c) => /^\d{6}$/.test(c) || /^[a-z2-7]{5}-?[a-z2-7]{5}$/.test(c), "Enter the 6-digit code from your app, or one of your recovery codes."),
  next: z.string().max(500).optional(),
});

/** The first code from the app, which turns two-step sign-in on. */
export const enrolmentCodeSchema = z.object({
  code: z
    .string({ error: "Enter the code." })
    .trim()
    .transform((c) => c.replace(/\s+/g, ""))
    .refine((c) => /^\d{6}$/.test(c), "Enter the 6-digit code your app shows."),
});

export const resetTwoFactorSchema = z.object({ userId: z.uuid("Unknown user.") });
