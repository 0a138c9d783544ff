import "server-only";
import { eq } from "drizzle-orm";
import type { Executor } from "@/db/client";
import { invoices } from "@/db/schema";
import { emitEvent } from "@/lib/webhooks/emit";

/** invoice.issued / invoice.paid: the invoice's ids, number and amounts (no personal details), in the transaction that made the change. */
export async function emitInvoiceEvent(tx: Executor, event: "invoice.issued" | "invoice.paid", invoiceId: string) {
  const [i] = await tx
    .select({
      id: invoices.id,
      number: invoices.number,
      status: invoices.status,
      visitId: invoices.visitId,
      customerId: invoices.customerId,
      currency: invoices.currency,
      totalCents: invoices.totalCents,
      paidCents: invoices.paidCents,
      creditedCents: invoices.creditedCents,
      issuedAt: invoices.issuedAt,
      dueOn: invoices.dueOn,
    })
    .from(invoices)
    .where(eq(invoices.id, invoiceId));
  if (!i) return null;
  return emitEvent(tx, event, { invoice: { ...i, issuedAt: i.issuedAt?.toISOString() ?? null } });
}
