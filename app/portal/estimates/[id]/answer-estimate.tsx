"use client";
import { useRouter } from "next/navigation";
import { useState } from "react";
import { FormMessage, TextField } from "@/app/_ui/field";
import { errorAt, useActionForm } from "@/app/_ui/use-action-form";
import { acceptEstimateSchema, declineEstimateSchema } from "@/lib/billing/schemas";
import type { ActionResult } from "@/lib/platform/action-result";

type Accept = (input: { estimateId: string; revision: number; name: string }) => Promise<ActionResult<unknown>>;

/** Accept with a typed full name (like signing), or decline. Shared by the portal and the technician's phone. */
export function AcceptEstimateForm({
  estimateId,
  revision,
  accept,
  extra = {},
  label = "Your full name",
  hint = "Typing your name accepts this estimate. We keep the time, your internet (IP) address and browser with it.",
}: {
  estimateId: string;
  revision: number;
  accept: Accept;
  extra?: Record<string, string>;
  label?: string;
  hint?: string;
}) {
  const router = useRouter();
  const { form, onSubmit, formError } = useActionForm(acceptEstimateSchema, accept as never, {
    defaultValues: { estimateId, revision, name: "", ...extra } as never,
    onSuccess: () => router.refresh(),
  });
  return (
    <form onSubmit={onSubmit} noValidate aria-label="Accept the estimate" className="space-y-3">
      <FormMessage error={formError} id="accept-message" />
      <TextField label={label} id="accept-name" autoComplete="name" hint={hint} error={errorAt(form.formState.errors, "name")} {...form.register("name")} />
      <button type="submit" className="btn-primary w-full sm:w-auto" disabled={form.formState.isSubmitting}>
        {form.formState.isSubmitting ? "Accepting…" : "Accept estimate"}
      </button>
    </form>
  );
}

export function DeclineEstimateForm({
  estimateId,
  decline,
}: {
  estimateId: string;
  decline: (input: { estimateId: string; reason: string }) => Promise<ActionResult<unknown>>;
}) {
  const router = useRouter();
  const [open, setOpen] = useState(false);
  const { form, onSubmit, formError } = useActionForm(declineEstimateSchema, decline as never, {
    defaultValues: { estimateId, reason: "" },
    onSuccess: () => router.refresh(),
  });
  if (!open)
    return (
      <button type="button" className="btn-secondary" onClick={() => setOpen(true)}>
        Decline…
      </button>
    );
  return (
    <form onSubmit={onSubmit} noValidate aria-label="Decline the estimate" className="space-y-3">
      <FormMessage error={formError} id="decline-message" />
      <TextField label="Why? (optional)" id="decline-reason" error={errorAt(form.formState.errors, "reason")} {...form.register("reason")} />
      <button type="submit" className="btn-secondary" disabled={form.formState.isSubmitting}>
        Decline estimate
      </button>
    </form>
  );
}
