"use client";
import { useEffect, useRef } from "react";
import { AlertTriangle, Pause, Play, X } from "lucide-react";
import type { Brand, Vendor } from "@/lib/values";
import { FormMessage, SelectField, TextAreaField, TextField } from "@/app/_ui/field";
import { useActionForm } from "@/app/_ui/use-action-form";
import { formatClock } from "@/lib/field/labels";
import { ATTEMPT_OUTCOMES, VENDORS } from "@/lib/values";
import { OUTCOME_LABELS, VENDOR_LABELS } from "@/lib/values/labels";
import type { PlaybookEntry } from "@/lib/field/playbook";
import { savedText, useFieldWriter } from "./write-context";
import { useAttemptTimer } from "./use-timer";

// Loaded on first use (zod stays out of the job page's first load).
const loadLogAttemptSchema = () => import("@/lib/field/schemas").then((m) => m.logAttemptSchema);

const PRESETS = [
  [5, "5 min"],
  [15, "15 min"],
  [30, "30 min"],
  [60, "1 h"],
] as const;

const NO_REBOOT = "Do not reboot or power-cycle this device until the vendor's answer is applied: a reboot voids the request.";

/**
 * Logging one attempt: opened by tapping a method (tap 1), choose the outcome
 * (tap 2), save with the running timer or a preset duration (tap 3).
 */
