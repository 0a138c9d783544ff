/**
 * Getting paid: the price list, estimates (quotes), invoices with gap-free
 * numbers, credit notes and payments. Money is integer cents everywhere
 * (lib/billing/money.ts has the one rounding rule).
 *
 * Invariants held by the database:
 * - amounts are never negative; a line's net is quantity × unit price and its
 *   total net + tax; a document's total is subtotal + tax;
 * - quantity 1..1000; status values valid;
 * - what was paid plus what was credited never exceeds an invoice's total
 *   (overpayment refused by a CHECK as well as by lib/);
 * - one invoice per visit that is not void; one current estimate per visit;
 * - invoice numbers unique, made from a counter row per year
 *   (billing_counters) in the issuing transaction: gap-free;
 * - lines of an issued invoice, of an answered estimate and of a credit note
 *   cannot change, and an issued invoice's amounts cannot (triggers in the
 *   custom migration 0006_billing_guards.sql).
 */
import { sql } from "drizzle-orm";
import { boolean, check, date, index, integer, pgTable, primaryKey, text, timestamp, uniqueIndex, uuid } from "drizzle-orm/pg-core";
import { oneOf, bytea, createdAt, updatedAt } from "./columns";
import {
  CURRENCIES,
  DEVICE_CLASSES,
  ESTIMATE_STATUSES,
  INVOICE_STATUSES,
  LINE_KINDS,
  PAYMENT_METHODS,
  PRICE_ITEM_KINDS,
  SURCHARGES,
  type Brand,
  type Currency,
  type DeviceClass,
  type EstimateStatus,
  type InvoiceStatus,
  type LineKind,
  type PaymentMethod,
  type PriceItemKind,
  type Surcharge,
} from "../../lib/values";
import { customers, users } from "./people";
import { devices } from "./places";
import { visits } from "./visits";

/** Largest unit price: $1,000,000.00. */
export const MAX_UNIT_CENTS = 100_000_000;
export const MAX_QUANTITY = 1000;

export const priceItems = pgTable(
  "price_items",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    kind: text("kind").$type<PriceItemKind>().notNull(),
    /** Device prices: the brand and class (recorder or camera) they apply to. */
    brand: text("brand").$type<Brand>(),
    deviceClass: text("device_class").$type<DeviceClass>(),
    /** Surcharges: which one. */
    surcharge: text("surcharge").$type<Surcharge>(),
    name: text("name").notNull(),
    unitCents: integer("unit_cents").notNull(),
    taxable: boolean("taxable").notNull().default(true),
    active: boolean("active").notNull().default(true),
    sortOrder: integer("sort_order").notNull().default(0),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [
    check("price_items_kind_valid", oneOf("kind", PRICE_ITEM_KINDS)),
    check("price_items_unit_range", sql`${t.unitCents} BETWEEN 0 AND ${sql.raw(String(MAX_UNIT_CENTS))}`),
    check("price_items_name_len", sql`char_length(${t.name}) BETWEEN 1 AND 200`),
    check(
      "price_items_device_fields",
      sql`(${t.kind} = 'device') = (${t.brand} IS NOT NULL AND ${t.deviceClass} IS NOT NULL) AND (${t.brand} IS NULL OR ${t.brand} IN ('dahua','lorex','hikvision'))
        AND (${t.deviceClass} IS NULL OR ${sql.raw(`device_class IN (${DEVICE_CLASSES.map((c) => `'${c}'`).join(", ")})`)})`,
    ),
    check(
      "price_items_surcharge_fields",
      sql`(${t.kind} = 'surcharge') = (${t.surcharge} IS NOT NULL) AND (${t.surcharge} IS NULL OR ${sql.raw(`surcharge IN (${SURCHARGES.map((c) => `'${c}'`).join(", ")})`)})`,
    ),
    // One active call-out fee, vendor-case fee, price per brand and class, and each surcharge; extras are free-form.
    uniqueIndex("price_items_slot_key")
      .on(t.kind, sql`coalesce(${t.brand}, '')`, sql`coalesce(${t.deviceClass}, '')`, sql`coalesce(${t.surcharge}, '')`)
      .where(sql`${t.kind} <> 'extra' AND ${t.active}`),
  ],
);

/** Columns every document line has (estimate, invoice and credit-note lines). */
const lineColumns = () => ({
  id: uuid("id").primaryKey().defaultRandom(),
  position: integer("position").notNull(),
  kind: text("kind").$type<LineKind>().notNull(),
  description: text("description").notNull(),
  /** The device this line charges for, if any (reports: what recovered devices earned). */
  deviceId: uuid("device_id").references(() => devices.id, { onDelete: "restrict" }),
  quantity: integer("quantity").notNull(),
  unitCents: integer("unit_cents").notNull(),
  netCents: integer("net_cents").notNull(),
  taxable: boolean("taxable").notNull(),
  /** Tax rate applied to this line, in thousandths of a percent (8.875% = 8875). */
  taxRate: integer("tax_rate").notNull(),
  taxCents: integer("tax_cents").notNull(),
  totalCents: integer("total_cents").notNull(),
});

