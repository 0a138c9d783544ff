"use client";
import { ActionButton } from "@/app/_ui/action-button";
import { deleteBackupAction } from "./actions";

export function DeleteBackupButton({ id, version }: { id: string; version: number }) {
  return (
    <ActionButton
      action={() => deleteBackupAction({ backupId: id })}
      label={`Delete v${version}`}
      pendingLabel="Deleting…"
      className="btn-danger"
      confirm={`Delete backup version ${version}? It will be hidden from everyone; the audit trail keeps a record.`}
      doneMessage={`Backup version ${version} deleted.`}
    />
  );
}
