"use client";
import Link from "next/link";
import { signInSchema } from "@/lib/auth/schemas";
import { FormMessage, TextField } from "@/app/_ui/field";
import { useActionForm } from "@/app/_ui/use-action-form";
import { signInAction } from "../actions";

export function SignInForm({ next }: { next?: string }) {
  const { form, onSubmit, formError } = useActionForm(signInSchema, (v) => signInAction({ ...v, next }), { toast: false });
  const { register, formState } = form;
  return (
    <form onSubmit={onSubmit} noValidate className="space-y-4" aria-label="Sign in">
      <FormMessage error={formError} />
      <TextField label="Email" type="email" autoComplete="email" error={formState.errors.email?.message} {...register("email")} />
      <TextField label="Password" type="password" autoComplete="current-password" error={formState.errors.password?.message} {...register("password")} />
      <p className="text-sm">
        <Link href="/forgot-password">Forgot password?</Link>
      </p>
      <button type="submit" className="btn-primary w-full" disabled={formState.isSubmitting}>
        {formState.isSubmitting ? "Signing in…" : "Sign in"}
      </button>
    </form>
  );
}
