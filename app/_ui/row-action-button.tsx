"use client";
import { useState, useTransition } from "react";

type Result = { ok: true } | { ok: false; error: string };

/** A button that runs one server action (e.g. "Remove …") and announces a failure next to itself. */
export function RowActionButton({
  label,
  context,
  pendingLabel,
  action,
  className = "btn-secondary",
}: {
  label: string;
  /** Read to screen readers after the label (e.g. which row), not shown. */
  context?: string;
  pendingLabel?: string;
  action: () => Promise<Result>;
  className?: string;
}) {
  const [pending, start] = useTransition();
  const [error, setError] = useState<string | null>(null);
  return (
    <span className="inline-flex flex-col items-start">
      <button
        type="button"
        className={className}
        disabled={pending}
        onClick={() =>
          start(async () => {
            try {
              const r = await action();
              setError(r.ok ? null : r.error);
            } catch {
              setError("We could not reach the server. Try again.");
            }
          })
        }
      >
        {pending ? (pendingLabel ?? "Working…") : label}
        {context ? <span className="sr-only"> {context}</span> : null}
      </button>
      <span className="text-sm text-red-700" aria-live="polite">
        {error ?? ""}
      </span>
    </span>
  );
}
