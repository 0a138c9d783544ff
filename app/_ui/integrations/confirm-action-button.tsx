"use client";
import { useState, useTransition } from "react";

/** A button that asks for confirmation, runs a server action, and shows its error beside it. */
export function ConfirmActionButton({
  label,
  busyLabel,
  confirm,
  run,
  className = "btn-danger",
  ariaLabel,
}: {
  label: string;
  busyLabel: string;
  confirm: string;
  run: () => Promise<{ ok: true } | { ok: false; error: string }>;
  className?: string;
  ariaLabel?: string;
}) {
  const [pending, start] = useTransition();
  const [error, setError] = useState<string | null>(null);
  return (
    <div>
      <button
        type="button"
        className={className}
        aria-label={ariaLabel}
        disabled={pending}
        onClick={() =>
          start(async () => {
            if (!window.confirm(confirm)) return;
            const r = await run();
            setError(r.ok ? null : r.error);
          })
        }
      >
        {pending ? busyLabel : label}
      </button>
      <p className="text-sm text-red-700" aria-live="polite">
        {error ?? ""}
      </p>
    </div>
  );
}
