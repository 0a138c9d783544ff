"use client";
import { X } from "lucide-react";
import { useFieldArray, useWatch, type FieldValues } from "react-hook-form";
import type { z } from "zod";
import { FormMessage, SelectField, TextField } from "@/app/_ui/field";
import { errorAt, useActionForm } from "@/app/_ui/use-action-form";
import { formatMoney, lineTax, parseMoney } from "@/lib/billing/money";
import type { ActionResult } from "@/lib/platform/action-result";
import { LINE_KINDS, type Currency } from "@/lib/values";
import { LINE_KIND_LABELS } from "@/lib/values/labels";
import type { LineFormInput } from "@/lib/billing/schemas";

export type EditorLine = LineFormInput;

type Props<S extends z.ZodType<FieldValues, FieldValues>> = {
  schema: S;
  action: (input: z.input<S>) => Promise<ActionResult<unknown>>;
  /** The record's id field and value, e.g. { invoiceId }. */
  ids: Record<string, string>;
  lines: EditorLine[];
  notes?: string;
  /** Extra fields of the form (a credit note's reason). */
  reason?: boolean;
  currency: Currency;
  locale: string;
  taxRate: number;
  submitLabel: string;
  ariaLabel: string;
  onSaved?: () => void;
};

const blank: EditorLine = { kind: "adjustment", description: "", quantity: 1, unitPrice: "0.00", taxable: true, deviceId: "" };

/**
 * Editable lines (description, quantity, unit price, taxable) with the
 * totals as the server will compute them: tax per line, rounded once, half up.
 */
export function LinesEditor<S extends z.ZodType<FieldValues, FieldValues>>(p: Props<S>) {
  const { form, onSubmit, formError } = useActionForm(p.schema, p.action as never, {
    sendInput: true,
    defaultValues: { ...p.ids, lines: p.lines, notes: p.notes ?? "", ...(p.reason ? { reason: "" } : {}) } as never,
    onSuccess: () => p.onSaved?.(),
  });
  const { fields, append, remove } = useFieldArray({ control: form.control, name: "lines" as never });
  const watched = (useWatch({ control: form.control, name: "lines" as never }) ?? []) as EditorLine[];
  const e = form.formState.errors;
  let subtotal = 0;
  let tax = 0;
  for (const l of watched) {
    const unit = parseMoney(String(l?.unitPrice ?? "")) ?? 0;
    const q = Number(l?.quantity) || 0;
    const net = Number.isInteger(q) && q > 0 && q <= 1000 ? unit * q : 0;
    subtotal += net;
    if (l?.taxable) tax += lineTax(net, p.taxRate);
  }
  const m = (c: number) => formatMoney(c, p.currency, p.locale);
  return (
    <form onSubmit={onSubmit} noValidate aria-label={p.ariaLabel} className="space-y-3">
      <FormMessage error={formError ?? errorAt(e, "lines") ?? null} id={`${p.ariaLabel.replace(/\W+/g, "-").toLowerCase()}-message`} />
      {p.reason ? <TextField label="Reason for the credit" id="credit-reason" error={errorAt(e, "reason")} {...form.register("reason" as never)} /> : null}
      <ol className="space-y-3">
        {fields.map((f, i) => (
          <li key={f.id} className="grid gap-2 rounded-lg border border-slate-200 p-3 sm:grid-cols-[9rem_1fr_5rem_8rem_auto_auto]" data-testid="line">
            <SelectField label="Kind" id={`l-${i}-kind`} error={errorAt(e, `lines.${i}.kind`)} {...form.register(`lines.${i}.kind` as never)}>
              {LINE_KINDS.map((k) => (
                <option key={k} value={k}>
                  {LINE_KIND_LABELS[k]}
                </option>
              ))}
            </SelectField>
            <TextField
              label="Description"
              id={`l-${i}-desc`}
              error={errorAt(e, `lines.${i}.description`)}
              {...form.register(`lines.${i}.description` as never)}
            />
            <TextField
              label="Qty"
              id={`l-${i}-qty`}
              type="number"
              inputMode="numeric"
              min={1}
              max={1000}
              error={errorAt(e, `lines.${i}.quantity`)}
              {...form.register(`lines.${i}.quantity` as never, { valueAsNumber: true })}
            />
            <TextField
              label="Unit price"
              id={`l-${i}-price`}
              inputMode="decimal"
              error={errorAt(e, `lines.${i}.unitPrice`)}
              {...form.register(`lines.${i}.unitPrice` as never)}
            />
            <label className="flex min-h-11 items-center gap-2 self-end pb-6 text-sm">
              <input type="checkbox" className="size-5" {...form.register(`lines.${i}.taxable` as never)} /> Taxable
            </label>
            <button type="button" className="btn-secondary mb-6 self-end px-3" onClick={() => remove(i)} aria-label={`Remove line ${i + 1}`}>
              <X aria-hidden className="size-4" />
            </button>
          </li>
        ))}
      </ol>
      <div className="flex flex-wrap items-center justify-between gap-3">
        <button type="button" className="btn-secondary" onClick={() => append({ ...blank } as never)}>
          Add a line
        </button>
        <p className="text-sm" data-testid="editor-totals">
          Subtotal {m(subtotal)} · Tax {m(tax)} · <strong>Total {m(subtotal + tax)}</strong>
        </p>
      </div>
      {p.reason ? null : (
        <TextField
          label="Notes on the document (optional)"
          id={`${p.ariaLabel.replace(/\W+/g, "-").toLowerCase()}-notes`}
          {...form.register("notes" as never)}
        />
      )}
      <button type="submit" className="btn-primary" disabled={form.formState.isSubmitting}>
        {form.formState.isSubmitting ? "Saving…" : p.submitLabel}
      </button>
    </form>
  );
}
