/** What estimates, invoices and credit notes share: the columns and checks of a document line and of a document's totals. */
import { sql } from "drizzle-orm";
import { boolean, check, integer, text, uuid } from "drizzle-orm/pg-core";
import { oneOf } from "./columns";
import { CURRENCIES, LINE_KINDS, type LineKind } from "../../lib/values";
import { MAX_QUANTITY, MAX_UNIT_CENTS } from "./billing";
import { devices } from "./places";

/** Columns every document line has (estimate, invoice and credit-note lines). */
export const lineColumns = () => ({
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

export function lineChecks(prefix: string) {
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
export const totalColumns = () => ({
  subtotalCents: integer("subtotal_cents").notNull().default(0),
  taxCents: integer("tax_cents").notNull().default(0),
  totalCents: integer("total_cents").notNull().default(0),
});
export const totalChecks = (prefix: string) => [
  check(`${prefix}_totals`, sql.raw(`subtotal_cents >= 0 AND tax_cents >= 0 AND total_cents = subtotal_cents + tax_cents`)),
  check(`${prefix}_currency_valid`, oneOf("currency", CURRENCIES)),
];
