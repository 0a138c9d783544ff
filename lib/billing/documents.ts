import "server-only";
import { and, eq, sql } from "drizzle-orm";
import type { Executor } from "@/db/client";
import { companyFiles, creditNotes, customers, estimates, invoices, sites, users, visits, type Currency } from "@/db/schema";
import { can, type Actor } from "@/lib/auth/permissions";
import { billingScope } from "@/lib/auth/scopes";
import { buildVisitSummary } from "@/lib/field/summary";
import { NotFoundError } from "@/lib/platform/errors";
import type { CompanySettings } from "@/lib/settings/company";
import { ESTIMATE_STATUS_LABELS, INVOICE_STATUS_LABELS } from "@/lib/values/labels";
import { readLines, type DocumentLine } from "./lines";

export type DocumentKind = "invoice" | "estimate" | "credit_note";

/** Everything a PDF (and the pages showing one document) needs, already in words where it matters. */
export type DocumentView = {
  kind: DocumentKind;
  id: string;
  title: string;
  number: string | null;
  status: string;
  statusLabel: string;
  /** Issued (invoice, credit note) or sent (estimate); null for a draft. */
  date: Date | null;
  dueOn: string | null;
  validUntil: string | null;
  overdue: boolean;
  currency: Currency;
  company: { name: string; address: string; phone: string; email: string; logo: { bytes: Buffer; contentType: string } | null };
  customer: { id: string; name: string; email: string | null; phone: string | null };
  site: string;
  visit: { id: string; reference: string; startsAt: Date; technicianName: string | null };
  devices: { label: string; serial: string | null; result: string }[];
  lines: DocumentLine[];
  subtotalCents: number;
  taxCents: number;
  totalCents: number;
  paidCents: number;
  creditedCents: number;
  balanceCents: number;
  taxName: string;
  terms: string;
  notes: string | null;
  /** Credit notes: the invoice they correct; invoices: their credit notes. */
  related: { number: string | null; reason?: string }[];
  acceptance: { name: string; at: Date; via: "portal" | "on_site" } | null;
  revision: number;
  superseded: boolean;
};

export const termsLabel = (days: number) => (days === 0 ? "Due on receipt" : `Net ${days} (due ${days} days after the invoice date)`);

type Head = {
  id: string;
  visitId: string;
  customerId: string;
  currency: Currency;
  subtotalCents: number;
  taxCents: number;
  totalCents: number;
  notes: string | null;
};

