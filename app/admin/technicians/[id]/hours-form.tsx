"use client";
import { X } from "lucide-react";
import { useFieldArray, type Control, type UseFormRegister } from "react-hook-form";
import { FormMessage, TextField } from "@/app/_ui/field";
import { errorAt, useActionForm } from "@/app/_ui/use-action-form";
import { weeklyHoursSchema, type WeeklyHoursInput } from "@/lib/availability/schemas";
import { WEEKDAY_NAMES } from "@/lib/availability/time";
import { setHoursAction } from "../actions";

type Days = WeeklyHoursInput["days"];

function DayRanges({
  d,
  control,
  register,
  errors,
}: {
  d: number;
  control: Control<WeeklyHoursInput>;
  register: UseFormRegister<WeeklyHoursInput>;
  errors: unknown;
}) {
  const { fields, append, remove } = useFieldArray({ control, name: `days.${d}.ranges` });
  const day = WEEKDAY_NAMES[d]!;
  return (
    <fieldset className="rounded-lg border border-slate-200 p-3" data-testid={`day-${day}`}>
      <legend className="px-1 font-medium">{day}</legend>
      {fields.length === 0 ? <p className="text-sm text-slate-600">Day off</p> : null}
      <ul className="space-y-2">
        {fields.map((f, i) => (
          <li key={f.id} className="flex items-start gap-2">
            <TextField
              className="min-w-0 flex-1"
              type="time"
              id={`h-${d}-${i}-start`}
              label={
                <>
                  <span className="sr-only">{`${day} ${i + 1} `}</span>Start
                </>
              }
              error={errorAt(errors, `days.${d}.ranges.${i}.start`)}
              {...register(`days.${d}.ranges.${i}.start`)}
            />
            <TextField
              className="min-w-0 flex-1"
              type="time"
              id={`h-${d}-${i}-end`}
              label={
                <>
                  <span className="sr-only">{`${day} ${i + 1} `}</span>End
                </>
              }
              error={errorAt(errors, `days.${d}.ranges.${i}.end`)}
              {...register(`days.${d}.ranges.${i}.end`)}
            />
            <button type="button" className="btn-secondary mt-6 shrink-0 px-3" onClick={() => remove(i)} title={`Remove ${day} ${i + 1}`}>
              <X aria-hidden className="size-4" />
              <span className="sr-only">
                Remove {day} {i + 1}
              </span>
            </button>
          </li>
        ))}
      </ul>
      <p className="field-error" aria-live="polite">
        {errorAt(errors, `days.${d}.ranges`) ?? ""}
      </p>
      <button
        type="button"
        className="btn-secondary mt-2"
        disabled={fields.length >= 6}
        onClick={() => append(fields.length ? { start: "13:00", end: "17:00" } : { start: "09:00", end: "17:00" })}
      >
        Add hours<span className="sr-only"> on {day}</span>
      </button>
    </fieldset>
  );
}

export function HoursForm({ technicianId, days }: { technicianId: string; days: Days }) {
  const { form, onSubmit, formError } = useActionForm(weeklyHoursSchema, setHoursAction, {
    defaultValues: { technicianId, days },
    toast: (r) => `Working hours saved: ${r.summary}.`,
  });
  return (
    <form onSubmit={onSubmit} noValidate aria-label="Weekly working hours" className="space-y-4">
      <FormMessage id="hours-message" error={formError} />
      <div className="grid gap-3 md:grid-cols-2">
        {WEEKDAY_NAMES.map((_, d) => (
          <DayRanges key={d} d={d} control={form.control} register={form.register} errors={form.formState.errors} />
        ))}
      </div>
      <button type="submit" className="btn-primary" disabled={form.formState.isSubmitting}>
        {form.formState.isSubmitting ? "Saving…" : "Save working hours"}
      </button>
    </form>
  );
}