export function AttemptSheet(props: {
  visitId: string;
  device: { id: string; label: string; brand: Brand };
  entry: PlaybookEntry;
  authorized: boolean;
  vendorDueHours: number;
  onClose: () => void;
  onSaved: () => void;
}) {
  const { visitId, device, entry, authorized, vendorDueHours, onClose, onSaved } = props;
  const m = entry.method;
  const ref = useRef<HTMLDialogElement>(null);
  const timer = useAttemptTimer(`fieldkey:timer:${visitId}:${device.id}:${m.id}`);
  const { write, queued } = useFieldWriter();
  // The phone's clock when saved: offline, the write reaches the server later, with the time the work happened.
  const { form, onSubmit, formError } = useActionForm(
    loadLogAttemptSchema,
    (values) => write("attempt.log", { ...values, endedAt: new Date().toISOString() }),
    {
      defaultValues: {
        visitId,
        deviceId: device.id,
        methodId: m.id,
        durationSeconds: 0,
        notes: "",
        description: "",
      },
      onSuccess: () => {
        timer.clear();
        onSaved();
      },
      toast: savedText(queued, "Attempt"),
    },
  );
  const { register, formState, watch, setValue } = form;
  const outcome = watch("outcome");
  const e = formState.errors;

  useEffect(() => {
    const d = ref.current;
    if (d && !d.open) d.showModal();
  }, []);

  useEffect(() => {
    if (outcome === "waiting_vendor") {
      setValue("vendorCase", { vendor: device.brand as Vendor, whatWasSent: `${m.name}: request exported and sent` });
    } else {
      setValue("vendorCase", undefined);
    }
  }, [outcome, setValue, device.brand, m.name]);

  const save = (seconds: number, withTimer: boolean) => {
    setValue("durationSeconds", seconds);
    setValue("startedAt", withTimer ? timer.startedAt : undefined);
    void onSubmit();
  };
  const outcomes = ATTEMPT_OUTCOMES.filter((o) => o !== "waiting_vendor" || m.vendorPending);
  const titleId = `sheet-title-${m.id}`;

  return (
    <dialog
      ref={ref}
      aria-labelledby={titleId}
      onClose={onClose}
      className="m-0 mt-auto max-h-[92dvh] w-full max-w-none overflow-y-auto rounded-t-2xl bg-white p-0 text-slate-900 shadow-2xl backdrop:bg-slate-900/50 sm:m-auto sm:max-w-xl sm:rounded-2xl"
    >
      <form onSubmit={(ev) => ev.preventDefault()} noValidate aria-label={`Log ${m.name}`}>
        <div className="sticky top-0 z-10 flex items-start justify-between gap-2 border-b border-slate-200 bg-white px-4 py-3">
          <div>
            <p className="text-sm text-slate-600">{device.label}</p>
            <h2 id={titleId} className="text-lg font-bold">
              {m.name}
            </h2>
          </div>
          <button type="button" className="btn-secondary px-3" onClick={() => ref.current?.close()} aria-label="Close without saving">
            <X aria-hidden className="size-5" />
          </button>
        </div>
        <div className="space-y-4 px-4 py-3">
          {!authorized ? (
            <p className="rounded-lg border border-amber-400 bg-amber-50 px-3 py-2 text-sm font-medium text-amber-900">
              No authorization is recorded yet: the attempt cannot be saved until the customer authorizes the work.
            </p>
          ) : null}
          {entry.wipesWarning ? (
            <p className="flex gap-2 rounded-lg border border-red-300 bg-red-50 px-3 py-2 text-sm font-semibold text-red-900">
              <AlertTriangle aria-hidden className="size-5 shrink-0" /> {entry.wipesWarning}
            </p>
          ) : null}
          <details className="rounded-lg border border-slate-200 px-3 py-2">
            <summary className="min-h-11 cursor-pointer content-center font-medium">Steps ({m.steps.length})</summary>
            <ol className="mt-2 list-decimal space-y-1 pl-5 text-sm">
              {m.steps.map((s) => (
                <li key={s}>{s}</li>
              ))}
            </ol>
          </details>
          <div className="flex items-center justify-between gap-3 rounded-lg bg-slate-100 px-3 py-2">
            <p className="text-sm text-slate-700">
              Timer{" "}
              <span className="font-mono text-2xl font-bold text-slate-900" data-testid="attempt-timer">
                {formatClock(timer.elapsedSeconds)}
              </span>
            </p>
            <button type="button" className="btn-secondary" onClick={timer.toggle}>
              {timer.running ? <Pause aria-hidden className="size-4" /> : <Play aria-hidden className="size-4" />}
              {timer.running ? "Pause timer" : "Resume timer"}
            </button>
          </div>
          <fieldset aria-describedby="outcome-error">
            <legend className="label">Outcome</legend>
            <div className="grid grid-cols-2 gap-2">
              {outcomes.map((o) => (
                <label
                  key={o}
                  className="flex min-h-12 cursor-pointer items-center gap-2 rounded-lg border-2 border-slate-300 px-3 font-semibold has-[:checked]:border-brand-700 has-[:checked]:bg-brand-50"
                >
                  <input type="radio" value={o} {...register("outcome")} className="size-5" />
                  {OUTCOME_LABELS[o]}
                </label>
              ))}
            </div>
            <p id="outcome-error" className="field-error" aria-live="polite">
              {e.outcome?.message ?? ""}
            </p>
          </fieldset>
          {outcome === "waiting_vendor" ? (
            <div className="space-y-3 rounded-lg border border-purple-300 bg-purple-50 p-3">
              <p className="flex gap-2 text-sm font-semibold text-purple-950">
                <AlertTriangle aria-hidden className="size-5 shrink-0" /> {NO_REBOOT}
              </p>
              <SelectField label="Vendor" id={`vendor-${m.id}`} error={e.vendorCase?.vendor?.message} {...register("vendorCase.vendor")}>
                {VENDORS.map((v) => (
                  <option key={v} value={v}>
                    {VENDOR_LABELS[v]}
                  </option>
                ))}
              </SelectField>
              <TextField label="What was sent" id={`sent-${m.id}`} error={e.vendorCase?.whatWasSent?.message} {...register("vendorCase.whatWasSent")} />
              <p className="text-sm text-slate-700">
                The answer is due within {vendorDueHours} hours of sending. An exported request file stored on this visit goes with the case; the vendor&rsquo;s
                result file is attached on the case when it comes back.
              </p>
            </div>
          ) : null}
          {m.requiresDescription ? (
            <TextField label="What exactly was done (required)" id={`desc-${m.id}`} error={e.description?.message} {...register("description")} />
          ) : null}
          <TextAreaField label="Notes (optional)" id={`notes-${m.id}`} rows={2} error={e.notes?.message} {...register("notes")} />
          <FormMessage
            error={formError ?? e.durationSeconds?.message ?? e.startedAt?.message ?? e.deviceId?.message ?? e.methodId?.message}
            id={`attempt-message-${m.id}`}
          />
        </div>
        <div className="sticky bottom-0 space-y-2 border-t border-slate-200 bg-white px-4 py-3">
          <button type="button" className="btn-primary w-full text-base" disabled={formState.isSubmitting} onClick={() => save(timer.elapsedSeconds, true)}>
            {formState.isSubmitting ? "Saving…" : `Save · timer ${formatClock(timer.elapsedSeconds)}`}
          </button>
          <div className="grid grid-cols-4 gap-2" role="group" aria-label="Or save with a duration">
            {PRESETS.map(([minutes, label]) => (
              <button
                key={minutes}
                type="button"
                className="btn-secondary px-2"
                disabled={formState.isSubmitting}
                onClick={() => save(minutes * 60, false)}
                aria-label={`Save with ${label}`}
              >
                {label}
              </button>
            ))}
          </div>
        </div>
      </form>
    </dialog>
  );
}
