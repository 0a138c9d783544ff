"use client";
import { ActionButton } from "@/app/_ui/action-button";
import { disableWebhookAction } from "./actions";

export function DisableWebhookButton({ id, url }: { id: string; url: string }) {
  return (
    <ActionButton
      action={() => disableWebhookAction({ id })}
      label="Disable"
      ariaLabel={`Disable ${url}`}
      pendingLabel="Disabling…"
      className="btn-danger"
      confirm={`Stop sending events to ${url}?`}
      doneMessage={`No more events go to ${url}.`}
    />
  );
}
