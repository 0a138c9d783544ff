"use client";
import { useState } from "react";
import { FormMessage, TextField } from "@/app/_ui/field";
import { ShownOnce } from "@/app/_ui/integrations/shown-once";
import { useActionForm } from "@/app/_ui/use-action-form";
import { EVENT_LABELS, WEBHOOK_EVENTS } from "@/lib/webhooks/events";
import { createWebhookSchemaFor, webhookUrlHint } from "@/lib/webhooks/schemas";
import { createWebhookAction } from "./actions";

/** `allowPrivate`: the server's FIELDKEY_WEBHOOKS_ALLOW_PRIVATE, so the form says and checks what the server will accept. */
export function CreateWebhookForm({ allowPrivate = false }: { allowPrivate?: boolean }) {
  const [secret, setSecret] = useState<string | null>(null);
  const [schema] = useState(() => createWebhookSchemaFor(allowPrivate));
  const { form, onSubmit, formError } = useActionForm(schema, createWebhookAction, {
    defaultValues: { url: "", description: "", events: [] },
    onSuccess: (data) => {
      setSecret(data.secret);
      form.reset({ url: "", description: "", events: [] });
    },
  });
  const { register, formState } = form;
  const e = formState.errors;
  return (
    <div className="space-y-4">
      {secret ? (
        <ShownOnce
          label="Signing secret of the new endpoint"
          value={secret}
          note="Give it to the receiving system so it can verify the FieldKey-Signature header. It is shown only this once."
        />
      ) : null}
      <form onSubmit={onSubmit} noValidate className="grid gap-4 sm:grid-cols-2" aria-label="Add webhook endpoint">
        <div className="sm:col-span-2">
          <FormMessage error={formError} />
        </div>
        <TextField
          label="Endpoint URL"
          id="webhook-url"
          type="url"
          placeholder="https://example.com/fieldkey"
          hint={webhookUrlHint(allowPrivate)}
          error={e.url?.message}
          {...register("url")}
        />
        <TextField label="Description (optional)" id="webhook-description" error={e.description?.message} {...register("description")} />
        <fieldset className="sm:col-span-2" aria-describedby="webhook-events-error">
          <legend className="label">Events</legend>
          <div className="grid gap-2 sm:grid-cols-2">
            {WEBHOOK_EVENTS.map((ev) => (
              <label key={ev} className="flex items-start gap-2 text-sm">
                <input type="checkbox" value={ev} className="mt-1 size-4 shrink-0" {...register("events")} />
                <span>
                  <code>{ev}</code> — {EVENT_LABELS[ev]}
                </span>
              </label>
            ))}
          </div>
          <p id="webhook-events-error" className="field-error" aria-live="polite">
            {e.events?.message ?? (e.events as { root?: { message?: string } } | undefined)?.root?.message ?? ""}
          </p>
        </fieldset>
        <div>
          <button type="submit" className="btn-primary" disabled={formState.isSubmitting}>
            {formState.isSubmitting ? "Adding…" : "Add endpoint"}
          </button>
        </div>
      </form>
    </div>
  );
}
