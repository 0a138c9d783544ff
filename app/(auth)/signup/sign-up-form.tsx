"use client";
import { useState } from "react";
import { signUpSchema } from "@/lib/auth/schemas";
import { FormMessage, TextField } from "@/app/_ui/field";
import { useActionForm } from "@/app/_ui/use-action-form";
import { signUpAction } from "../actions";

/** Name, email and phone; the password is chosen through the emailed link (the answer is the same for any email). */
export function SignUpForm() {
  const [sent, setSent] = useState<string | null>(null);
  const { form, onSubmit, formError } = useActionForm(signUpSchema, signUpAction, { toast: false, onSuccess: (d) => setSent(d.message) });
  const { register, formState } = form;
  const e = formState.errors;
  return (
    <form onSubmit={onSubmit} noValidate className="space-y-4" aria-label="Create account">
      <FormMessage error={formError} success={sent} />
      <TextField label="Full name" autoComplete="name" error={e.name?.message} {...register("name")} />
      <TextField
        label="Email"
        type="email"
        autoComplete="email"
        hint="We email you a link to choose your password."
        error={e.email?.message}
        {...register("email")}
      />
      <TextField label="Phone (optional)" type="tel" autoComplete="tel" error={e.phone?.message} {...register("phone")} />
      <button type="submit" className="btn-primary w-full" disabled={formState.isSubmitting}>
        {formState.isSubmitting ? "Sending…" : "Create account"}
      </button>
    </form>
  );
}
