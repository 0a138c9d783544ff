"use client";
import { CheckCircle2 } from "lucide-react";
import { v7 as uuidv7 } from "uuid";
import { FormMessage, TextField } from "@/app/_ui/field";
import { errorAt, useActionForm } from "@/app/_ui/use-action-form";
import { centsToDecimal, formatMoney } from "@/lib/billing/money";
import type { FieldBilling } from "@/lib/field/sync";
import { ON_SITE_PAYMENT_METHODS } from "@/lib/values";
import { PAYMENT_METHOD_LABELS } from "@/lib/values/labels";
import { PendingMark } from "./pending-mark";
import { useFieldWriter } from "./write-context";

export type OnSiteEstimate = NonNullable<FieldBilling["estimate"]> & { pending?: unknown };
export type OnSiteBalance = NonNullable<FieldBilling["balance"]> & { pending?: unknown };

// Loaded on first use (zod stays out of the job page's first load).
const loadAcceptSchema = () => import("@/lib/billing/schemas").then((m) => m.onSiteAcceptSchema);
const loadPaymentSchema = () => import("@/lib/billing/schemas").then((m) => m.onSitePaymentSchema);

/**
 * The estimate on the technician's phone: the lines and total, and the
 * acceptance typed by the person on site (like the authorization). A field
 * write ("estimate.accept"): saved on the phone at once, sent when there is a
 * connection; the server checks the estimate has not changed or expired.
 */
export function EstimateOnSite({ visitId, e, locale }: { visitId: string; e: OnSiteEstimate; locale: string }) {
  const m = (c: number) => formatMoney(c, e.currency, locale);
  return (
    <section className="card space-y-3" aria-labelledby="estimate-h" data-testid="estimate-on-site">
      <h2 id="estimate-h" className="text-lg font-semibold">
        Estimate · {m(e.totalCents)}
      </h2>
      <ul className="text-sm">
        {e.lines.map((l) => (
          <li key={l.id} className="flex justify-between gap-2 border-b border-slate-100 py-1 dark:border-slate-700">
            <span>
              {l.quantity > 1 ? `${l.quantity} × ` : ""}
              {l.description}
            </span>
            <span>{m(l.netCents)}</span>
          </li>
        ))}
      </ul>
      {e.status === "accepted" ? (
        <div className="space-y-1">
          {e.pending ? <PendingMark /> : null}
          <p className="flex items-center gap-2 font-medium text-green-800">
            <CheckCircle2 aria-hidden className="size-5" /> Accepted by {e.acceptedName}
          </p>
        </div>
      ) : e.status === "sent" ? (
        <AcceptOnSite visitId={visitId} e={e} />
      ) : (
        <p className="text-sm text-slate-700">{e.status === "declined" ? "The customer declined this estimate." : "Not sent to the customer yet."}</p>
      )}
    </section>
  );
}

function AcceptOnSite({ visitId, e }: { visitId: string; e: OnSiteEstimate }) {
  const { write, queued } = useFieldWriter();
  const { form, onSubmit, formError } = useActionForm(loadAcceptSchema, (values) => write("estimate.accept", values), {
    defaultValues: { visitId, estimateId: e.id, revision: e.revision, name: "" },
    toast: queued ? "Estimate accepted on this phone." : "Estimate accepted.",
  });
  return (
    <form onSubmit={onSubmit} noValidate aria-label="Accept the estimate" className="space-y-3">
      <FormMessage error={formError} id="accept-message" />
      <TextField
        label="Their full name, typed by them"
        id="accept-name"
        autoComplete="off"
        hint="The person on site types their name to accept the estimate (total above, tax included)."
        error={errorAt(form.formState.errors, "name")}
        {...form.register("name")}
      />
      <button type="submit" className="btn-primary w-full sm:w-auto" disabled={form.formState.isSubmitting}>
        {form.formState.isSubmitting ? "Accepting…" : "Accept estimate"}
      </button>
    </form>
  );
}

/**
 * At completion: take a card, cash or check payment for what the visit's
 * invoice says (phone first, 44 px targets). A field write ("payment.record")
 * with its own payment reference, so a resend records one payment. The
 * invoice is drafted by the server when the completion arrives: a visit
 * completed offline takes its payment once that has synced.
 */
export function TakePayment({ visitId, b, locale, queued }: { visitId: string; b: OnSiteBalance | null; locale: string; queued: boolean }) {
  return (
    <section className="card space-y-3" aria-labelledby="pay-h" data-testid="take-payment">
      <h2 id="pay-h" className="text-lg font-semibold">
        Payment
      </h2>
      {b ? (
        <PaymentForm key={`${b.invoiceId}:${b.balanceCents}`} visitId={visitId} b={b} locale={locale} queued={queued} />
      ) : (
        <p className="text-slate-700" data-testid="payment-waiting">
          The invoice is made when the completion reaches the office. Take the payment once it has synced (or ask the office to send the invoice).
        </p>
      )}
    </section>
  );
}

function PaymentForm(props: { visitId: string; b: OnSiteBalance; locale: string; queued: boolean }) {
  const { visitId, b, locale, queued } = props;
  const { write } = useFieldWriter();
  const m = (c: number) => formatMoney(c, b.currency, locale);
  const { form, onSubmit, formError } = useActionForm(loadPaymentSchema, ((input: Record<string, unknown>) => write("payment.record", input)) as never, {
    sendInput: true,
    defaultValues: { visitId, method: "card", amount: centsToDecimal(b.balanceCents), reference: "", clientRef: uuidv7() },
    toast: queued ? "Payment saved on this phone; it is sent when there is a connection." : "Payment recorded. Thank you!",
  });
  const e = form.formState.errors;
  return (
    <>
      <p>
        Total {m(b.totalCents)} · <strong data-testid="amount-due">due {m(b.balanceCents)}</strong> {b.pending ? <PendingMark /> : null}
      </p>
      <FormMessage error={formError} id="take-payment-message" />
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
    </>
  );
}
