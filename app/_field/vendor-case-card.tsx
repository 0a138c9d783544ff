"use client";
import { FormMessage, TextAreaField } from "@/app/_ui/field";
import { useActionForm } from "@/app/_ui/use-action-form";
import { CaseClock, type CaseClockView } from "./evidence/case-clock";
import { useFieldWriter } from "./write-context";
import { VENDOR_CASE_RESULT_CHOICES } from "@/lib/vendor-cases/results";

// Loaded on first use (zod stays out of the job page's first load).
const loadCloseVendorCaseSchema = () => import("@/lib/vendor-cases/schemas").then((m) => m.closeVendorCaseSchema);
const loadRecordVendorResultSchema = () => import("@/lib/vendor-cases/schemas").then((m) => m.recordVendorResultSchema);

export type OpenCaseView = { id: string; vendorLabel: string; whatWasSent: string; sentAt: string; dueAt: string; overdue: boolean; notes: string | null };

/**
/**
 * An open vendor case on a device: what was sent, its two clocks (the
 * answer's due time, then once it is in how long it stays usable), the
 * method's no-reboot warning, recording that the answer came (its clock
 * starts) and closing the case with how it ended (which also settles the
 * attempt that waited: no second attempt to log).
 */
export function VendorCaseCard({
  c,
  clock,
  now,
  editable,
  files,
}: {
  c: OpenCaseView;
  clock: CaseClockView;
  now: string;
  editable: boolean;
  files: React.ReactNode;
}) {
  const { write, queued } = useFieldWriter();
  const answerIn = !!clock.resultReceivedAt;
  // The case's id as shown now: one opened on this phone changes from the write's id to the server's once it syncs.
  const { form, onSubmit, formError } = useActionForm(loadCloseVendorCaseSchema, (values) => write("vendor_case.close", { ...values, caseId: c.id }), {
    defaultValues: { caseId: c.id, resultNote: "" },
    toast: queued ? "Vendor case closed on this phone." : "Vendor case closed.",
  });
  const { register, formState } = form;
  const e = formState.errors;
  return (
    <section
      className="space-y-3 rounded-lg border-2 border-purple-400 bg-purple-50 p-3"
      aria-label={`Vendor case with ${c.vendorLabel}`}
      data-testid="vendor-case"
    >
      <CaseClock c={clock} now={now} />
      <dl className="grid grid-cols-[auto_1fr] gap-x-3 gap-y-1 text-sm">
        <dt className="font-medium">Vendor</dt>
        <dd>{c.vendorLabel}</dd>
        <dt className="font-medium">Sent</dt>
        <dd>
          {c.whatWasSent}, {c.sentAt}
        </dd>
        <dt className="font-medium">Due</dt>
        <dd>
          {c.dueAt} {c.overdue && !answerIn ? <span className="badge bg-red-700 text-white">Overdue</span> : null}
        </dd>
      </dl>
      {files}
      {editable && !answerIn ? <RecordAnswer caseId={c.id} /> : null}
      {editable ? (
        <form onSubmit={onSubmit} noValidate className="space-y-3" aria-label="Close vendor case">
          <fieldset aria-describedby={`case-result-${c.id}-error`}>
            <legend className="label">{answerIn ? "How did it end?" : "What came of the vendor's answer?"}</legend>
            <div className="grid gap-2 sm:grid-cols-2">
              {VENDOR_CASE_RESULT_CHOICES.filter((x) => x.value !== "voided" || answerIn).map(({ value, label }) => (
                <label
                  key={value}
                  className="flex min-h-11 cursor-pointer items-center gap-2 rounded-lg border border-slate-300 bg-white px-3 has-[:checked]:border-brand-700"
                >
                  <input type="radio" value={value} {...register("result")} className="size-5 shrink-0" />
                  <span className="font-medium">{label}</span>
                </label>
              ))}
            </div>
            <p id={`case-result-${c.id}-error`} className="field-error" aria-live="polite">
              {e.result?.message ?? ""}
            </p>
          </fieldset>
          <TextAreaField label="What came back" id={`case-note-${c.id}`} rows={2} error={e.resultNote?.message} {...register("resultNote")} />
          <FormMessage error={formError} id={`case-message-${c.id}`} />
          <button type="submit" className="btn-primary w-full" disabled={formState.isSubmitting}>
            Close vendor case
          </button>
        </form>
      ) : null}
    </section>
  );
}

/** "The answer is in" (a code by phone, a temporary password by email: never the secret itself): its expiry clock starts. */
function RecordAnswer({ caseId }: { caseId: string }) {
  const { write, queued } = useFieldWriter();
  const { form, onSubmit, formError } = useActionForm(loadRecordVendorResultSchema, (values) => write("vendor_case.record_result", { ...values, caseId }), {
    defaultValues: { caseId, note: "" },
    toast: queued ? "Saved on this phone: the answer's clock is running." : "Recorded: the answer's clock is running.",
  });
  const { register, formState } = form;
  return (
    <form onSubmit={onSubmit} noValidate className="space-y-2 rounded-lg border border-purple-300 bg-white p-3" aria-label="The vendor's answer is in">
      <TextAreaField
        label="The vendor's answer is in: what came?"
        id={`answer-note-${caseId}`}
        rows={2}
        hint="E.g. “Temporary password given by phone”. Never write the password or code itself."
        error={formState.errors.note?.message}
        {...register("note")}
      />
      <FormMessage error={formError} id={`answer-message-${caseId}`} />
      <button type="submit" className="btn-secondary w-full" disabled={formState.isSubmitting}>
        Record the answer
      </button>
    </form>
  );
}
