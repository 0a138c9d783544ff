"use client";
import { ActionButton } from "@/app/_ui/action-button";
import { rotateKeysAction } from "./actions";

export function RotateKeysButton({ pending }: { pending: number }) {
  return (
    <ActionButton
      action={() => rotateKeysAction({})}
      label={`Re-encrypt ${pending} backup(s) under the current key`}
      pendingLabel="Re-encrypting…"
      className="btn-primary"
      disabled={pending === 0}
      doneMessage={(r) =>
        `Re-encrypted ${r.reencrypted} backup(s)${r.failed.length ? `; ${r.failed.length} failed their integrity check and were left as they are` : ""}.`
      }
    />
  );
}
