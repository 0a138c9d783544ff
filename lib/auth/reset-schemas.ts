import { z } from "zod";
import { emailSchema, newPasswordSchema } from "./schemas";

export const forgotPasswordSchema = z.object({ email: emailSchema });

export const resetPasswordSchema = z
  .object({
    token: z
      .string({ error: "This link is incomplete. Ask for a new one." })
      .trim()
      .min(20, "This link is incomplete. Ask for a new one.")
      .max(200, "This link is not valid."),
    password: newPasswordSchema,
    confirmPassword: z.string(),
  })
  .refine((v) => v.password === v.confirmPassword, { path: ["confirmPassword"], message: "The passwords do not match." });
