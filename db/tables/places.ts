/** Places and devices: a customer's sites and the recorders and cameras there. */
import { sql } from "drizzle-orm";
import { check, index, integer, jsonb, pgTable, text, uniqueIndex, uuid } from "drizzle-orm/pg-core";
import { oneOf, createdAt, updatedAt } from "./columns";
import { BRANDS, DEVICE_KINDS, WARRANTY_SEALS, type Brand, type DeviceKind, type RecoveryOptions, type WarrantySeal } from "../../lib/values";
import { customers } from "./people";

export const sites = pgTable(
  "sites",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    customerId: uuid("customer_id")
      .notNull()
      .references(() => customers.id, { onDelete: "restrict" }),
    label: text("label"),
    addressLine1: text("address_line1").notNull(),
    addressLine2: text("address_line2"),
    city: text("city").notNull(),
    region: text("region").notNull(),
    postalCode: text("postal_code").notNull(),
    accessNotes: text("access_notes"),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [index("sites_customer_idx").on(t.customerId)],
);

export const devices = pgTable(
  "devices",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    customerId: uuid("customer_id")
      .notNull()
      .references(() => customers.id, { onDelete: "restrict" }),
    siteId: uuid("site_id").references(() => sites.id, { onDelete: "set null" }),
    brand: text("brand").$type<Brand>().notNull(),
    kind: text("kind").$type<DeviceKind>().notNull(),
    model: text("model"),
    serial: text("serial"),
    firmware: text("firmware"),
    mac: text("mac"),
    channels: integer("channels"),
    lorexDeviceId: text("lorex_device_id"),
    recoveryOptions: jsonb("recovery_options").$type<RecoveryOptions>().notNull().default({}),
    warrantySeal: text("warranty_seal").$type<WarrantySeal>().notNull().default("unknown"),
    notes: text("notes"),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [
    index("devices_customer_idx").on(t.customerId),
    index("devices_site_idx").on(t.siteId),
    index("devices_brand_kind_model_idx").on(t.brand, t.kind, sql`lower(${t.model})`),
    uniqueIndex("devices_brand_serial_key")
      .on(t.brand, sql`upper(${t.serial})`)
      .where(sql`${t.serial} IS NOT NULL`),
    check("devices_brand_valid", oneOf("brand", BRANDS)),
    check("devices_kind_valid", oneOf("kind", DEVICE_KINDS)),
    check("devices_warranty_valid", oneOf("warranty_seal", WARRANTY_SEALS)),
    check("devices_channels_range", sql`${t.channels} IS NULL OR ${t.channels} BETWEEN 1 AND 256`),
  ],
);
