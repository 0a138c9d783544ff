"use client";
import { ConfirmActionButton } from "@/app/_ui/integrations/confirm-action-button";
import { revokeApiTokenAction } from "./actions";

export function RevokeTokenButton({ id, name }: { id: string; name: string }) {
  return (
    <ConfirmActionButton
      label={`Revoke ${name}`}
      busyLabel="Revoking…"
      confirm={`Revoke “${name}”? Anything using it stops working at once.`}
      run={() => revokeApiTokenAction({ id })}
    />
  );
}
