"use client";
import { useZoneAndLocale } from "@/app/_ui/date-format";
import { FormMessage, TextField } from "@/app/_ui/field";
import { useActionForm } from "@/app/_ui/use-action-form";
import { holidaySchema } from "@/lib/availability/schemas";
import { formatDate } from "@/lib/format/dates";
import { addHolidayAction } from "./actions";

export function HolidayForm() {
  const zone = useZoneAndLocale();
  const { form, onSubmit, formError } = useActionForm(holidaySchema, addHolidayAction, {
    defaultValues: { day: "", name: "" },
    toast: (r) => `Holiday added on ${formatDate(r.day, zone, { weekday: true })}.`,
    onSuccess: () => {
      form.reset({ day: "", name: "" });
    },
  });
  const e = form.formState.errors;
  return (
    <form onSubmit={onSubmit} noValidate aria-label="Add a holiday" className="grid gap-4 sm:grid-cols-[12rem_1fr_auto] sm:items-start">
      <div className="sm:col-span-3">
        <FormMessage id="holiday-message" error={formError} />
      </div>
      <TextField label="Holiday date" id="holiday-day" type="date" error={e.day?.message} {...form.register("day")} />
      <TextField label="Holiday name" id="holiday-name" maxLength={100} error={e.name?.message} {...form.register("name")} />
      <button type="submit" className="btn-primary sm:mt-6" disabled={form.formState.isSubmitting}>
        {form.formState.isSubmitting ? "Adding…" : "Add holiday"}
      </button>
    </form>
  );
}