function lineChecks(prefix: string) {
  return [
    check(`${prefix}_kind_valid`, oneOf("kind", LINE_KINDS)),
    check(`${prefix}_quantity_range`, sql.raw(`quantity BETWEEN 1 AND ${MAX_QUANTITY}`)),
    check(`${prefix}_unit_range`, sql.raw(`unit_cents BETWEEN 0 AND ${MAX_UNIT_CENTS}`)),
    check(`${prefix}_net`, sql.raw(`net_cents = quantity * unit_cents`)),
    check(`${prefix}_tax`, sql.raw(`tax_cents >= 0 AND tax_rate BETWEEN 0 AND 100000 AND (taxable OR tax_cents = 0)`)),
    check(`${prefix}_total`, sql.raw(`total_cents = net_cents + tax_cents`)),
    check(`${prefix}_description_len`, sql.raw(`char_length(description) BETWEEN 1 AND 300`)),
  ];
}

/** Document totals: non-negative, total = subtotal + tax. */
const totalColumns = () => ({
  subtotalCents: integer("subtotal_cents").notNull().default(0),
  taxCents: integer("tax_cents").notNull().default(0),
  totalCents: integer("total_cents").notNull().default(0),
});
const totalChecks = (prefix: string) => [
  check(`${prefix}_totals`, sql.raw(`subtotal_cents >= 0 AND tax_cents >= 0 AND total_cents = subtotal_cents + tax_cents`)),
  check(`${prefix}_currency_valid`, oneOf("currency", CURRENCIES)),
];

export const estimates = pgTable(
  "estimates",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    visitId: uuid("visit_id")
      .notNull()
      .references(() => visits.id, { onDelete: "restrict" }),
    customerId: uuid("customer_id")
      .notNull()
      .references(() => customers.id, { onDelete: "restrict" }),
    /** 1, 2, … per visit: a new version replaces the current one. */
    version: integer("version").notNull(),
    status: text("status").$type<EstimateStatus>().notNull().default("draft"),
    currency: text("currency").$type<Currency>().notNull(),
    ...totalColumns(),
    notes: text("notes"),
    /** Bumped on every edit: an acceptance names the revision it saw. */
    revision: integer("revision").notNull().default(1),
    sentAt: timestamp("sent_at", { withTimezone: true }),
    validUntil: date("valid_until"),
    acceptedName: text("accepted_name"),
    acceptedAt: timestamp("accepted_at", { withTimezone: true }),
    acceptedIp: text("accepted_ip"),
    acceptedUserAgent: text("accepted_user_agent"),
    acceptedBy: uuid("accepted_by").references(() => users.id, { onDelete: "set null" }),
    /** portal: the customer; on_site: taken by the technician on their phone. */
    acceptedVia: text("accepted_via").$type<"portal" | "on_site">(),
    declinedAt: timestamp("declined_at", { withTimezone: true }),
    declineReason: text("decline_reason"),
    /** Set when a newer version replaces this one. */
    supersededAt: timestamp("superseded_at", { withTimezone: true }),
    createdBy: uuid("created_by").references(() => users.id, { onDelete: "set null" }),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [
    uniqueIndex("estimates_visit_version_key").on(t.visitId, t.version),
    uniqueIndex("estimates_one_current_per_visit")
      .on(t.visitId)
      .where(sql`${t.supersededAt} IS NULL`),
    index("estimates_customer_idx").on(t.customerId, t.createdAt),
    check("estimates_status_valid", oneOf("status", ESTIMATE_STATUSES)),
    check("estimates_version_positive", sql`${t.version} >= 1`),
    check(
      "estimates_accepted_has_signature",
      sql`(${t.status} = 'accepted') = (${t.acceptedAt} IS NOT NULL AND ${t.acceptedName} IS NOT NULL AND ${t.acceptedVia} IN ('portal','on_site'))`,
    ),
    check("estimates_declined_has_time", sql`(${t.status} = 'declined') = (${t.declinedAt} IS NOT NULL)`),
    check("estimates_sent_has_time", sql`${t.status} = 'draft' OR ${t.sentAt} IS NOT NULL`),
    ...totalChecks("estimates"),
  ],
);

