"use client";
import Link from "next/link";
import { useState } from "react";
import { FormMessage, TextField } from "@/app/_ui/field";
import { useActionForm } from "@/app/_ui/use-action-form";
import { resetPasswordSchema } from "@/lib/auth/reset-schemas";
import { resetPasswordAction } from "../password-actions";

export function ResetPasswordForm({ token, invite }: { token: string; invite: boolean }) {
  const [done, setDone] = useState(false);
  const { form, onSubmit, formError } = useActionForm(resetPasswordSchema, resetPasswordAction, {
    defaultValues: { token, password: "", confirmPassword: "" },
    toast: "Password changed.",
    onSuccess: () => setDone(true),
  });
  const { register, formState } = form;
  if (done) {
    return (
      <div className="space-y-4">
        <FormMessage success={invite ? "Your password is set." : "Your password was changed."} />
        <Link href="/signin" className="btn-primary w-full">
          Sign in
        </Link>
      </div>
    );
  }
  return (
    <form onSubmit={onSubmit} noValidate className="space-y-4" aria-label={invite ? "Set your password" : "Choose a new password"}>
      <FormMessage error={formError ?? formState.errors.token?.message} />
      <input type="hidden" {...register("token")} />
      <TextField label="New password" type="password" autoComplete="new-password" error={formState.errors.password?.message} {...register("password")} />
      <TextField
        label="Confirm new password"
        type="password"
        autoComplete="new-password"
        error={formState.errors.confirmPassword?.message}
        {...register("confirmPassword")}
      />
      <button type="submit" className="btn-primary w-full" disabled={formState.isSubmitting}>
        {formState.isSubmitting ? "Saving…" : invite ? "Set password" : "Change password"}
      </button>
    </form>
  );
}
