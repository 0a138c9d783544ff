"use client";
import { useState, useTransition } from "react";
import { revokeApiTokenAction } from "./actions";

export function RevokeTokenButton({ id, name }: { id: string; name: string }) {
  const [pending, start] = useTransition();
  const [error, setError] = useState<string | null>(null);
  return (
    <div>
      <button
        type="button"
        className="btn-danger"
        disabled={pending}
        onClick={() =>
          start(async () => {
            if (!window.confirm(`Revoke “${name}”? Anything using it stops working at once.`)) return;
            const r = await revokeApiTokenAction({ id });
            setError(r.ok ? null : r.error);
          })
        }
      >
        {pending ? "Revoking…" : `Revoke ${name}`}
      </button>
      <p className="text-sm text-red-700" aria-live="polite">
        {error ?? ""}
      </p>
    </div>
  );
}