export const estimateLines = pgTable(
  "estimate_lines",
  {
    ...lineColumns(),
    estimateId: uuid("estimate_id")
      .notNull()
      .references(() => estimates.id, { onDelete: "cascade" }),
  },
  (t) => [uniqueIndex("estimate_lines_position_key").on(t.estimateId, t.position), ...lineChecks("estimate_lines")],
);

export const invoices = pgTable(
  "invoices",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    visitId: uuid("visit_id")
      .notNull()
      .references(() => visits.id, { onDelete: "restrict" }),
    customerId: uuid("customer_id")
      .notNull()
      .references(() => customers.id, { onDelete: "restrict" }),
    /** e.g. 2026-0042: null while a draft, set once when issued. */
    number: text("number"),
    numberYear: integer("number_year"),
    numberSeq: integer("number_seq"),
    status: text("status").$type<InvoiceStatus>().notNull().default("draft"),
    currency: text("currency").$type<Currency>().notNull(),
    ...totalColumns(),
    /** Sum of the credit notes against it. */
    creditedCents: integer("credited_cents").notNull().default(0),
    /** Sum of the payments recorded against it. */
    paidCents: integer("paid_cents").notNull().default(0),
    termsDays: integer("terms_days").notNull().default(0),
    notes: text("notes"),
    issuedAt: timestamp("issued_at", { withTimezone: true }),
    /** Local date (company time zone) by which it is to be paid. */
    dueOn: date("due_on"),
    issuedBy: uuid("issued_by").references(() => users.id, { onDelete: "set null" }),
    voidedAt: timestamp("voided_at", { withTimezone: true }),
    voidReason: text("void_reason"),
    overdueRemindedAt: timestamp("overdue_reminded_at", { withTimezone: true }),
    createdBy: uuid("created_by").references(() => users.id, { onDelete: "set null" }),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [
    uniqueIndex("invoices_number_key").on(t.number),
    uniqueIndex("invoices_year_seq_key").on(t.numberYear, t.numberSeq),
    // Two issues of one visit at once: one invoice (the other insert fails on this index).
    uniqueIndex("invoices_one_per_visit")
      .on(t.visitId)
      .where(sql`${t.status} <> 'void'`),
    index("invoices_customer_idx").on(t.customerId, t.createdAt),
    index("invoices_status_due_idx").on(t.status, t.dueOn),
    check("invoices_status_valid", oneOf("status", INVOICE_STATUSES)),
    check("invoices_paid_within_total", sql`${t.paidCents} >= 0 AND ${t.creditedCents} >= 0 AND ${t.paidCents} + ${t.creditedCents} <= ${t.totalCents}`),
    check(
      "invoices_number_when_issued",
      sql`(${t.number} IS NULL) = (${t.issuedAt} IS NULL) AND (${t.number} IS NULL) = (${t.dueOn} IS NULL)
        AND (${t.number} IS NULL) = (${t.numberSeq} IS NULL) AND (${t.numberYear} IS NULL) = (${t.numberSeq} IS NULL)
        AND (${t.status} = 'draft' OR ${t.status} = 'void' OR ${t.number} IS NOT NULL) AND (${t.status} <> 'draft' OR ${t.number} IS NULL)`,
    ),
    check(
      "invoices_status_matches_amounts",
      sql`${t.status} IN ('draft','void')
        OR (${t.status} = 'paid' AND ${t.paidCents} + ${t.creditedCents} = ${t.totalCents})
        OR (${t.status} = 'partially_paid' AND ${t.paidCents} > 0 AND ${t.paidCents} + ${t.creditedCents} < ${t.totalCents})
        OR (${t.status} = 'issued' AND ${t.paidCents} = 0 AND ${t.creditedCents} < ${t.totalCents})`,
    ),
    check("invoices_void_has_reason", sql`(${t.status} = 'void') = (${t.voidedAt} IS NOT NULL) AND (${t.status} <> 'void' OR ${t.paidCents} = 0)`),
    check("invoices_terms_range", sql`${t.termsDays} BETWEEN 0 AND 365`),
    ...totalChecks("invoices"),
  ],
);

export const invoiceLines = pgTable(
  "invoice_lines",
  {
    ...lineColumns(),
    invoiceId: uuid("invoice_id")
      .notNull()
      .references(() => invoices.id, { onDelete: "cascade" }),
  },
  (t) => [
    uniqueIndex("invoice_lines_position_key").on(t.invoiceId, t.position),
    index("invoice_lines_device_idx").on(t.deviceId),
    ...lineChecks("invoice_lines"),
  ],
);

