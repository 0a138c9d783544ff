"use client";
import { useState, useTransition } from "react";
import { disableWebhookAction } from "./actions";

export function DisableWebhookButton({ id, url }: { id: string; url: string }) {
  const [pending, start] = useTransition();
  const [error, setError] = useState<string | null>(null);
  return (
    <div>
      <button
        type="button"
        className="btn-danger"
        aria-label={`Disable ${url}`}
        disabled={pending}
        onClick={() =>
          start(async () => {
            if (!window.confirm(`Stop sending events to ${url}?`)) return;
            const r = await disableWebhookAction({ id });
            setError(r.ok ? null : r.error);
          })
        }
      >
        {pending ? "Disabling…" : "Disable"}
      </button>
      <p className="text-sm text-red-700" aria-live="polite">
        {error ?? ""}
      </p>
    </div>
  );
}
