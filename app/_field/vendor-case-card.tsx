"use client";
import { AlertTriangle } from "lucide-react";
import { FormMessage, TextAreaField } from "@/app/_ui/field";
import { useActionForm } from "@/app/_ui/use-action-form";
import { useFieldWriter } from "./write-context";
import { VENDOR_CASE_RESULT_CHOICES } from "@/lib/vendor-cases/results";

// Loaded on first use (zod stays out of the job page's first load).
const loadCloseVendorCaseSchema = () => import("@/lib/vendor-cases/schemas").then((m) => m.closeVendorCaseSchema);

export type OpenCaseView = { id: string; vendorLabel: string; whatWasSent: string; sentAt: string; dueAt: string; overdue: boolean; notes: string | null };

/**
 * An open vendor case on a device: what was sent, when it is due, the no-reboot warning, and closing it
 * with what came of the answer (which also settles the attempt that waited: no second attempt to log).
 */
export function VendorCaseCard({ c, editable, files }: { c: OpenCaseView; editable: boolean; files: React.ReactNode }) {
  const { write, queued } = useFieldWriter();
  // The case's id as shown now: one opened on this phone changes from the write's id to the server's once it syncs.
  const { form, onSubmit, formError } = useActionForm(loadCloseVendorCaseSchema, (values) => write("vendor_case.close", { ...values, caseId: c.id }), {
    defaultValues: { caseId: c.id, resultNote: "" },
    toast: queued ? "Vendor case closed on this phone." : "Vendor case closed.",
  });
  const { register, formState } = form;
  const e = formState.errors;
  return (
    <section className="space-y-3 rounded-lg border-2 border-purple-400 bg-purple-50 p-3" aria-label={`Vendor case with ${c.vendorLabel}`}>
      <p className="flex gap-2 font-semibold text-purple-950">
        <AlertTriangle aria-hidden className="size-5 shrink-0" /> Do not reboot or power-cycle this device until the vendor&apos;s answer is applied.
      </p>
      <dl className="grid grid-cols-[auto_1fr] gap-x-3 gap-y-1 text-sm">
        <dt className="font-medium">Vendor</dt>
        <dd>{c.vendorLabel}</dd>
        <dt className="font-medium">Sent</dt>
        <dd>
          {c.whatWasSent}, {c.sentAt}
        </dd>
        <dt className="font-medium">Due</dt>
        <dd>
          {c.dueAt} {c.overdue ? <span className="badge bg-red-700 text-white">Overdue</span> : null}
        </dd>
      </dl>
      {files}
      {editable ? (
        <form onSubmit={onSubmit} noValidate className="space-y-3" aria-label="Close vendor case">
          <fieldset aria-describedby={`case-result-${c.id}-error`}>
            <legend className="label">What came of the vendor&apos;s answer?</legend>
            <div className="grid gap-2 sm:grid-cols-3">
              {VENDOR_CASE_RESULT_CHOICES.filter((c) => c.value !== "voided").map(({ value, label }) => (
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
