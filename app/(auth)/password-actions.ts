"use server";
import { defineAction } from "@/lib/platform/action";
import { requestPasswordReset, resetPassword } from "@/lib/auth/password-reset";
import { forgotPasswordSchema, resetPasswordSchema } from "@/lib/auth/reset-schemas";

export const forgotPasswordAction = defineAction(forgotPasswordSchema, (input, { ip }) => requestPasswordReset(input, ip), { public: true });

export const resetPasswordAction = defineAction(resetPasswordSchema, (input, { ip }) => resetPassword(input, ip), { public: true });
