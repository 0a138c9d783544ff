import "server-only";
import { and, eq, ne } from "drizzle-orm";
import { DateTime } from "luxon";
import { getDb, inTransaction, type Executor, type WriteOptions } from "@/db/client";
import { invoices, payments, visits, type PaymentMethod } from "@/db/schema";
import { audit } from "@/lib/audit/log";
import { requirePermission, type Actor } from "@/lib/auth/permissions";
import { visitScope } from "@/lib/auth/scopes";
import { ConflictError, NotFoundError, parseInput, pgError, ValidationError } from "@/lib/platform/errors";
import { getSettings, type CompanySettings } from "@/lib/settings/company";
import { emitInvoiceEvent } from "./events";
import { balanceOf, INVOICE_LOCK, lockInvoice, settledStatus, type LockedInvoice } from "./invoices";
import { formatMoney } from "./money";
import { onSitePaymentSchema, paymentSchema } from "./schemas";

type PaymentIn = { method: PaymentMethod; amount: number; receivedOn?: string; reference: string; clientRef?: string };

async function replayed(tx: Executor, clientRef: string | undefined, invoiceId: string) {
  if (!clientRef) return null;
  const [p] = await tx
    .select({ id: payments.id, invoiceId: payments.invoiceId, amountCents: payments.amountCents })
    .from(payments)
    .where(eq(payments.clientRef, clientRef));
  if (!p) return null;
  if (p.invoiceId !== invoiceId) throw new ConflictError("This payment form was already used for another invoice. Reload the page.");
  return p;
}

/** Record a payment on a locked invoice: never more than the balance (lib/ and the invoices_paid_within_total check). */
async function record(tx: Executor, actor: Actor, inv: LockedInvoice, p: PaymentIn, s: CompanySettings, ip: string | null, via: "office" | "on_site") {
  const again = await replayed(tx, p.clientRef, inv.id);
  if (again) return { paymentId: again.id, replayed: true, status: inv.status, balanceCents: balanceOf(inv) };
  if (inv.status === "void") throw new ConflictError("This invoice is void: no payments can be recorded on it.");
  const balance = balanceOf(inv);
  if (balance <= 0) throw new ConflictError("This invoice is paid in full: nothing is owed.");
  if (p.amount > balance) {
    const msg = `That is more than the balance of ${formatMoney(balance, inv.currency, s.locale)}. Overpayments are not recorded.`;
    throw new ValidationError(msg, { amount: [msg] });
  }
  const today = DateTime.now().setZone(s.timeZone).toISODate()!;
  if (p.receivedOn && p.receivedOn > today)
    throw new ValidationError("The date received cannot be in the future.", { receivedOn: ["The date received cannot be in the future."] });
  const [row] = await tx
    .insert(payments)
    .values({
      invoiceId: inv.id,
      customerId: inv.customerId,
      method: p.method,
      amountCents: p.amount,
      receivedOn: p.receivedOn ?? today,
      reference: p.reference || null,
      clientRef: p.clientRef ?? null,
      recordedBy: actor.id,
    })
    .returning({ id: payments.id });
  const paidCents = inv.paidCents + p.amount;
  const status = settledStatus({ ...inv, paidCents });
  await tx.update(invoices).set({ paidCents, status, updatedAt: new Date() }).where(eq(invoices.id, inv.id));
  await audit(tx, {
    actorId: actor.id,
    action: "payment.record",
    entityType: "invoice",
    entityId: inv.id,
    details: { paymentId: row!.id, method: p.method, amountCents: p.amount, via, number: inv.number },
    ip,
  });
  if (status === "paid" && inv.status !== "paid") await emitInvoiceEvent(tx, "invoice.paid", inv.id);
  return { paymentId: row!.id, replayed: false, status, balanceCents: balance - p.amount };
}

function onRace(err: unknown): never {
  const c = pgError(err)?.constraint;
  if (c === "invoices_paid_within_total") throw new ConflictError("That is more than the balance. Overpayments are not recorded.");
  throw err;
}

/** Admin: record a payment (cash, check, card, bank transfer; partial payments allowed). */
export async function recordPayment(actor: Actor | null, input: unknown, ip: string | null = null) {
  requirePermission(actor, "billing:manage");
  const data = parseInput(paymentSchema, input);
  const db = await getDb();
  const s = await getSettings();
  return db
    .transaction(async (tx) => {
      const inv = await lockInvoice(tx, actor, data.invoiceId);
      return record(tx, actor, inv, data, s, ip, "office");
    })
    .catch(onRace);
}

/**
 * The technician, at completion, on their phone: a card, cash or check
 * payment on the invoice of a completed visit assigned to them. A visit of
 * someone else is "not found"; `clientRef` (made on the phone) makes a
 * replayed submit record one payment.
 */
export async function recordOnSitePayment(actor: Actor | null, input: unknown, ip: string | null = null, opts: WriteOptions & { madeAt?: Date } = {}) {
  requirePermission(actor, "billing:take-on-site");
  const data = parseInput(onSitePaymentSchema, input);
  const s = await getSettings(opts.tx);
  // Taken offline and sent later (a field write, lib/field/writes): received the day the phone took it, if within the last week (else today).
  const now = DateTime.now().setZone(s.timeZone);
  const taken = opts.madeAt ? DateTime.fromJSDate(opts.madeAt).setZone(s.timeZone).toISODate() : null;
  const receivedOn = taken && taken < now.toISODate()! && taken >= now.minus({ days: 7 }).toISODate()! ? taken : undefined;
  return inTransaction(opts.tx, async (tx) => {
    const [v] = await tx
      .select({ id: visits.id, status: visits.status })
      .from(visits)
      .where(and(eq(visits.id, data.visitId), visitScope(actor)));
    if (!v) throw new NotFoundError("Visit not found.");
    if (v.status !== "completed") throw new ConflictError("Complete the visit first: the payment goes on its invoice.");
    const [i] = await tx
      .select({ id: invoices.id })
      .from(invoices)
      .where(and(eq(invoices.visitId, v.id), ne(invoices.status, "void")));
    if (!i) throw new ConflictError("This visit has no invoice yet; ask the office.");
    // Locked without the billing scope: the visit scope above is the technician's right to it.
    const [inv] = await tx.select(INVOICE_LOCK).from(invoices).where(eq(invoices.id, i.id)).for("update");
    return record(tx, actor, inv!, { ...data, receivedOn }, s, ip, "on_site");
  }).catch(onRace);
}

/** What the technician's "take payment" card shows for a completed visit: the invoice's total and balance (null if none). */
export async function onSiteBalance(actor: Actor | null, visitId: string) {
  requirePermission(actor, "billing:take-on-site");
  const db = await getDb();
  const [row] = await db
    .select({
      invoiceId: invoices.id,
      number: invoices.number,
      status: invoices.status,
      currency: invoices.currency,
      totalCents: invoices.totalCents,
      paidCents: invoices.paidCents,
      creditedCents: invoices.creditedCents,
    })
    .from(invoices)
    .innerJoin(visits, eq(visits.id, invoices.visitId))
    .where(and(eq(invoices.visitId, visitId), ne(invoices.status, "void"), visitScope(actor)));
  return row ? { ...row, balanceCents: balanceOf(row) } : null;
}
