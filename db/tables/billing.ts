/**
 * Getting paid: the price list, estimates (quotes, db/tables/estimates.ts),
 * invoices with gap-free numbers and credit notes (db/tables/invoices.ts) and
 * payments (db/tables/payments.ts); the columns and checks every document
 * line and total shares are in db/tables/document-columns.ts. Money is
 * integer cents everywhere (lib/billing/money.ts has the one rounding rule).
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
import { boolean, check, integer, pgTable, text, timestamp, uniqueIndex, uuid } from "drizzle-orm/pg-core";
import { oneOf, bytea, createdAt, updatedAt } from "./columns";
import { DEVICE_CLASSES, PRICE_ITEM_KINDS, SURCHARGES, type Brand, type DeviceClass, type PriceItemKind, type Surcharge } from "../../lib/values";
import { users } from "./people";

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
