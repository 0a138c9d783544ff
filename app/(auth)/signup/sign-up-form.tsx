"use client";
import { signUpSchema } from "@/lib/auth/schemas";
import { FormMessage, TextField } from "@/app/_ui/field";
import { useActionForm } from "@/app/_ui/use-action-form";
import { signUpAction } from "../actions";

export function SignUpForm() {
  const { form, onSubmit, formError } = useActionForm(signUpSchema, signUpAction, { toast: false });
  const { register, formState } = form;
  const e = formState.errors;
  return (
    <form onSubmit={onSubmit} noValidate className="space-y-4" aria-label="Create account">
      <FormMessage error={formError} />
      <TextField label="Full name" autoComplete="name" error={e.name?.message} {...register("name")} />
      <TextField label="Email" type="email" autoComplete="email" error={e.email?.message} {...register("email")} />
      <TextField label="Phone (optional)" type="tel" autoComplete="tel" error={e.phone?.message} {...register("phone")} />
      <TextField
        label="Password"
        type="password"
        autoComplete="new-password"
        hint="At least 10 characters."
        error={e.password?.message}
        {...register("password")}
      />
      <TextField label="Confirm password" type="password" autoComplete="new-password" error={e.confirmPassword?.message} {...register("confirmPassword")} />
      <button type="submit" className="btn-primary w-full" disabled={formState.isSubmitting}>
        {formState.isSubmitting ? "Creating account…" : "Create account"}
      </button>
    </form>
  );
}
