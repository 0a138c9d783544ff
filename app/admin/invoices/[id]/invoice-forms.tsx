"use client";
import { useRouter } from "next/navigation";
import { ActionButton } from "@/app/_ui/action-button";
import { FormMessage, SelectField, TextField } from "@/app/_ui/field";
import { LinesEditor, type EditorLine } from "@/app/_ui/billing/lines-editor";
import { errorAt, useActionForm } from "@/app/_ui/use-action-form";
import { creditNoteSchema, invoiceLinesSchema, paymentSchema, voidInvoiceSchema } from "@/lib/billing/schemas";
import type { Currency } from "@/lib/values";
import { PAYMENT_METHOD_LABELS } from "@/lib/values/labels";
import { creditNoteAction, issueInvoiceAction, recordPaymentAction, saveInvoiceLinesAction, voidInvoiceAction } from "../actions";

type Money = { currency: Currency; locale: string; taxRate: number };

export function DraftEditor({ invoiceId, lines, notes, money }: { invoiceId: string; lines: EditorLine[]; notes: string; money: Money }) {
  const router = useRouter();
  return (
    <LinesEditor
      schema={invoiceLinesSchema}
      action={saveInvoiceLinesAction}
      ids={{ invoiceId }}
      lines={lines}
      notes={notes}
      {...money}
      submitLabel="Save lines"
      ariaLabel="Invoice lines"
      onSaved={() => router.refresh()}
    />
  );
}

export function IssueButton({ invoiceId }: { invoiceId: string }) {
  const router = useRouter();
  return (
    <ActionButton
      action={() => issueInvoiceAction({ invoiceId })}
      label="Issue invoice"
      pendingLabel="Issuing…"
      className="btn-primary"
      confirm="Issue this invoice? It gets its number, is emailed with its PDF and can no longer be edited."
      doneMessage={(d) => `Issued as ${d.number}.`}
      onDone={() => router.refresh()}
    />
  );
}

const METHODS = ["card", "cash", "check", "bank_transfer"] as const;

function newRef() {
  return typeof crypto.randomUUID === "function" ? crypto.randomUUID() : undefined;
}

export function PaymentForm({ invoiceId, balance, today }: { invoiceId: string; balance: string; today: string }) {
  const router = useRouter();
  const { form, onSubmit, formError } = useActionForm(paymentSchema, recordPaymentAction as never, {
    sendInput: true,
    defaultValues: { invoiceId, method: "card", amount: balance, receivedOn: today, reference: "", clientRef: newRef() },
    toast: "Payment recorded.",
    onSuccess: () => {
      form.reset({ invoiceId, method: "card", amount: "", receivedOn: today, reference: "", clientRef: newRef() });
      router.refresh();
    },
  });
  const e = form.formState.errors;
  return (
    <form onSubmit={onSubmit} noValidate aria-label="Record a payment" className="grid gap-3 sm:grid-cols-2">
      <div className="sm:col-span-2">
        <FormMessage error={formError} id="payment-message" />
      </div>
      <SelectField label="Method" id="pay-method" error={errorAt(e, "method")} {...form.register("method")}>
        {METHODS.map((m) => (
          <option key={m} value={m}>
            {PAYMENT_METHOD_LABELS[m]}
          </option>
        ))}
      </SelectField>
      <TextField label="Amount" id="pay-amount" inputMode="decimal" error={errorAt(e, "amount")} {...form.register("amount")} />
      <TextField label="Date received" id="pay-date" type="date" error={errorAt(e, "receivedOn")} {...form.register("receivedOn")} />
      <TextField label="Reference (check number, slip…)" id="pay-ref" error={errorAt(e, "reference")} {...form.register("reference")} />
      <button type="submit" className="btn-primary sm:col-span-2 sm:justify-self-start" disabled={form.formState.isSubmitting}>
        {form.formState.isSubmitting ? "Recording…" : "Record payment"}
      </button>
    </form>
  );
}

export function CreditNoteForm({ invoiceId, money }: { invoiceId: string; money: Money }) {
  const router = useRouter();
  return (
    <LinesEditor
      schema={creditNoteSchema}
      action={creditNoteAction}
      ids={{ invoiceId }}
      lines={[{ kind: "adjustment", description: "Credit", quantity: 1, unitPrice: "0.00", taxable: true, deviceId: "" }]}
      reason
      {...money}
      submitLabel="Issue credit note"
      ariaLabel="Credit note"
      onSaved={() => router.refresh()}
    />
  );
}

export function VoidForm({ invoiceId }: { invoiceId: string }) {
  const router = useRouter();
  const { form, onSubmit, formError } = useActionForm(voidInvoiceSchema, voidInvoiceAction, {
    defaultValues: { invoiceId, reason: "" },
    onSuccess: () => router.refresh(),
  });
  return (
    <form onSubmit={onSubmit} noValidate aria-label="Void the invoice" className="space-y-2">
      <FormMessage error={formError} id="void-message" />
      <TextField label="Why is it void?" id="void-reason" error={errorAt(form.formState.errors, "reason")} {...form.register("reason")} />
      <button type="submit" className="btn-secondary" disabled={form.formState.isSubmitting}>
        Void invoice
      </button>
    </form>
  );
}