/** The document, not scoped: callers check access first (documentFor does). */
export async function loadDocument(db: Executor, kind: DocumentKind, id: string, s: CompanySettings, today = new Date()): Promise<DocumentView | null> {
  let head: Head;
  let extra: Partial<DocumentView> & Pick<DocumentView, "title" | "number" | "status" | "statusLabel" | "date">;
  if (kind === "invoice") {
    const [i] = await db.select().from(invoices).where(eq(invoices.id, id));
    if (!i) return null;
    head = i;
    const cns = await db.select({ number: creditNotes.number, reason: creditNotes.reason }).from(creditNotes).where(eq(creditNotes.invoiceId, id));
    const todayLocal = new Intl.DateTimeFormat("en-CA", { timeZone: s.timeZone }).format(today);
    extra = {
      title: i.number ? `Invoice ${i.number}` : "Draft invoice",
      number: i.number,
      status: i.status,
      statusLabel: INVOICE_STATUS_LABELS[i.status],
      date: i.issuedAt,
      dueOn: i.dueOn,
      overdue: !!i.dueOn && ["issued", "partially_paid"].includes(i.status) && i.dueOn < todayLocal,
      paidCents: i.paidCents,
      creditedCents: i.creditedCents,
      balanceCents: i.status === "void" ? 0 : i.totalCents - i.paidCents - i.creditedCents,
      terms: termsLabel(i.termsDays),
      related: cns,
    };
  } else if (kind === "estimate") {
    const [e] = await db.select().from(estimates).where(eq(estimates.id, id));
    if (!e) return null;
    head = e;
    const [v] = await db.select({ reference: visits.reference }).from(visits).where(eq(visits.id, e.visitId));
    extra = {
      title: `Estimate ${v?.reference ?? ""}-${e.version}`,
      number: `${v?.reference ?? ""}-${e.version}`,
      status: e.status,
      statusLabel: e.supersededAt ? "Replaced by a newer version" : ESTIMATE_STATUS_LABELS[e.status],
      date: e.sentAt,
      validUntil: e.validUntil,
      acceptance: e.acceptedAt && e.acceptedName && e.acceptedVia ? { name: e.acceptedName, at: e.acceptedAt, via: e.acceptedVia } : null,
      revision: e.revision,
      superseded: !!e.supersededAt,
      terms: "An estimate, not a bill: the invoice follows the work actually done.",
    };
  } else {
    const [c] = await db.select().from(creditNotes).where(eq(creditNotes.id, id));
    if (!c) return null;
    const [i] = await db.select({ visitId: invoices.visitId, number: invoices.number }).from(invoices).where(eq(invoices.id, c.invoiceId));
    head = { ...c, visitId: i!.visitId, notes: null };
    extra = {
      title: `Credit note ${c.number}`,
      number: c.number,
      status: "issued",
      statusLabel: "Issued",
      date: c.issuedAt,
      related: [{ number: i!.number, reason: c.reason }],
      terms: `Credits invoice ${i!.number}: ${c.reason}`,
    };
  }
  const [[info], linesMap, [logo]] = await Promise.all([
    db
      .select({
        reference: visits.reference,
        startsAt: visits.startsAt,
        technicianName: users.name,
        customerName: customers.name,
        customerEmail: customers.email,
        customerPhone: customers.phone,
        address: sql<string>`concat_ws(', ', ${sites.addressLine1}, ${sites.addressLine2}, ${sites.city}, ${sites.region} || ' ' || ${sites.postalCode})`,
      })
      .from(visits)
      .innerJoin(customers, eq(customers.id, visits.customerId))
      .innerJoin(sites, eq(sites.id, visits.siteId))
      .leftJoin(users, eq(users.id, visits.technicianId))
      .where(eq(visits.id, head.visitId)),
    readLines(db, kind, [id]),
    db.select({ bytes: companyFiles.bytes, contentType: companyFiles.contentType }).from(companyFiles).where(eq(companyFiles.key, "logo")),
  ]);
  const summary = await buildVisitSummary(db, head.visitId);
  const base: DocumentView = {
    kind,
    id,
    dueOn: null,
    validUntil: null,
    overdue: false,
    currency: head.currency,
    company: { name: s.companyName, address: s.companyAddress, phone: s.companyPhone, email: s.companyEmail, logo: logo ?? null },
    customer: { id: head.customerId, name: info!.customerName, email: info!.customerEmail, phone: info!.customerPhone },
    site: info!.address,
    visit: { id: head.visitId, reference: info!.reference, startsAt: info!.startsAt, technicianName: info!.technicianName },
    devices: summary.devices.map((d) => ({ label: d.label, serial: d.serial, result: d.result })),
    lines: linesMap.get(id) ?? [],
    subtotalCents: head.subtotalCents,
    taxCents: head.taxCents,
    totalCents: head.totalCents,
    paidCents: 0,
    creditedCents: 0,
    balanceCents: head.totalCents,
    taxName: s.taxName,
    terms: "",
    notes: head.notes,
    related: [],
    acceptance: null,
    revision: 1,
    superseded: false,
    ...extra,
  };
  return base;
}

const TABLE = { invoice: invoices, estimate: estimates, credit_note: creditNotes } as const;

/**
 * A document for someone allowed to download it: admins any, customers their
 * own (a draft invoice only to admins). Anyone else: not found.
 */
export async function documentFor(db: Executor, actor: Actor | null, kind: DocumentKind, id: string, s: CompanySettings): Promise<DocumentView> {
  if (!can(actor, "billing:manage") && !can(actor, "billing:read-own")) throw new NotFoundError();
  const t = TABLE[kind];
  const scope =
    kind === "credit_note"
      ? can(actor, "billing:manage")
        ? undefined
        : eq(creditNotes.customerId, actor!.customerId ?? "00000000-0000-0000-0000-000000000000")
      : billingScope(actor, t as typeof invoices);
  const visible = await db
    .select({ id: t.id })
    .from(t)
    .where(and(eq(t.id, id), scope));
  if (!visible.length) throw new NotFoundError();
  const doc = await loadDocument(db, kind, id, s);
  if (!doc) throw new NotFoundError();
  // Customers see issued invoices and sent estimates only.
  if (!can(actor, "billing:manage") && ((kind === "invoice" && doc.status === "draft") || (kind === "estimate" && doc.status === "draft")))
    throw new NotFoundError();
  return doc;
}
