/** Invoices (one per visit that is not void, numbered gap-free when issued), credit notes against them, and the numbering counters. */
import { sql } from "drizzle-orm";
import { check, date, index, integer, pgTable, primaryKey, text, timestamp, uniqueIndex, uuid } from "drizzle-orm/pg-core";
import { oneOf, createdAt, updatedAt } from "./columns";
import { INVOICE_STATUSES, type Currency, type InvoiceStatus } from "../../lib/values";
import { lineChecks, lineColumns, totalChecks, totalColumns } from "./document-columns";
import { customers, users } from "./people";
import { visits } from "./visits";

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
