"use server";
import { AuthError } from "next-auth";
import { signIn, signOut } from "@/lib/auth/config";
import { defineAction, type ActionResult } from "@/lib/platform/action";
import { setupSchema, signInSchema, signUpSchema } from "@/lib/auth/schemas";
import { safeNextPath } from "@/lib/auth/next-path";
import { completeSetup } from "@/lib/auth/setup";
import { requestSignUp } from "@/lib/users/sign-up";
import { AppError } from "@/lib/platform/errors";
import { z } from "zod";

async function signInAndRedirect(email: string, password: string, next?: string): Promise<ActionResult<never>> {
  try {
    await signIn("credentials", { email, password, redirectTo: `/dashboard${safeNextPath(next) ? `?next=${encodeURIComponent(safeNextPath(next))}` : ""}` });
  } catch (err) {
    if (err instanceof AuthError) {
      const code = (err as AuthError & { code?: string }).code;
      const message = code && code !== "credentials" ? code : "The email or password is incorrect.";
      return { ok: false, status: code && code !== "credentials" ? 429 : 401, error: message };
    }
    throw err; // the redirect on success
  }
  return { ok: false, status: 500, error: "Sign-in did not complete." };
}

export const signInAction = defineAction(
  signInSchema.extend({ next: z.string().max(500).optional() }),
  async ({ email, password, next }) => {
    const result = await signInAndRedirect(email, password, next);
    if (!result.ok) throw new AppError(result.error, result.status);
    return null;
  },
  { public: true },
);

/** Public: the same answer for any email ("check your email"), limited per address (lib/users/sign-up.ts). */
export const signUpAction = defineAction(signUpSchema, (input, { ip }) => requestSignUp(input, ip), { public: true });

export const setupAction = defineAction(
  setupSchema,
  async (input, { ip }) => {
    await completeSetup(input, ip);
    await signInAndRedirect(input.email, input.password, "/admin");
    return null;
  },
  { public: true },
);

export async function signOutAction() {
  await signOut({ redirectTo: "/" });
}
