"use client";
import { useState, useTransition } from "react";
import { rotateKeysAction } from "./actions";

export function RotateKeysButton({ pending }: { pending: number }) {
  const [busy, start] = useTransition();
  const [message, setMessage] = useState<string | null>(null);
  return (
    <div>
      <button
        type="button"
        className="btn-primary"
        disabled={busy || pending === 0}
        onClick={() =>
          start(async () => {
            const r = await rotateKeysAction({});
            setMessage(r.ok ? `Re-encrypted ${r.data.reencrypted} backup(s)${r.data.failed.length ? `; ${r.data.failed.length} failed their integrity check and were left as they are` : ""}.` : r.error);
          })
        }
      >
        {busy ? "Re-encrypting…" : `Re-encrypt ${pending} backup(s) under the current key`}
      </button>
      <p className="mt-2 text-sm" aria-live="polite">{message ?? ""}</p>
    </div>
  );
}
