"use client";
import { FormMessage, TextAreaField } from "@/app/_ui/field";
import { useActionForm } from "@/app/_ui/use-action-form";
import { CHECKLIST_ITEMS } from "@/lib/field/labels";
import { CHECKLIST_ANSWERS } from "@/lib/values";
import { CHECKLIST_ANSWER_LABELS } from "@/lib/values/labels";
import { useId } from "react";
import { toastFailed, toastSaved } from "@/app/_ui/notify";
import type { ChecklistAnswer } from "@/lib/values";
import { savedText, useFieldWriter } from "./write-context";

// Loaded on first use (zod stays out of the job page's first load).
const loadCompleteVisitSchema = () => import("@/lib/field/schemas").then((m) => m.completeVisitSchema);

/**
 * Remount it (key) when the set of devices needing a reason changes: the
 * array indexes must match the devices shown.
 *
 * Finishing the visit: a reason for each device left without success, the
 * lockout-prevention checklist, and one button. The server checks it all again.
 */
export function CompletionForm({
  visitId,
  needReason,
  checklist,
  blockers,
}: {
  visitId: string;
  needReason: { id: string; label: string; attempted: boolean; reason: string }[];
  /** The checklist as saved so far (answered as the work is done), if it was. */
  checklist?: { patternLockSet: ChecklistAnswer; configExported: ChecklistAnswer; recoveryEmailUpdated: ChecklistAnswer; notes: string | null } | null;
  blockers: string[];
}) {
  const { write, queued } = useFieldWriter();
  const toastId = useId();
  const { form, onSubmit, formError, setFormError } = useActionForm(loadCompleteVisitSchema, (values) => write("visit.complete", values), {
    defaultValues: {
      visitId,
      notes: checklist?.notes ?? "",
      devices: needReason.map((d) => ({ deviceId: d.id, reason: d.reason })),
      ...(checklist
        ? { patternLockSet: checklist.patternLockSet, configExported: checklist.configExported, recoveryEmailUpdated: checklist.recoveryEmailUpdated }
        : {}),
    },
    toast: queued ? "Visit completed on this phone." : "Visit completed.",
  });
  const { register, formState } = form;
  // The checklist alone, before completion (the same answers; completion sends them again).
  const saveChecklist = form.handleSubmit(async (v) => {
    const r = await write("checklist.answer", {
      visitId,
      patternLockSet: v.patternLockSet,
      configExported: v.configExported,
      recoveryEmailUpdated: v.recoveryEmailUpdated,
      notes: v.notes,
    });
    if (r.ok) {
      setFormError(null);
      toastSaved(savedText(queued, "Checklist"), { id: toastId });
    } else {
      setFormError(r.error);
      toastFailed(r.error, { id: toastId });
    }
  });
  const e = formState.errors;
  return (
    <form onSubmit={onSubmit} noValidate className="space-y-4" aria-label="Complete the visit">
      {blockers.length ? (
        <div className="rounded-lg border border-amber-300 bg-amber-50 px-3 py-2 text-sm text-amber-950">
          <p className="font-semibold">Still to do</p>
          <ul className="mt-1 list-disc pl-5">
            {blockers.map((b) => (
              <li key={b}>{b}</li>
            ))}
          </ul>
        </div>
      ) : null}
      {needReason.map((d, i) => (
        <div key={d.id}>
          <input type="hidden" {...register(`devices.${i}.deviceId`)} />
          <TextAreaField
            id={`reason-${d.id}`}
            rows={2}
            label={d.attempted ? `${d.label}: why is it left unrecovered?` : `${d.label}: why was it not attempted?`}
            hint="Leave empty if you will still recover it on this visit."
            error={e.devices?.[i]?.reason?.message}
            {...register(`devices.${i}.reason`)}
          />
        </div>
      ))}
      {CHECKLIST_ITEMS.map((item) => (
        <fieldset key={item.key} aria-describedby={`${item.key}-error`}>
          <legend className="label">{item.label}</legend>
          <div className="grid grid-cols-3 gap-2">
            {CHECKLIST_ANSWERS.map((a) => (
              <label
                key={a}
                className="flex min-h-11 cursor-pointer items-center gap-2 rounded-lg border border-slate-300 px-2 text-sm font-medium has-[:checked]:border-brand-700 has-[:checked]:bg-brand-50"
              >
                <input type="radio" value={a} {...register(item.key)} className="size-5 shrink-0" />
                {CHECKLIST_ANSWER_LABELS[a]}
              </label>
            ))}
          </div>
          <p id={`${item.key}-error`} className="field-error" aria-live="polite">
            {e[item.key]?.message ?? ""}
          </p>
        </fieldset>
      ))}
      <TextAreaField label="Notes for the record (optional)" id="complete-notes" rows={2} error={e.notes?.message} {...register("notes")} />
      <FormMessage error={formError} id="complete-message" />
      <button type="button" className="btn-secondary w-full" disabled={formState.isSubmitting} onClick={() => void saveChecklist()}>
        Save checklist
      </button>
      <button type="submit" className="btn-primary w-full text-base" disabled={formState.isSubmitting}>
        {formState.isSubmitting ? "Completing…" : "Complete visit"}
      </button>
    </form>
  );
}
