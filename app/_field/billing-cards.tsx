"use client";
import { CheckCircle2 } from "lucide-react";
import { useRouter } from "next/navigation";
import { useState } from "react";
import { FormMessage, TextField } from "@/app/_ui/field";
import { errorAt, useActionForm } from "@/app/_ui/use-action-form";
import { AcceptEstimateForm } from "@/app/portal/estimates/[id]/answer-estimate";
import { centsToDecimal, formatMoney } from "@/lib/billing/money";
import { onSitePaymentSchema } from "@/lib/billing/schemas";
import { ON_SITE_PAYMENT_METHODS, type Currency, type EstimateStatus, type InvoiceStatus } from "@/lib/values";
import { PAYMENT_METHOD_LABELS } from "@/lib/values/labels";
import { acceptEstimateOnSiteAction, recordOnSitePaymentAction } from "./billing-actions";

export type OnSiteEstimate = {
  id: string;
  version: number;
  status: EstimateStatus;
  revision: number;
  currency: Currency;
  totalCents: number;
  acceptedName: string | null;
  lines: { id: string; description: string; quantity: number; netCents: number }[];
};

/** The estimate on the technician's phone: the lines and total, and the acceptance typed by the person on site (like the authorization). */
export function EstimateOnSite({ visitId, e, locale }: { visitId: string; e: OnSiteEstimate; locale: string }) {
  const m = (c: number) => formatMoney(c, e.currency, locale);
  return (
    <section className="card space-y-3" aria-labelledby="estimate-h" data-testid="estimate-on-site">
      <h2 id="estimate-h" className="text-lg font-semibold">
        Estimate · {m(e.totalCents)}
      </h2>
      <ul className="text-sm">
        {e.lines.map((l) => (
          <li key={l.id} className="flex justify-between gap-2 border-b border-slate-100 py-1">
            <span>
              {l.quantity > 1 ? `${l.quantity} × ` : ""}
              {l.description}
            </span>
            <span>{m(l.netCents)}</span>
          </li>
        ))}
      </ul>
      {e.status === "accepted" ? (
        <p className="flex items-center gap-2 font-medium text-green-800">
          <CheckCircle2 aria-hidden className="size-5" /> Accepted by {e.acceptedName}
        </p>
      ) : e.status === "sent" ? (
        <AcceptEstimateForm
          estimateId={e.id}
          revision={e.revision}
          accept={(input) => acceptEstimateOnSiteAction({ ...input, visitId })}
          label="Their full name, typed by them"
          hint="The person on site types their name to accept the estimate (total above, tax included)."
        />
      ) : (
        <p className="text-sm text-slate-700">{e.status === "declined" ? "The customer declined this estimate." : "Not sent to the customer yet."}</p>
      )}
    </section>
  );
}

export type OnSiteBalance = { invoiceId: string; number: string | null; status: InvoiceStatus; currency: Currency; totalCents: number; balanceCents: number };

const newRef = () =>
  typeof crypto.randomUUID === "function" ? crypto.randomUUID() : "00000000-0000-4000-8000-" + Date.now().toString(16).padStart(12, "0").slice(-12);

/** At completion: take a card, cash or check payment for what the visit's invoice says (phone first, 44 px targets). */
export function TakePayment({ visitId, b, locale }: { visitId: string; b: OnSiteBalance; locale: string }) {
  const router = useRouter();
  const [done, setDone] = useState<string | null>(null);
  const m = (c: number) => formatMoney(c, b.currency, locale);
  const { form, onSubmit, formError } = useActionForm(onSitePaymentSchema, recordOnSitePaymentAction as never, {
    sendInput: true,
    defaultValues: { visitId, method: "card", amount: centsToDecimal(b.balanceCents), reference: "", clientRef: newRef() },
    onSuccess: () => {
      setDone("Payment recorded. Thank you!");
      router.refresh();
    },
  });
  const e = form.formState.errors;
  return (
    <section className="card space-y-3" aria-labelledby="pay-h" data-testid="take-payment">
      <h2 id="pay-h" className="text-lg font-semibold">
        Payment
      </h2>
      <p>
        Total {m(b.totalCents)} · <strong data-testid="amount-due">due {m(b.balanceCents)}</strong>
      </p>
      <FormMessage error={formError} success={done} id="take-payment-message" />
      {b.balanceCents > 0 ? (
        <form onSubmit={onSubmit} noValidate aria-label="Take a payment" className="space-y-3">
          <fieldset>
            <legend className="label">How they pay</legend>
            <div className="grid grid-cols-3 gap-2">
              {ON_SITE_PAYMENT_METHODS.map((method) => (
                <label
                  key={method}
                  className="flex min-h-11 cursor-pointer items-center justify-center gap-2 rounded-lg border border-slate-300 px-2 has-[:checked]:border-brand-700 has-[:checked]:bg-brand-50"
                >
                  <input type="radio" value={method} className="size-5" {...form.register("method")} />
                  <span className="font-medium">{PAYMENT_METHOD_LABELS[method].replace(" (on site)", "")}</span>
                </label>
              ))}
            </div>
            <p className="field-error">{errorAt(e, "method") ?? ""}</p>
          </fieldset>
          <TextField label="Amount" id="take-amount" inputMode="decimal" error={errorAt(e, "amount")} {...form.register("amount")} />
          <TextField label="Reference (card slip, check number)" id="take-ref" error={errorAt(e, "reference")} {...form.register("reference")} />
          <button type="submit" className="btn-primary w-full text-base" disabled={form.formState.isSubmitting}>
            {form.formState.isSubmitting ? "Recording…" : "Record payment"}
          </button>
        </form>
      ) : (
        <p className="flex items-center gap-2 font-medium text-green-800">
          <CheckCircle2 aria-hidden className="size-5" /> Paid in full.
        </p>
      )}
    </section>
  );
}
