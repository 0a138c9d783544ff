"use client";
import { ConfirmActionButton } from "@/app/_ui/integrations/confirm-action-button";
import { disableWebhookAction } from "./actions";

export function DisableWebhookButton({ id, url }: { id: string; url: string }) {
  return (
    <ConfirmActionButton label="Disable" ariaLabel={`Disable ${url}`} busyLabel="Disabling…" confirm={`Stop sending events to ${url}?`} run={() => disableWebhookAction({ id })} />
  );
}
