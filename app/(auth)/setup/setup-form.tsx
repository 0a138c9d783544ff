"use client";
import { setupSchema } from "@/lib/auth/schemas";
import { FormMessage, TextField } from "@/app/_ui/field";
import { useActionForm } from "@/app/_ui/use-action-form";
import { setupAction } from "../actions";

export function SetupForm({ token }: { token: string }) {
  const { form, onSubmit, formError } = useActionForm(setupSchema, setupAction, { defaultValues: { token }, toast: false });
  const { register, formState } = form;
  const e = formState.errors;
  return (
    <form onSubmit={onSubmit} noValidate className="space-y-4" aria-label="First admin">
      <FormMessage error={formError} />
      <TextField label="Setup token" autoComplete="off" spellCheck={false} error={e.token?.message} {...register("token")} />
      <TextField label="Your name" autoComplete="name" error={e.name?.message} {...register("name")} />
      <TextField label="Email" type="email" autoComplete="email" error={e.email?.message} {...register("email")} />
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
        {formState.isSubmitting ? "Creating…" : "Create admin account"}
      </button>
    </form>
  );
}
