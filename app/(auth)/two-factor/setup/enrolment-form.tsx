"use client";
import { useState } from "react";
import { FormMessage, TextField } from "@/app/_ui/field";
import { useActionForm } from "@/app/_ui/use-action-form";
import { enrolmentCodeSchema } from "@/lib/auth/two-factor-schemas";
import { confirmEnrolmentAction } from "../../two-factor-actions";

export function EnrolmentForm({ next }: { next?: string }) {
  const [codes, setCodes] = useState<string[] | null>(null);
  const { form, onSubmit, formError } = useActionForm(enrolmentCodeSchema, confirmEnrolmentAction, { onSuccess: (d) => setCodes(d.recoveryCodes) });
  const { register, formState } = form;
  if (codes) {
    return (
      <section aria-labelledby="recovery-heading" className="mt-6 space-y-3" data-testid="recovery-codes">
        <h2 id="recovery-heading" className="text-lg font-semibold">
          Two-step sign-in is on. Keep your recovery codes
        </h2>
        <p className="text-sm text-slate-700">
          Each works once, in place of a code from the app, if you lose your phone. They are shown only now: print them or keep them in a password manager.
        </p>
        <ul className="grid grid-cols-2 gap-2 font-mono text-slate-900">
          {codes.map((c) => (
            <li key={c} className="rounded bg-slate-100 px-2 py-1">
              {c}
            </li>
          ))}
        </ul>
        <a href={`/dashboard${next ? `?next=${encodeURIComponent(next)}` : ""}`} className="btn-primary inline-flex w-full justify-center">
          Continue
        </a>
      </section>
    );
  }
  return (
    <form onSubmit={onSubmit} noValidate className="mt-6 space-y-4" aria-label="Turn on two-step sign-in">
      <FormMessage error={formError} />
      <TextField
        label="Code from the app"
        autoComplete="one-time-code"
        inputMode="numeric"
        spellCheck={false}
        error={formState.errors.code?.message}
        {...register("code")}
      />
      <button type="submit" className="btn-primary w-full" disabled={formState.isSubmitting}>
        {formState.isSubmitting ? "Checking…" : "Turn on two-step sign-in"}
      </button>
    </form>
  );
}
