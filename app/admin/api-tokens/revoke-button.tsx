"use client";
import { ActionButton } from "@/app/_ui/action-button";
import { revokeApiTokenAction } from "./actions";

export function RevokeTokenButton({ id, name }: { id: string; name: string }) {
  return (
    <ActionButton
      action={() => revokeApiTokenAction({ id })}
      label={`Revoke ${name}`}
      pendingLabel="Revoking…"
      className="btn-danger"
      confirm={`Revoke “${name}”? Anything using it stops working at once.`}
      doneMessage={`Token “${name}” revoked.`}
    />
  );
}
