import "server-only";
import { and, eq, ne, sql } from "drizzle-orm";
import { DateTime } from "luxon";
import { getDb, type Executor } from "@/db/client";
import { invoiceLines, invoices, vendorCases, visits, type InvoiceStatus } from "@/db/schema";
import { audit } from "@/lib/audit/log";
import { requirePermission, type Actor } from "@/lib/auth/permissions";
import { billingScope } from "@/lib/auth/scopes";
import { visitDevicesWithAttempts } from "@/lib/field/job";
import type { DeviceState } from "@/lib/field/resolution";
import { ConflictError, NotFoundError, parseInput, pgError } from "@/lib/platform/errors";
import { getSettings, type CompanySettings } from "@/lib/settings/company";
import { formatMoney, percentToRate } from "./money";
import { emitInvoiceEvent } from "./events";
import { priceFormLines, replaceInvoiceLines } from "./lines";
import { queueDocumentMail } from "./mail";
import { nextNumber } from "./numbering";
import { priceVisit, type DeviceCharge } from "./price";
import { loadPriceList, priceRules } from "./price-list";
import { estimateDraftSchema, invoiceIdSchema, invoiceLinesSchema, voidInvoiceSchema } from "./schemas";

/** The status an issued invoice has for its amounts (drafts and void ones keep theirs). */
export function settledStatus(i: { status: InvoiceStatus; totalCents: number; paidCents: number; creditedCents: number }): InvoiceStatus {
  if (i.status === "draft" || i.status === "void") return i.status;
  if (i.paidCents + i.creditedCents >= i.totalCents) return "paid";
  return i.paidCents > 0 ? "partially_paid" : "issued";
}

export const balanceOf = (i: { totalCents: number; paidCents: number; creditedCents: number }) => i.totalCents - i.paidCents - i.creditedCents;

const CHARGE: Partial<Record<DeviceState, DeviceCharge>> = { recovered: "recovered", unresolved: "unrecovered", not_attempted: "not_attempted" };

/**
 * The draft invoice of a completed visit, from the work done: the call-out,
 * each device charged or not by its outcome and the no-fix-no-fee policy,
 * one handling fee per vendor case, surcharges by the visit's start. Runs in
 * the completing transaction (and for admins, on a completed visit without
 * one). Returns the existing invoice when the visit has one (not void).
 */
export async function draftInvoiceForVisit(tx: Executor, visitId: string, actorId: string | null, s?: CompanySettings): Promise<string> {
  const [existing] = await tx
    .select({ id: invoices.id })
    .from(invoices)
    .where(and(eq(invoices.visitId, visitId), ne(invoices.status, "void")));
  if (existing) return existing.id;
  const settings = s ?? (await getSettings(tx));
  const [v] = await tx
    .select({ id: visits.id, customerId: visits.customerId, startsAt: visits.startsAt, createdAt: visits.createdAt, status: visits.status })
    .from(visits)
    .where(eq(visits.id, visitId));
  if (!v) throw new NotFoundError("Visit not found.");
  const [devs, [cases], list] = await Promise.all([
    visitDevicesWithAttempts(tx, visitId, v.status),
    tx
      .select({ n: sql<number>`count(*)::int` })
      .from(vendorCases)
      .where(eq(vendorCases.visitId, visitId)),
    loadPriceList(tx),
  ]);
  const quote = priceVisit({
    priceList: list,
    rules: priceRules(settings),
    devices: devs.map((d) => ({ brand: d.brand, kind: d.kind, model: d.model, deviceId: d.id, charge: CHARGE[d.state] ?? "not_attempted" })),
    vendorCases: cases?.n ?? 0,
    startsAt: v.startsAt,
    bookedAt: v.createdAt,
    perDevice: true,
  });
  const [row] = await tx
    .insert(invoices)
    .values({ visitId, customerId: v.customerId, currency: settings.currency, termsDays: settings.paymentTermsDays, createdBy: actorId })
    .returning({ id: invoices.id });
  await replaceInvoiceLines(tx, row!.id, quote.lines);
  await audit(tx, { actorId, action: "invoice.draft", entityType: "invoice", entityId: row!.id, details: { visitId, totalCents: quote.totalCents } });
  return row!.id;
}

/** The invoice columns a payment or credit reads while holding the row lock. */
export const INVOICE_LOCK = {
  id: invoices.id,
  visitId: invoices.visitId,
  customerId: invoices.customerId,
  number: invoices.number,
  status: invoices.status,
  totalCents: invoices.totalCents,
  paidCents: invoices.paidCents,
  creditedCents: invoices.creditedCents,
  termsDays: invoices.termsDays,
  currency: invoices.currency,
  issuedAt: invoices.issuedAt,
};
export type LockedInvoice = { [K in keyof typeof INVOICE_LOCK]: (typeof invoices.$inferSelect)[K] };

/** The invoice, locked for update, if this actor may see it; otherwise "not found". */
export async function lockInvoice(tx: Executor, actor: Actor, invoiceId: string): Promise<LockedInvoice> {
  const [row] = await tx
    .select(INVOICE_LOCK)
    .from(invoices)
    .where(and(eq(invoices.id, invoiceId), billingScope(actor, invoices)))
    .for("update");
  if (!row) throw new NotFoundError("Invoice not found.");
  return row;
}

