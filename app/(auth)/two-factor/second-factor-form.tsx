"use client";
import { FormMessage, TextField } from "@/app/_ui/field";
import { useActionForm } from "@/app/_ui/use-action-form";
import { secondFactorSchema } from "@/lib/auth/two-factor-schemas";
import { verifySecondFactorAction } from "../two-factor-actions";

export function SecondFactorForm({ next }: { next?: string }) {
  const { form, onSubmit, formError } = useActionForm(secondFactorSchema, (v) => verifySecondFactorAction({ ...v, next }));
  const { register, formState } = form;
  return (
    <form onSubmit={onSubmit} noValidate className="space-y-4" aria-label="Two-step sign-in">
      <FormMessage error={formError} />
      <TextField
        label="Code"
        autoComplete="one-time-code"
        inputMode="text"
        spellCheck={false}
        autoFocus
        hint="6 digits from the app, or a recovery code like abcde-fghij."
        error={formState.errors.code?.message}
        {...register("code")}
      />
      <button type="submit" className="btn-primary w-full" disabled={formState.isSubmitting}>
        {formState.isSubmitting ? "Checking…" : "Continue"}
      </button>
    </form>
  );
}
