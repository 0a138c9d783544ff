/** Payments recorded against an invoice (by the office, a technician's phone, or later an online provider). */
import { sql } from "drizzle-orm";
import { check, date, index, integer, pgTable, text, timestamp, uniqueIndex, uuid } from "drizzle-orm/pg-core";
import { oneOf } from "./columns";
import { PAYMENT_METHODS, type PaymentMethod } from "../../lib/values";
import { invoices } from "./invoices";
import { customers, users } from "./people";

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
