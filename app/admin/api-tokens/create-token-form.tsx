"use client";
import { useState } from "react";
import { FormMessage, SelectField, TextField } from "@/app/_ui/field";
import { ShownOnce } from "@/app/_ui/integrations/shown-once";
import { useActionForm } from "@/app/_ui/use-action-form";
import { API_SCOPES, SCOPE_LABELS } from "@/lib/api/scopes";
import { createApiTokenSchema } from "@/lib/api/token-schemas";
import { createApiTokenAction } from "./actions";

type Person = { id: string; name: string; role: string; email: string };

export function CreateTokenForm({ people }: { people: Person[] }) {
  const [created, setCreated] = useState<{ token: string; name: string } | null>(null);
  const { form, onSubmit, formError } = useActionForm(createApiTokenSchema, createApiTokenAction, {
    defaultValues: { name: "", userId: "", scopes: [], expiresOn: "" },
    toast: (): string => `Token “${form.getValues("name")}” created. Copy it now: it is shown once.`,
    onSuccess: (data) => {
      setCreated({ token: data.token, name: form.getValues("name") });
      form.reset({ name: "", userId: "", scopes: [], expiresOn: "" });
    },
  });
  const { register, formState } = form;
  const e = formState.errors;
  return (
    <div className="space-y-4">
      {created ? (
        <ShownOnce
          label={`New token “${created.name}”`}
          value={created.token}
          note="Copy it now and store it in the other system's secret settings. It is shown only this once: FieldKey keeps only a fingerprint of it."
        />
      ) : null}
      <form onSubmit={onSubmit} noValidate className="grid gap-4 sm:grid-cols-2" aria-label="Create API token">
        <div className="sm:col-span-2">
          <FormMessage error={formError} />
        </div>
        <TextField label="Name" id="token-name" hint="What will use it, e.g. “Accounting sync”." error={e.name?.message} {...register("name")} />
        <SelectField
          label="Acts as"
          id="token-user"
          hint="The token sees and does only what this person may."
          error={e.userId?.message}
          {...register("userId")}
        >
          <option value="">Choose a person…</option>
          {people.map((p) => (
            <option key={p.id} value={p.id}>
              {p.name} ({p.role}, {p.email})
            </option>
          ))}
        </SelectField>
        <fieldset className="sm:col-span-2" aria-describedby="token-scopes-error">
          <legend className="label">Scopes</legend>
          <div className="grid gap-2 sm:grid-cols-2">
            {API_SCOPES.map((s) => (
              <label key={s} className="flex items-start gap-2 text-sm">
                <input type="checkbox" value={s} className="mt-1 size-4 shrink-0" {...register("scopes")} />
                <span>
                  <code>{s}</code> — {SCOPE_LABELS[s]}
                </span>
              </label>
            ))}
          </div>
          <p id="token-scopes-error" className="field-error" aria-live="polite">
            {e.scopes?.message ?? ""}
          </p>
        </fieldset>
        <TextField
          label="Expires on (optional)"
          id="token-expires"
          type="date"
          hint="It stops working at the end of that day."
          error={e.expiresOn?.message}
          {...register("expiresOn")}
        />
        <div className="flex items-end">
          <button type="submit" className="btn-primary" disabled={formState.isSubmitting}>
            {formState.isSubmitting ? "Creating…" : "Create token"}
          </button>
        </div>
      </form>
    </div>
  );
}