/** Admin: make the draft invoice of a completed visit that has none (or whose invoice was voided). */
export async function createInvoiceForVisit(actor: Actor | null, input: unknown) {
  requirePermission(actor, "billing:manage");
  const { visitId } = parseInput(estimateDraftSchema, input);
  const db = await getDb();
  try {
    return await db.transaction(async (tx) => {
      const [v] = await tx.select({ status: visits.status }).from(visits).where(eq(visits.id, visitId)).for("update");
      if (!v) throw new NotFoundError("Visit not found.");
      if (v.status !== "completed") throw new ConflictError("Invoices are made from completed visits: complete the visit first.");
      return { invoiceId: await draftInvoiceForVisit(tx, visitId, actor.id) };
    });
  } catch (err) {
    if (pgError(err)?.constraint === "invoices_one_per_visit") throw new ConflictError("This visit already has an invoice.");
    throw err;
  }
}

/** Admin: replace a draft's lines (totals become their sum; never below what was already paid). */
export async function updateInvoiceLines(actor: Actor | null, input: unknown, ip: string | null) {
  requirePermission(actor, "billing:manage");
  const data = parseInput(invoiceLinesSchema, input);
  const db = await getDb();
  const s = await getSettings();
  return db.transaction(async (tx) => {
    const inv = await lockInvoice(tx, actor, data.invoiceId);
    if (inv.status !== "draft")
      throw new ConflictError(`Invoice ${inv.number ?? ""} is issued: it cannot change. Correct it with a credit note.`.replace("  ", " "));
    const lines = await priceFormLines(tx, inv.customerId, data.lines, percentToRate(s.taxRatePercent) ?? 0);
    const totals = lines.reduce((t, l) => t + l.totalCents, 0);
    if (totals < inv.paidCents + inv.creditedCents) {
      throw new ConflictError(`${formatMoney(inv.paidCents, inv.currency, s.locale)} was already paid on this invoice: its total cannot go below that.`);
    }
    await replaceInvoiceLines(tx, inv.id, lines);
    await tx
      .update(invoices)
      .set({ notes: data.notes || null })
      .where(eq(invoices.id, inv.id));
    await audit(tx, {
      actorId: actor.id,
      action: "invoice.edit",
      entityType: "invoice",
      entityId: inv.id,
      details: { lines: lines.length, totalCents: totals },
      ip,
    });
    return { totalCents: totals };
  });
}

/**
 * Issue a draft: its number comes from the year's counter in this
 * transaction (gap-free), it becomes immutable, is due after the payment
 * terms, and is emailed with its PDF. A draft already paid in full (a card
 * taken on site) is issued as paid.
 */
export async function issueInvoice(actor: Actor | null, input: unknown, ip: string | null = null, opts: { now?: Date; email?: boolean } = {}) {
  requirePermission(actor, "billing:manage");
  const { invoiceId } = parseInput(invoiceIdSchema, input);
  const db = await getDb();
  const s = await getSettings();
  const now = opts.now ?? new Date();
  return db.transaction(async (tx) => {
    const inv = await lockInvoice(tx, actor, invoiceId);
    if (inv.status !== "draft") {
      throw new ConflictError(inv.status === "void" ? "This invoice is void." : `This invoice was already issued as ${inv.number}.`);
    }
    const [count] = await tx
      .select({ n: sql<number>`count(*)::int` })
      .from(invoiceLines)
      .where(eq(invoiceLines.invoiceId, inv.id));
    if (!count?.n) throw new ConflictError("Add at least one line before issuing the invoice.");
    const local = DateTime.fromJSDate(now, { zone: s.timeZone });
    const n = await nextNumber(tx, "invoice", local.year);
    const status = settledStatus({ ...inv, status: "issued" });
    await tx
      .update(invoices)
      .set({
        number: n.number,
        numberYear: n.year,
        numberSeq: n.seq,
        status,
        issuedAt: now,
        issuedBy: actor.id,
        dueOn: local.plus({ days: inv.termsDays }).toISODate()!,
        updatedAt: now,
      })
      .where(eq(invoices.id, inv.id));
    await audit(tx, { actorId: actor.id, action: "invoice.issue", entityType: "invoice", entityId: inv.id, details: { number: n.number, status }, ip });
    await emitInvoiceEvent(tx, "invoice.issued", inv.id);
    if (status === "paid") await emitInvoiceEvent(tx, "invoice.paid", inv.id);
    if (opts.email !== false) await queueDocumentMail(tx, "invoice", inv.id, s); // false: past work loaded in bulk (the demo's books)
    return { number: n.number, status };
  });
}

/** Void an invoice nobody paid (a mistake, a visit billed twice); the visit may then be invoiced again. */
export async function voidInvoice(actor: Actor | null, input: unknown, ip: string | null) {
  requirePermission(actor, "billing:manage");
  const data = parseInput(voidInvoiceSchema, input);
  const db = await getDb();
  return db.transaction(async (tx) => {
    const inv = await lockInvoice(tx, actor, data.invoiceId);
    if (inv.status === "void") throw new ConflictError("This invoice is already void.");
    if (inv.paidCents > 0) throw new ConflictError("Payments were recorded on this invoice: correct it with a credit note instead of voiding it.");
    await tx.update(invoices).set({ status: "void", voidedAt: new Date(), voidReason: data.reason, updatedAt: new Date() }).where(eq(invoices.id, inv.id));
    await audit(tx, {
      actorId: actor.id,
      action: "invoice.void",
      entityType: "invoice",
      entityId: inv.id,
      details: { number: inv.number, reason: data.reason },
      ip,
    });
    return { status: "void" as const };
  });
}
