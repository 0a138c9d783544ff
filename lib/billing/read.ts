/**
 * Reads of billing documents, one path for the pages and /api/v1: scoped by
 * billingScope (admins all, customers their own, technicians those of visits
 * assigned to them). Customers and technicians never see drafts.
 */
import "server-only";
import { and, asc, desc, eq, inArray, isNull, ne, sql } from "drizzle-orm";
import { getDb } from "@/db/client";
import { creditNotes, customers, estimates, invoices, payments, users, visits, type EstimateStatus, type InvoiceStatus } from "@/db/schema";
import { can, requirePermission, type Actor } from "@/lib/auth/permissions";
import { billingScope } from "@/lib/auth/scopes";
import { NotFoundError } from "@/lib/platform/errors";
import { cursorKey, keyset, type PageQuery } from "@/lib/platform/pagination";
import { getSettings } from "@/lib/settings/company";
import { readLines } from "./lines";

const readerCheck = (actor: Actor | null) => {
  if (!can(actor, "billing:manage") && !can(actor, "billing:read-own") && !can(actor, "billing:take-on-site")) requirePermission(actor, "billing:manage");
};
/** Drafts are the office's own business. */
const notDraftUnlessOffice = (actor: Actor, col: typeof invoices.status | typeof estimates.status) =>
  can(actor, "billing:manage") ? undefined : ne(col, "draft");

async function todayLocal() {
  const s = await getSettings();
  return new Intl.DateTimeFormat("en-CA", { timeZone: s.timeZone }).format(new Date());
}

const invoiceColumns = (today: string) => ({
  id: invoices.id,
  number: invoices.number,
  status: invoices.status,
  visitId: invoices.visitId,
  visitReference: visits.reference,
  customerId: invoices.customerId,
  customerName: customers.name,
  currency: invoices.currency,
  subtotalCents: invoices.subtotalCents,
  taxCents: invoices.taxCents,
  totalCents: invoices.totalCents,
  paidCents: invoices.paidCents,
  creditedCents: invoices.creditedCents,
  balanceCents:
    sql<number>`CASE WHEN ${invoices.status} = 'void' THEN 0 ELSE ${invoices.totalCents} - ${invoices.paidCents} - ${invoices.creditedCents} END`.mapWith(
      Number,
    ),
  overdue: sql<boolean>`(${invoices.status} IN ('issued','partially_paid') AND ${invoices.dueOn} < ${today}::date)`,
  issuedAt: invoices.issuedAt,
  dueOn: invoices.dueOn,
  createdAt: invoices.createdAt,
});

export type InvoiceFilter = { status?: InvoiceStatus; customerId?: string; visitId?: string };

export async function listInvoices(actor: Actor | null, filter: InvoiceFilter, page: PageQuery) {
  readerCheck(actor);
  const db = await getDb();
  const pager = keyset(invoices.createdAt, invoices.id, page);
  const rows = await db
    .select({ ...invoiceColumns(await todayLocal()), _k: cursorKey(invoices.createdAt) })
    .from(invoices)
    .innerJoin(visits, eq(visits.id, invoices.visitId))
    .innerJoin(customers, eq(customers.id, invoices.customerId))
    .where(
      and(
        billingScope(actor, invoices),
        notDraftUnlessOffice(actor!, invoices.status),
        filter.status ? eq(invoices.status, filter.status) : undefined,
        filter.customerId ? eq(invoices.customerId, filter.customerId) : undefined,
        filter.visitId ? eq(invoices.visitId, filter.visitId) : undefined,
        pager.where,
      ),
    )
    .orderBy(...pager.orderBy)
    .limit(pager.limit);
  return pager.page(rows);
}

export async function getInvoice(actor: Actor | null, id: string) {
  readerCheck(actor);
  const db = await getDb();
  const [row] = await db
    .select({ ...invoiceColumns(await todayLocal()), termsDays: invoices.termsDays, notes: invoices.notes, voidReason: invoices.voidReason })
    .from(invoices)
    .innerJoin(visits, eq(visits.id, invoices.visitId))
    .innerJoin(customers, eq(customers.id, invoices.customerId))
    .where(and(eq(invoices.id, id), billingScope(actor, invoices), notDraftUnlessOffice(actor!, invoices.status)));
  if (!row) throw new NotFoundError("Invoice not found.");
  const [lineMap, pays, cns] = await Promise.all([
    readLines(db, "invoice", [id]),
    db
      .select({
        id: payments.id,
        method: payments.method,
        amountCents: payments.amountCents,
        receivedOn: payments.receivedOn,
        reference: payments.reference,
        recordedAt: payments.recordedAt,
        recordedByName: users.name,
      })
      .from(payments)
      .leftJoin(users, eq(users.id, payments.recordedBy))
      .where(eq(payments.invoiceId, id))
      .orderBy(asc(payments.recordedAt)),
    db
      .select({
        id: creditNotes.id,
        number: creditNotes.number,
        totalCents: creditNotes.totalCents,
        reason: creditNotes.reason,
        issuedAt: creditNotes.issuedAt,
      })
      .from(creditNotes)
      .where(eq(creditNotes.invoiceId, id))
      .orderBy(asc(creditNotes.issuedAt)),
  ]);
  return { ...row, lines: lineMap.get(id) ?? [], payments: pays, creditNotes: cns };
}