export const creditNotes = pgTable(
  "credit_notes",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    invoiceId: uuid("invoice_id")
      .notNull()
      .references(() => invoices.id, { onDelete: "restrict" }),
    customerId: uuid("customer_id")
      .notNull()
      .references(() => customers.id, { onDelete: "restrict" }),
    /** e.g. CN-2026-0003, from its own gap-free series. */
    number: text("number").notNull(),
    numberYear: integer("number_year").notNull(),
    numberSeq: integer("number_seq").notNull(),
    currency: text("currency").$type<Currency>().notNull(),
    ...totalColumns(),
    reason: text("reason").notNull(),
    issuedAt: timestamp("issued_at", { withTimezone: true }).notNull().defaultNow(),
    issuedBy: uuid("issued_by").references(() => users.id, { onDelete: "set null" }),
  },
  (t) => [
    uniqueIndex("credit_notes_number_key").on(t.number),
    uniqueIndex("credit_notes_year_seq_key").on(t.numberYear, t.numberSeq),
    index("credit_notes_invoice_idx").on(t.invoiceId),
    check("credit_notes_positive", sql`${t.totalCents} > 0`),
    check("credit_notes_reason_len", sql`char_length(${t.reason}) BETWEEN 3 AND 500`),
    ...totalChecks("credit_notes"),
  ],
);

export const creditNoteLines = pgTable(
  "credit_note_lines",
  {
    ...lineColumns(),
    creditNoteId: uuid("credit_note_id")
      .notNull()
      .references(() => creditNotes.id, { onDelete: "cascade" }),
  },
  (t) => [uniqueIndex("credit_note_lines_position_key").on(t.creditNoteId, t.position), ...lineChecks("credit_note_lines")],
);

export const payments = pgTable(
  "payments",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    invoiceId: uuid("invoice_id")
      .notNull()
      .references(() => invoices.id, { onDelete: "restrict" }),
    customerId: uuid("customer_id")
      .notNull()
      .references(() => customers.id, { onDelete: "restrict" }),
    method: text("method").$type<PaymentMethod>().notNull(),
    amountCents: integer("amount_cents").notNull(),
    /** The local date the money was received. */
    receivedOn: date("received_on").notNull(),
    /** Check number, card slip, transfer reference… */
    reference: text("reference"),
    /** An id made by the client (e.g. the technician's phone): a replay returns the first payment. */
    clientRef: uuid("client_ref"),
    /** A payment provider's own id, for online payments once a provider is wired up. */
    provider: text("provider"),
    providerRef: text("provider_ref"),
    recordedBy: uuid("recorded_by").references(() => users.id, { onDelete: "set null" }),
    recordedAt: timestamp("recorded_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    index("payments_invoice_idx").on(t.invoiceId),
    index("payments_customer_idx").on(t.customerId, t.recordedAt),
    uniqueIndex("payments_client_ref_key").on(t.clientRef),
    uniqueIndex("payments_provider_ref_key").on(t.provider, t.providerRef),
    check("payments_method_valid", oneOf("method", PAYMENT_METHODS)),
    check("payments_amount_positive", sql`${t.amountCents} > 0`),
    check("payments_provider_pair", sql`(${t.provider} IS NULL) = (${t.providerRef} IS NULL) AND (${t.method} = 'online') = (${t.provider} IS NOT NULL)`),
    check("payments_reference_len", sql`${t.reference} IS NULL OR char_length(${t.reference}) <= 100`),
  ],
);

/** The last number used per series and year: updated in the issuing transaction, so numbers are gap-free. */
export const billingCounters = pgTable(
  "billing_counters",
  {
    series: text("series").$type<"invoice" | "credit_note">().notNull(),
    year: integer("year").notNull(),
    lastSeq: integer("last_seq").notNull(),
  },
  (t) => [
    primaryKey({ columns: [t.series, t.year], name: "billing_counters_pkey" }),
    check("billing_counters_series_valid", oneOf("series", ["invoice", "credit_note"])),
    check("billing_counters_seq_positive", sql`${t.lastSeq} >= 1`),
  ],
);

/** Files of the company itself (the logo on PDFs), stored in the database like every other file. */
export const companyFiles = pgTable(
  "company_files",
  {
    key: text("key").primaryKey(),
    contentType: text("content_type").notNull(),
    bytes: bytea("bytes").notNull(),
    sizeBytes: integer("size_bytes").notNull(),
    uploadedBy: uuid("uploaded_by").references(() => users.id, { onDelete: "set null" }),
    uploadedAt: timestamp("uploaded_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    check("company_files_key_valid", oneOf("key", ["logo"])),
    check("company_files_type_valid", oneOf("content_type", ["image/png", "image/jpeg"])),
    check("company_files_size", sql`${t.sizeBytes} BETWEEN 1 AND 524288`),
  ],
);
