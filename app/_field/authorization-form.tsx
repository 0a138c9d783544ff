"use client";
import { useEffect, useRef, useState } from "react";
import SignaturePad from "signature_pad";
import { FormMessage, SelectField, TextField } from "@/app/_ui/field";
import { useActionForm } from "@/app/_ui/use-action-form";
import { AUTHORIZATION_STATEMENT } from "@/lib/field/labels";
import { AUTH_RELATIONSHIPS } from "@/lib/values";
import { RELATIONSHIP_LABELS } from "@/lib/values/labels";
import { savedText, useFieldWriter } from "./write-context";

// Loaded on first use (zod stays out of the job page's first load).
const loadAuthorizationSchema = () => import("@/lib/field/schemas").then((m) => m.authorizationSchema);

/** Who on site authorizes the work: name, relationship, and a drawn signature or their typed name. */
export function AuthorizationForm({ visitId }: { visitId: string }) {
  const canvasRef = useRef<HTMLCanvasElement>(null);
  const padRef = useRef<SignaturePad | null>(null);
  const [signed, setSigned] = useState(false);
  const { write, queued } = useFieldWriter();
  const { form, onSubmit, formError } = useActionForm(loadAuthorizationSchema, (values) => write("authorization.record", values), {
    defaultValues: { visitId, mode: "signature", relationship: "owner", personName: "", signature: "", typedAcknowledgement: "" },
    toast: savedText(queued, "Authorization"),
  });
  const { register, formState, watch, setValue } = form;
  const mode = watch("mode");
  const e = formState.errors;

  useEffect(() => {
    const canvas = canvasRef.current;
    if (!canvas || mode !== "signature") return;
    const ratio = Math.min(window.devicePixelRatio || 1, 2);
    canvas.width = canvas.offsetWidth * ratio;
    canvas.height = canvas.offsetHeight * ratio;
    canvas.getContext("2d")?.scale(ratio, ratio);
    const pad = new SignaturePad(canvas, { backgroundColor: "rgb(255,255,255)", penColor: "rgb(15,23,42)" });
    pad.addEventListener("endStroke", () => setSigned(!pad.isEmpty()));
    padRef.current = pad;
    return () => {
      pad.off();
      padRef.current = null;
    };
  }, [mode]);

  const submit = (ev: React.FormEvent) => {
    const pad = padRef.current;
    setValue("signature", mode === "signature" && pad && !pad.isEmpty() ? pad.toDataURL("image/png") : "");
    return onSubmit(ev);
  };

  return (
    <form onSubmit={submit} noValidate className="space-y-4" aria-label="Authorization">
      <FormMessage error={formError} id="authorization-message" />
      <TextField label="Name of the person authorizing" id="auth-name" autoComplete="off" error={e.personName?.message} {...register("personName")} />
      <SelectField label="Their relationship to the equipment" id="auth-relationship" error={e.relationship?.message} {...register("relationship")}>
        {AUTH_RELATIONSHIPS.map((r) => (
          <option key={r} value={r}>
            {RELATIONSHIP_LABELS[r]}
          </option>
        ))}
      </SelectField>
      <blockquote className="rounded-lg border-l-4 border-brand-700 bg-brand-50 px-3 py-2 text-sm text-slate-800">{AUTHORIZATION_STATEMENT}</blockquote>
      <fieldset>
        <legend className="label">How they confirm</legend>
        <div className="grid grid-cols-2 gap-2">
          {(
            [
              ["signature", "Sign on screen"],
              ["typed", "Type their name"],
            ] as const
          ).map(([value, label]) => (
            <label
              key={value}
              className="flex min-h-11 cursor-pointer items-center gap-2 rounded-lg border border-slate-300 px-3 has-[:checked]:border-brand-700 has-[:checked]:bg-brand-50"
            >
              <input type="radio" value={value} {...register("mode")} className="size-5" />
              <span className="font-medium">{label}</span>
            </label>
          ))}
        </div>
      </fieldset>
      {mode === "signature" ? (
        <div>
          <p id="sig-label" className="label">
            Signature
          </p>
          <canvas
            ref={canvasRef}
            role="img"
            aria-labelledby="sig-label"
            aria-describedby="sig-hint auth-signature-error"
            data-testid="signature-pad"
            className="h-44 w-full touch-none rounded-lg border-2 border-dashed border-slate-400 bg-white"
          />
          <div className="mt-1 flex items-center justify-between gap-2">
            <p id="sig-hint" className="text-sm text-slate-600">
              {signed ? "Signed." : "Ask them to sign with a finger inside the box."}
            </p>
            <button
              type="button"
              className="btn-secondary"
              onClick={() => {
                padRef.current?.clear();
                setSigned(false);
              }}
            >
              Clear signature
            </button>
          </div>
          <p id="auth-signature-error" className="field-error" aria-live="polite">
            {e.signature?.message ?? ""}
          </p>
        </div>
      ) : (
        <TextField
          label="Their full name, typed by them"
          id="auth-typed"
          autoComplete="off"
          hint="Typing their name confirms the statement above."
          error={e.typedAcknowledgement?.message}
          {...register("typedAcknowledgement")}
        />
      )}
      <button type="submit" className="btn-primary w-full" disabled={formState.isSubmitting}>
        {formState.isSubmitting ? "Saving…" : "Record authorization"}
      </button>
    </form>
  );
}
