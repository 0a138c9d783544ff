"use client";
import { useState, useTransition } from "react";
import { deleteBackupAction } from "./actions";

export function DeleteBackupButton({ id, version }: { id: string; version: number }) {
  const [pending, start] = useTransition();
  const [error, setError] = useState<string | null>(null);
  return (
    <span>
      <button
        type="button"
        className="btn-danger"
        disabled={pending}
        onClick={() => {
          if (!window.confirm(`Delete backup version ${version}? It will be hidden from everyone; the audit trail keeps a record.`)) return;
          start(async () => {
            const r = await deleteBackupAction({ backupId: id });
            setError(r.ok ? null : r.error);
          });
        }}
      >
        Delete v{version}
      </button>
      <span className="block text-sm text-red-700" aria-live="polite">
        {error ?? ""}
      </span>
    </span>
  );
}
