/** Report rollups (derived, trigger-maintained). */
import { boolean, date, index, integer, pgTable, primaryKey, smallint, text, uuid } from "drizzle-orm/pg-core";
import { customers, users } from "./people";
import { devices, sites } from "./places";
import { visits } from "./visits";
import { attempts, recoveryMethods } from "./field";
import { configBackups, vendorCases } from "./vault";

// Derived data, never written by app code: PL/pgSQL triggers on attempts,
// devices, visits, visit_devices and vendor_cases keep these current in the
// same transaction as every write (migration *_reports_rollups.sql), and
// reports_rebuild() recomputes them from scratch. See docs/reports.md.

const count = (name: string) => integer(name).notNull().default(0);
/** Technician key for visits without one (rollup keys cannot be NULL). */
export const NO_TECHNICIAN = "00000000-0000-0000-0000-000000000000";

/** Attempts per company-local day × technician × device brand × device kind × method. */
export const reportAttemptDaily = pgTable(
  "report_attempt_daily",
  {
    day: date("day", { mode: "string" }).notNull(),
    technicianId: uuid("technician_id").notNull(),
    brand: text("brand").notNull(),
    kind: text("kind").notNull(),
    methodId: text("method_id").notNull(),
    succeeded: count("succeeded"),
    failed: count("failed"),
    abandoned: count("abandoned"),
    waiting: count("waiting"),
  },
  (t) => [primaryKey({ columns: [t.day, t.technicianId, t.brand, t.kind, t.methodId] })],
);

/** Durations of succeeded attempts, as a fixed-bucket histogram, on the same keys. */
export const reportDurationDaily = pgTable(
  "report_duration_daily",
  {
    day: date("day", { mode: "string" }).notNull(),
    technicianId: uuid("technician_id").notNull(),
    brand: text("brand").notNull(),
    kind: text("kind").notNull(),
    methodId: text("method_id").notNull(),
    bucket: smallint("bucket").notNull(),
    n: count("n"),
  },
  (t) => [primaryKey({ columns: [t.day, t.technicianId, t.brand, t.kind, t.methodId, t.bucket] })],
);

/** All-time attempts per technician × brand × kind × method: the unfiltered report and the recommendation. */
export const reportAttemptSummary = pgTable(
  "report_attempt_summary",
  {
    technicianId: uuid("technician_id").notNull(),
    brand: text("brand").notNull(),
    kind: text("kind").notNull(),
    methodId: text("method_id").notNull(),
    succeeded: count("succeeded"),
    failed: count("failed"),
    abandoned: count("abandoned"),
    waiting: count("waiting"),
  },
  (t) => [primaryKey({ columns: [t.technicianId, t.brand, t.kind, t.methodId] })],
);

/** All-time attempts per week (Monday, company-local): the unfiltered trend. */
export const reportWeekSummary = pgTable("report_week_summary", {
  week: date("week", { mode: "string" }).primaryKey(),
  succeeded: count("succeeded"),
  failed: count("failed"),
  abandoned: count("abandoned"),
  waiting: count("waiting"),
});

/** All-time duration histograms per method (scope 'method') and per technician (scope 'technician'). */
export const reportDurationSummary = pgTable(
  "report_duration_summary",
  {
    scope: text("scope").$type<"method" | "technician">().notNull(),
    key: text("key").notNull(),
    bucket: smallint("bucket").notNull(),
    n: count("n"),
  },
  (t) => [primaryKey({ columns: [t.scope, t.key, t.bucket] })],
);

/** What each completed visit contributes to the first-visit fix rate. */
export const reportVisitFacts = pgTable(
  "report_visit_facts",
  {
    visitId: uuid("visit_id").primaryKey(),
    day: date("day", { mode: "string" }).notNull(),
    technicianId: uuid("technician_id").notNull(),
    fixed: boolean("fixed").notNull(),
    brands: text("brands").array().notNull(),
    kinds: text("kinds").array().notNull(),
    /** 'brand:kind' of every device on the visit. */
    pairs: text("pairs").array().notNull(),
  },
  (t) => [index("report_visit_facts_day_idx").on(t.day)],
);

/** All-time completed / first-visit-fixed visits per technician × brand ('*' = every visit). */
export const reportVisitSummary = pgTable(
  "report_visit_summary",
  {
    technicianId: uuid("technician_id").notNull(),
    brand: text("brand").notNull(),
    completed: count("completed"),
    fixed: count("fixed"),
  },
  (t) => [primaryKey({ columns: [t.technicianId, t.brand] })],
);

/** All-time vendor-case turnaround histogram per vendor (bucket -1 = no result yet). */
export const reportVendorSummary = pgTable(
  "report_vendor_summary",
  {
    vendor: text("vendor").notNull(),
    bucket: smallint("bucket").notNull(),
    n: count("n"),
  },
  (t) => [primaryKey({ columns: [t.vendor, t.bucket] })],
);

export type User = typeof users.$inferSelect;
export type Customer = typeof customers.$inferSelect;
export type Site = typeof sites.$inferSelect;
export type Device = typeof devices.$inferSelect;
export type Visit = typeof visits.$inferSelect;
export type Attempt = typeof attempts.$inferSelect;
export type RecoveryMethod = typeof recoveryMethods.$inferSelect;
export type ConfigBackup = typeof configBackups.$inferSelect;
export type VendorCase = typeof vendorCases.$inferSelect;
