"use client";
import { useState } from "react";
import type { AttemptOutcome } from "@/lib/values";
import { FormMessage, SelectField, TextAreaField, TextField } from "@/app/_ui/field";
import { useActionForm } from "@/app/_ui/use-action-form";
import { formatDuration } from "@/lib/field/labels";
import { ATTEMPT_OUTCOMES } from "@/lib/values";
import { OUTCOME_LABELS } from "@/lib/values/labels";
import { PendingMark } from "./pending-mark";
import { savedText, useFieldWriter } from "./write-context";

// Loaded on first use (zod stays out of the job page's first load).
const loadCorrectAttemptSchema = () => import("@/lib/field/schemas").then((m) => m.correctAttemptSchema);

export type AttemptRow = {
  id: string;
  seq: number;
  methodId: string;
  methodName: string;
  outcome: AttemptOutcome;
  durationSeconds: number | null;
  notes: string | null;
  description: string | null;
  technicianId: string;
  technicianName: string;
  when: string;
  corrected: boolean;
  /** Saved on the phone, not confirmed by the server yet. */
  pending?: boolean;
};

const OUTCOME_TEXT: Record<AttemptOutcome, string> = {
  succeeded: "text-green-800",
  failed: "text-red-800",
  waiting_vendor: "text-purple-800",
  abandoned: "text-slate-700",
};

/** The attempts on one device, in order; their author may correct them until the visit is completed. */
export function AttemptList({
  attempts,
  viewerId,
  editable,
  methods,
}: {
  attempts: AttemptRow[];
  viewerId: string;
  editable: boolean;
  methods: { id: string; name: string }[];
}) {
  const [editing, setEditing] = useState<string | null>(null);
  if (attempts.length === 0) return <p className="text-sm text-slate-600">No attempts yet.</p>;
  return (
    <ol className="space-y-2" aria-label="Attempts">
      {attempts.map((a) => (
        <li key={a.id} className="rounded-lg border border-slate-200 bg-slate-50 p-3" data-testid={`attempt-${a.seq}`}>
          <div className="flex items-start justify-between gap-2">
            <p>
              <span className="font-semibold">
                {a.seq}. {a.methodName}
              </span>
              {" — "}
              <span className={`font-semibold ${OUTCOME_TEXT[a.outcome]}`}>{OUTCOME_LABELS[a.outcome]}</span>
              <span className="text-sm text-slate-700">
                {" "}
                · {formatDuration(a.durationSeconds)} · {a.when}
                {a.corrected ? " · corrected" : ""}
              </span>{" "}
              {a.pending ? <PendingMark /> : null}
            </p>
            {editable && a.technicianId === viewerId && editing !== a.id ? (
              <button type="button" className="btn-secondary shrink-0 px-3" onClick={() => setEditing(a.id)} aria-label={`Correct attempt ${a.seq}`}>
                Correct
              </button>
            ) : null}
          </div>
          {a.description ? <p className="text-sm">Done: {a.description}</p> : null}
          {a.notes ? <p className="text-sm text-slate-700">Notes: {a.notes}</p> : null}
          {a.technicianId !== viewerId ? <p className="text-xs text-slate-600">by {a.technicianName}</p> : null}
          {editing === a.id ? <CorrectionForm attempt={a} methods={methods} onDone={() => setEditing(null)} /> : null}
        </li>
      ))}
    </ol>
  );
}

function CorrectionForm({ attempt, methods, onDone }: { attempt: AttemptRow; methods: { id: string; name: string }[]; onDone: () => void }) {
  const [minutes, setMinutes] = useState(String(Math.round((attempt.durationSeconds ?? 0) / 60)));
  const { write, queued } = useFieldWriter();
  const { form, onSubmit, formError } = useActionForm(loadCorrectAttemptSchema, (values) => write("attempt.correct", { ...values, attemptId: attempt.id }), {
    defaultValues: {
      attemptId: attempt.id,
      methodId: attempt.methodId,
      outcome: attempt.outcome,
      durationSeconds: attempt.durationSeconds ?? 0,
      notes: attempt.notes ?? "",
      description: attempt.description ?? "",
    },
    onSuccess: onDone,
    toast: savedText(queued, "Correction"),
  });
  const { register, formState, setValue } = form;
  const e = formState.errors;
  const p = `fix-${attempt.id}`;
  return (
    <form onSubmit={onSubmit} noValidate className="mt-3 space-y-3 border-t border-slate-200 pt-3" aria-label={`Correct attempt ${attempt.seq}`}>
      <SelectField label="Method" id={`${p}-method`} error={e.methodId?.message} {...register("methodId")}>
        {methods.map((m) => (
          <option key={m.id} value={m.id}>
            {m.name}
          </option>
        ))}
      </SelectField>
      <SelectField label="Outcome" id={`${p}-outcome`} error={e.outcome?.message} {...register("outcome")}>
        {ATTEMPT_OUTCOMES.map((o) => (
          <option key={o} value={o}>
            {OUTCOME_LABELS[o]}
          </option>
        ))}
      </SelectField>
      <TextField
        label="Duration (minutes)"
        id={`${p}-minutes`}
        name="minutes"
        type="number"
        inputMode="numeric"
        value={minutes}
        error={e.durationSeconds?.message}
        onChange={(ev) => {
          setMinutes(ev.target.value);
          const n = Number(ev.target.value);
          setValue("durationSeconds", ev.target.value === "" || !Number.isFinite(n) ? Number.NaN : Math.round(n * 60));
        }}
      />
      <TextField label="What exactly was done (for “Other”)" id={`${p}-desc`} error={e.description?.message} {...register("description")} />
      <TextAreaField label="Notes" id={`${p}-notes`} rows={2} error={e.notes?.message} {...register("notes")} />
      <FormMessage error={formError} id={`${p}-message`} />
      <div className="flex gap-2">
        <button type="submit" className="btn-primary" disabled={formState.isSubmitting}>
          Save correction
        </button>
        <button type="button" className="btn-secondary" onClick={onDone}>
          Cancel
        </button>
      </div>
    </form>
  );
}
