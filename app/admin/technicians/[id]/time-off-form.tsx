"use client";
import { useState } from "react";
import { FormMessage, TextField } from "@/app/_ui/field";
import { useActionForm } from "@/app/_ui/use-action-form";
import { timeOffSchema } from "@/lib/availability/schemas";
import { addTimeOffAction } from "../actions";

export function TimeOffForm({ technicianId, name, timeZone }: { technicianId: string; name: string; timeZone: string }) {
  const [clash, setClash] = useState<string | null>(null);
  const empty = { technicianId, startsAt: "", endsAt: "", reason: "" };
  const { form, onSubmit, formError } = useActionForm(timeOffSchema, addTimeOffAction, {
    defaultValues: empty,
    toast: "Time off added.",
    onSuccess: (r) => {
      const text = r.conflicts.length
        ? `${name} has ${r.conflicts.length} visit${r.conflicts.length === 1 ? "" : "s"} in that time (${r.conflicts.map((c) => `${c.reference}, ${c.when}`).join("; ")}): move ${r.conflicts.length === 1 ? "it" : "them"} on the dispatch board.`
        : "";
      setClash(text || null);
      form.reset(empty);
    },
  });
  const e = form.formState.errors;
  return (
    <form
      onSubmit={(ev) => {
        setClash(null);
        return onSubmit(ev);
      }}
      noValidate
      aria-label="Add time off"
      className="grid gap-4 sm:grid-cols-2"
    >
      <div className="sm:col-span-2">
        <FormMessage id="time-off-message" error={formError} success={clash} />
      </div>
      <TextField
        label="Time off starts"
        id="timeoff-start"
        type="datetime-local"
        hint={`In ${timeZone}.`}
        error={e.startsAt?.message}
        {...form.register("startsAt")}
      />
      <TextField label="Time off ends" id="timeoff-end" type="datetime-local" hint={`In ${timeZone}.`} error={e.endsAt?.message} {...form.register("endsAt")} />
      <TextField
        label="Reason (optional)"
        id="timeoff-reason"
        className="sm:col-span-2"
        maxLength={200}
        error={e.reason?.message}
        {...form.register("reason")}
      />
      <div>
        <button type="submit" className="btn-primary" disabled={form.formState.isSubmitting}>
          {form.formState.isSubmitting ? "Adding…" : "Add time off"}
        </button>
      </div>
    </form>
  );
}
