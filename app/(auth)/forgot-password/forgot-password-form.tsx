"use client";
import { useState } from "react";
import { FormMessage, TextField } from "@/app/_ui/field";
import { useActionForm } from "@/app/_ui/use-action-form";
import { forgotPasswordSchema } from "@/lib/auth/reset-schemas";
import { forgotPasswordAction } from "../password-actions";

export function ForgotPasswordForm() {
  const [sent, setSent] = useState<string | null>(null);
  const { form, onSubmit, formError } = useActionForm(forgotPasswordSchema, forgotPasswordAction, {
    defaultValues: { email: "" },
    toast: false, // the form gives way to the message
    onSuccess: (r) => setSent(r.message),
  });
  const { register, formState } = form;
  return (
    <form
      onSubmit={(e) => {
        setSent(null);
        return onSubmit(e);
      }}
      noValidate
      className="space-y-4"
      aria-label="Ask for a reset link"
    >
      <FormMessage error={formError} success={sent} />
      <TextField label="Email" type="email" autoComplete="email" error={formState.errors.email?.message} {...register("email")} />
      <button type="submit" className="btn-primary w-full" disabled={formState.isSubmitting}>
        {formState.isSubmitting ? "Sending…" : "Email me a reset link"}
      </button>
    </form>
  );
}
