"use client";
import { useState, useTransition } from "react";
import { advanceVisitAction } from "./actions";

/**
 * One tap moves the visit along (on my way, arrived). `focusAfter`: the id of the element that
 * takes the focus once it worked, when this button goes away with the move (keyboard users
 * would otherwise be left at the top of the page).
 */
export function StatusButton({ visitId, to, label, className = "btn-primary w-full", focusAfter }: { visitId: string; to: "en_route" | "on_site"; label: string; className?: string; focusAfter?: string }) {
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
            if (!r.ok) return setError(r.error);
            if (focusAfter) document.getElementById(focusAfter)?.focus();
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