const estimateColumns = {
  id: estimates.id,
  visitId: estimates.visitId,
  visitReference: visits.reference,
  customerId: estimates.customerId,
  customerName: customers.name,
  version: estimates.version,
  status: estimates.status,
  current: sql<boolean>`(${estimates.supersededAt} IS NULL)`,
  revision: estimates.revision,
  currency: estimates.currency,
  subtotalCents: estimates.subtotalCents,
  taxCents: estimates.taxCents,
  totalCents: estimates.totalCents,
  sentAt: estimates.sentAt,
  validUntil: estimates.validUntil,
  acceptedName: estimates.acceptedName,
  acceptedAt: estimates.acceptedAt,
  acceptedVia: estimates.acceptedVia,
  declinedAt: estimates.declinedAt,
  createdAt: estimates.createdAt,
};

export async function listEstimates(actor: Actor | null, filter: { status?: EstimateStatus; current?: boolean }, page: PageQuery) {
  readerCheck(actor);
  const db = await getDb();
  const pager = keyset(estimates.createdAt, estimates.id, page);
  const rows = await db
    .select({ ...estimateColumns, _k: cursorKey(estimates.createdAt) })
    .from(estimates)
    .innerJoin(visits, eq(visits.id, estimates.visitId))
    .innerJoin(customers, eq(customers.id, estimates.customerId))
    .where(
      and(
        billingScope(actor, estimates),
        notDraftUnlessOffice(actor!, estimates.status),
        filter.status ? eq(estimates.status, filter.status) : undefined,
        filter.current ? isNull(estimates.supersededAt) : undefined,
        pager.where,
      ),
    )
    .orderBy(...pager.orderBy)
    .limit(pager.limit);
  return pager.page(rows);
}

export async function getEstimate(actor: Actor | null, id: string) {
  readerCheck(actor);
  const db = await getDb();
  const [row] = await db
    .select({ ...estimateColumns, notes: estimates.notes })
    .from(estimates)
    .innerJoin(visits, eq(visits.id, estimates.visitId))
    .innerJoin(customers, eq(customers.id, estimates.customerId))
    .where(and(eq(estimates.id, id), billingScope(actor, estimates), notDraftUnlessOffice(actor!, estimates.status)));
  if (!row) throw new NotFoundError("Estimate not found.");
  return { ...row, lines: (await readLines(db, "estimate", [id])).get(id) ?? [] };
}

export async function listPayments(actor: Actor | null, filter: { invoiceId?: string }, page: PageQuery) {
  readerCheck(actor);
  const db = await getDb();
  const pager = keyset(payments.recordedAt, payments.id, page);
  const rows = await db
    .select({
      id: payments.id,
      invoiceId: payments.invoiceId,
      invoiceNumber: invoices.number,
      customerId: payments.customerId,
      method: payments.method,
      amountCents: payments.amountCents,
      currency: invoices.currency,
      receivedOn: payments.receivedOn,
      reference: payments.reference,
      provider: payments.provider,
      providerRef: payments.providerRef,
      recordedAt: payments.recordedAt,
      _k: cursorKey(payments.recordedAt),
    })
    .from(payments)
    .innerJoin(invoices, eq(invoices.id, payments.invoiceId))
    .where(and(billingScope(actor, invoices), filter.invoiceId ? eq(payments.invoiceId, filter.invoiceId) : undefined, pager.where))
    .orderBy(...pager.orderBy)
    .limit(pager.limit);
  return pager.page(rows);
}

/** What a customer owes: the open balance of their issued invoices (admins for any customer, a customer for themselves). */
export async function customerBalance(actor: Actor | null, customerId: string) {
  if (!can(actor, "billing:manage")) {
    requirePermission(actor, "billing:read-own");
    if (actor.customerId !== customerId) throw new NotFoundError();
  }
  const db = await getDb();
  const today = await todayLocal();
  const [row] = await db
    .select({
      owedCents: sql<number>`coalesce(sum(${invoices.totalCents} - ${invoices.paidCents} - ${invoices.creditedCents}), 0)::int`.mapWith(Number),
      overdueCents:
        sql<number>`coalesce(sum(${invoices.totalCents} - ${invoices.paidCents} - ${invoices.creditedCents}) FILTER (WHERE ${invoices.dueOn} < ${today}::date), 0)::int`.mapWith(
          Number,
        ),
      open: sql<number>`count(*)::int`.mapWith(Number),
      currency: sql<string | null>`min(${invoices.currency})`,
    })
    .from(invoices)
    .where(and(eq(invoices.customerId, customerId), inArray(invoices.status, ["issued", "partially_paid"])));
  const s = await getSettings();
  return {
    owedCents: row?.owedCents ?? 0,
    overdueCents: row?.overdueCents ?? 0,
    openInvoices: row?.open ?? 0,
    currency: (row?.currency ?? s.currency) as typeof s.currency,
  };
}

/** The portal's billing page: my invoices (issued), my current estimates (sent or answered) and my balance. */
export async function myBilling(actor: Actor | null) {
  requirePermission(actor, "billing:read-own");
  const db = await getDb();
  const today = await todayLocal();
  const [invs, ests, balance] = await Promise.all([
    db
      .select(invoiceColumns(today))
      .from(invoices)
      .innerJoin(visits, eq(visits.id, invoices.visitId))
      .innerJoin(customers, eq(customers.id, invoices.customerId))
      .where(and(billingScope(actor, invoices), ne(invoices.status, "draft")))
      .orderBy(desc(invoices.issuedAt))
      .limit(200),
    db
      .select(estimateColumns)
      .from(estimates)
      .innerJoin(visits, eq(visits.id, estimates.visitId))
      .innerJoin(customers, eq(customers.id, estimates.customerId))
      .where(and(billingScope(actor, estimates), ne(estimates.status, "draft"), isNull(estimates.supersededAt)))
      .orderBy(desc(estimates.sentAt))
      .limit(100),
    customerBalance(actor, actor.customerId ?? ""),
  ]);
  return { invoices: invs, estimates: ests, balance };
}
