"use client";
import { ArrowLeftRight } from "lucide-react";
import { useRouter } from "next/navigation";
import { useRef } from "react";
import { toastSaved } from "@/app/_ui/notify";
import { FormMessage, SelectField, TextField } from "@/app/_ui/field";
import { useZoneAndLocale } from "@/app/_ui/date-format";
import { useActionForm } from "@/app/_ui/use-action-form";
import { formatDateTime } from "@/lib/format/dates";
import { moveVisitSchema } from "@/lib/dispatch/schemas";
import { moveVisitAction } from "./actions";
import { useMoves } from "./moves";

export type MovableVisit = {
  id: string;
  reference: string;
  customerName: string;
  technicianId: string | null;
  date: string;
  time: string;
  timeLabel: string;
  dayLabel: string;
};

/**
 * "Move / reassign": a button on every visit card opening a small modal form
 * (technician, date, time). Native <dialog>: focus moves into it, Escape closes it.
 */
export function MoveDialog({ visit, technicians, compact = false }: { visit: MovableVisit; technicians: { id: string; name: string }[]; compact?: boolean }) {
  const ref = useRef<HTMLDialogElement>(null);
  const zone = useZoneAndLocale();
  const defaults = { visitId: visit.id, technicianId: visit.technicianId ?? "", date: visit.date, time: visit.time };
  const moves = useMoves();
  const router = useRouter();
  const { form, onSubmit, formError, setFormError } = useActionForm(moveVisitSchema, moveVisitAction, {
    defaultValues: defaults,
    // The toast is the move's own (with Undo on the board), below.
    toast: false,
    onSuccess: (r) => {
      ref.current?.close();
      const who = technicians.find((t) => t.id === form.getValues("technicianId"))?.name;
      if (!r.changed) {
        toastSaved(`${r.reference}: nothing changed.`);
        return;
      }
      const where = `${who ?? "not assigned"}, ${formatDateTime(r.startsAt, zone)}`;
      const message = `${r.reference}: ${where}.${r.emailed ? " The customer will be emailed." : ""}${r.warnings.length ? ` Note: ${r.warnings.join(" ")}` : ""}`;
      if (moves) moves.moved({ visitId: visit.id, reference: r.reference, summary: where, day: form.getValues("date") }, message);
      else {
        toastSaved(message);
        router.refresh();
      }
    },
  });
  const e = form.formState.errors;
  const id = `move-${visit.id}`;
  return (
    <>
      <button
        type="button"
        className={
          compact
            ? "inline-flex size-7 items-center justify-center rounded-md border border-slate-300 bg-white text-slate-800 hover:bg-slate-100"
            : "btn-secondary"
        }
        title={`Move / reassign ${visit.reference}`}
        onClick={() => {
          form.reset(defaults);
          setFormError(null);
          ref.current?.showModal();
        }}
      >
        <ArrowLeftRight aria-hidden className="size-4" />
        <span className={compact ? "sr-only" : undefined}>Move / reassign</span>
        <span className="sr-only"> {visit.reference}</span>
      </button>
      <dialog ref={ref} aria-labelledby={`${id}-title`} className="m-auto w-[min(28rem,calc(100vw-2rem))] rounded-xl p-0 shadow-xl backdrop:bg-slate-900/50">
        <form onSubmit={onSubmit} noValidate className="space-y-4 p-5" aria-labelledby={`${id}-title`}>
          <div>
            <h2 id={`${id}-title`} className="text-lg font-semibold">
              Move / reassign {visit.reference}
            </h2>
            <p className="text-sm text-slate-600">
              {visit.customerName} · now {visit.dayLabel}, {visit.timeLabel}. The visit keeps its length.
            </p>
          </div>
          <FormMessage id={`${id}-message`} error={formError} />
          <SelectField label="Technician" id={`${id}-tech`} error={e.technicianId?.message} {...form.register("technicianId")}>
            <option value="">Unassigned (requested)</option>
            {technicians.map((t) => (
              <option key={t.id} value={t.id}>
                {t.name}
              </option>
            ))}
          </SelectField>
          <div className="grid grid-cols-2 gap-3">
            <TextField label="Date" id={`${id}-date`} type="date" error={e.date?.message} {...form.register("date")} />
            <TextField label="Start time" id={`${id}-time`} type="time" error={e.time?.message} {...form.register("time")} />
          </div>
          <div className="flex flex-wrap justify-end gap-2">
            <button type="button" className="btn-secondary" onClick={() => ref.current?.close()}>
              Cancel
            </button>
            <button type="submit" className="btn-primary" disabled={form.formState.isSubmitting}>
              {form.formState.isSubmitting ? "Saving…" : "Save move"}
            </button>
          </div>
        </form>
      </dialog>
    </>
  );
}
