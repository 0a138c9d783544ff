import type { InputHTMLAttributes, ReactNode, SelectHTMLAttributes, TextareaHTMLAttributes } from "react";
import { forwardRef } from "react";

type Common = { label: ReactNode; name: string; error?: string; hint?: ReactNode; id?: string };

function describedBy(id: string, error?: string, hint?: ReactNode) {
  return [hint ? `${id}-hint` : null, error ? `${id}-error` : null].filter(Boolean).join(" ") || undefined;
}

function Extras({ id, error, hint }: { id: string; error?: string; hint?: ReactNode }) {
  return (
    <>
      {hint ? (
        <p id={`${id}-hint`} className="mt-1 text-sm text-slate-600">
          {hint}
        </p>
      ) : null}
      <p id={`${id}-error`} className="field-error" aria-live="polite">
        {error ?? ""}
      </p>
    </>
  );
}

/** A labelled input whose error and hint are announced to screen readers. */
export const TextField = forwardRef<HTMLInputElement, Common & InputHTMLAttributes<HTMLInputElement>>(function TextField(
  { label, name, error, hint, id, className, ...rest },
  ref,
) {
  const fieldId = id ?? `f-${name.replace(/\W/g, "-")}`;
  return (
    <div className={className}>
      <label htmlFor={fieldId} className="label">
        {label}
      </label>
      <input
        ref={ref}
        id={fieldId}
        name={name}
        className="input"
        aria-invalid={error ? true : undefined}
        aria-describedby={describedBy(fieldId, error, hint)}
        {...rest}
      />
      <Extras id={fieldId} error={error} hint={hint} />
    </div>
  );
});

export const SelectField = forwardRef<HTMLSelectElement, Common & SelectHTMLAttributes<HTMLSelectElement> & { children: ReactNode }>(function SelectField(
  { label, name, error, hint, id, className, children, ...rest },
  ref,
) {
  const fieldId = id ?? `f-${name.replace(/\W/g, "-")}`;
  return (
    <div className={className}>
      <label htmlFor={fieldId} className="label">
        {label}
      </label>
      <select
        ref={ref}
        id={fieldId}
        name={name}
        className="input"
        aria-invalid={error ? true : undefined}
        aria-describedby={describedBy(fieldId, error, hint)}
        {...rest}
      >
        {children}
      </select>
      <Extras id={fieldId} error={error} hint={hint} />
    </div>
  );
});

export const TextAreaField = forwardRef<HTMLTextAreaElement, Common & TextareaHTMLAttributes<HTMLTextAreaElement>>(function TextAreaField(
  { label, name, error, hint, id, className, ...rest },
  ref,
) {
  const fieldId = id ?? `f-${name.replace(/\W/g, "-")}`;
  return (
    <div className={className}>
      <label htmlFor={fieldId} className="label">
        {label}
      </label>
      <textarea
        ref={ref}
        id={fieldId}
        name={name}
        className="input min-h-24"
        aria-invalid={error ? true : undefined}
        aria-describedby={describedBy(fieldId, error, hint)}
        {...rest}
      />
      <Extras id={fieldId} error={error} hint={hint} />
    </div>
  );
});

/** A form-level message region (errors and confirmations), announced politely. */
export function FormMessage({ error, success, id = "form-message" }: { error?: string | null; success?: string | null; id?: string }) {
  return (
    <div id={id} aria-live="polite" data-testid="form-message">
      {error ? <p className="rounded-lg border border-red-300 bg-red-50 px-3 py-2 text-sm text-red-800">{error}</p> : null}
      {success ? <p className="rounded-lg border border-green-300 bg-green-50 px-3 py-2 text-sm text-green-800">{success}</p> : null}
    </div>
  );
}
