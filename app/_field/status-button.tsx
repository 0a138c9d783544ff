"use client";
import { useState, useTransition } from "react";
import { advanceVisitAction } from "./actions";

/** One tap moves the visit along (on my way, arrived). */
export function StatusButton({ visitId, to, label, className = "btn-primary w-full" }: { visitId: string; to: "en_route" | "on_site"; label: string; className?: string }) {
  const [pending, start] = useTransition();
  const [error, setError] = useState<string | null>(null);
  return (
    <div className="w-full">
      <button
        type="button"
        className={className}
        disabled={pending}
        onClick={() =>
          start(async () => {
            setError(null);
            const r = await advanceVisitAction({ visitId, to });
            if (!r.ok) setError(r.error);
          })
        }
      >
        {pending ? "Saving…" : label}
      </button>
      <p className="mt-1 text-sm text-red-700" aria-live="polite">
        {error ?? ""}
      </p>
    </div>
  );
}
