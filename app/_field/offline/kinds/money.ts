/** Money taken on site on the phone: the customer's acceptance of the estimate, a payment. */
import type { QueuedWriteKind } from "@/lib/values";
import { PAYMENT_METHOD_LABELS } from "@/lib/values/labels";
import { formatMoney, parseMoney } from "@/lib/billing/money";
import { type ClientKind, pendingOf, str } from "./shared";

export const MONEY_KINDS = {
  "estimate.accept": {
    // What acceptEstimateOnSite (lib/billing/estimates.ts) refuses that the phone can tell; expiry and changes are the server's to judge.
    check: (job, input) => {
      const e = job.billing?.estimate;
      if (!e || e.id !== input.estimateId) return "Estimate not found.";
      if (e.status === "accepted") return "This estimate was already accepted.";
      if (e.status !== "sent") return "This estimate has not been sent to the customer yet.";
      return null;
    },
    summary: (i) => `Estimate accepted by ${str(i.name)}`,
    apply: (job, item) => {
      const e = job.billing?.estimate;
      if (!e || e.id !== item.input.estimateId || e.status === "accepted") return;
      Object.assign(e, { status: "accepted", acceptedName: str(item.input.name), acceptedAt: item.madeAt, acceptedVia: "on_site", pending: pendingOf(item) });
    },
  },
  "payment.record": {
    // What recordOnSitePayment (lib/billing/payments.ts) refuses that the phone can tell from its copy of the balance.
    check: (job, input) => {
      if (job.visit.status !== "completed") return "Complete the visit first: the payment goes on its invoice.";
      const b = job.billing?.balance;
      if (!b) return "The invoice is made when the completion reaches the office: take the payment once it has synced.";
      const cents = parseMoney(str(input.amount));
      if (cents === null || cents <= 0) return { error: "Enter the amount paid, e.g. 49.00.", fieldErrors: { amount: ["Enter the amount paid, e.g. 49.00."] } };
      if (b.balanceCents <= 0) return "This invoice is paid in full: nothing is owed.";
      if (cents > b.balanceCents) {
        const msg = `That is more than the balance of ${formatMoney(b.balanceCents, b.currency, job.locale)}. Overpayments are not recorded.`;
        return { error: msg, fieldErrors: { amount: [msg] } };
      }
      return null;
    },
    summary: (i, job) => {
      const cents = parseMoney(str(i.amount));
      const b = job?.billing?.balance;
      const amount = cents === null ? str(i.amount) : formatMoney(cents, b?.currency ?? "USD", job?.locale);
      return `Payment: ${amount} by ${(PAYMENT_METHOD_LABELS[i.method as "card"] ?? str(i.method)).replace(" (on site)", "").toLowerCase()}`;
    },
    apply: (job, item) => {
      const b = job.billing?.balance;
      const cents = parseMoney(str(item.input.amount));
      if (!b || cents === null) return;
      b.balanceCents = Math.max(0, b.balanceCents - cents);
      Object.assign(b, { pending: pendingOf(item) });
    },
  },
} satisfies Partial<Record<QueuedWriteKind, ClientKind>>;
