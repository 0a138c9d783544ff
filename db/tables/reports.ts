/**
 * Report rollups: derived data, never written by app code. See docs/reports.md.
 *
 * Triggers (migration *_reports_engine.sql) keep a per-fact record of what the
 * reports count (report_attempts, report_visits, report_vendor_cases) and
 * append every change to it as a signed delta (report_deltas). A compactor
 * (reports_compact(), run before a report is read and by a background job)
 * folds the deltas into cumulative rollups: for every key, the running total
 * up to each day it changed (report_cum), so any date range costs two index
 * probes per key whatever the history's length. Keys are small dimensions:
 * a device key (brand × kind, or a device profile), a method, a technician.
 */
import { bigserial, boolean, date, index, integer, pgTable, primaryKey, smallint, text, timestamp, uniqueIndex, uuid } from "drizzle-orm/pg-core";
import { customers, users } from "./people";
import { devices, sites } from "./places";
import { visits } from "./visits";
import { attempts, recoveryMethods } from "./field";
import { configBackups, vendorCases } from "./vault";

/** Technician key for visits without one. */
export const NO_TECHNICIAN = "00000000-0000-0000-0000-000000000000";
/** Technician key of rollups over every technician. */
export const ALL_TECHNICIANS = "ffffffff-ffff-ffff-ffff-ffffffffffff";

/** Distinct device models per brand, case-insensitive (`key` = lower(trim(model))): what a model-text filter searches. */
export const reportModels = pgTable(
  "report_models",
  {
    id: integer("id").primaryKey().generatedAlwaysAsIdentity(),
    brand: text("brand").notNull(),
    key: text("key").notNull(),
    /** The spelling first seen. */
    name: text("name").notNull(),
  },
  (t) => [uniqueIndex("report_models_brand_key").on(t.brand, t.key)],
);

/** Distinct firmware versions per brand, the same way. */
export const reportFirmwares = pgTable(
  "report_firmwares",
  {
    id: integer("id").primaryKey().generatedAlwaysAsIdentity(),
    brand: text("brand").notNull(),
    key: text("key").notNull(),
    name: text("name").notNull(),
  },
  (t) => [uniqueIndex("report_firmwares_brand_key").on(t.brand, t.key)],
);

/**
 * Device keys, the device side of a rollup key: (brand, kind, attr) with attr
 * '' for brand × kind, 'm<model>' a model, 'o<bit>' a recovery option the
 * device had, 'w<seal>' its warranty seal, 'p<profile>' one device profile.
 * Visit rollups also use '*' for "any brand / any kind" and ('*', '*',
 * 'g<sig>') for one visit signature.
 */
export const reportDevkeys = pgTable(
  "report_devkeys",
  {
    id: integer("id").primaryKey().generatedAlwaysAsIdentity(),
    brand: text("brand").notNull(),
    kind: text("kind").notNull(),
    attr: text("attr").notNull(),
  },
  (t) => [uniqueIndex("report_devkeys_key").on(t.brand, t.kind, t.attr)],
);

/**
 * A device profile: the distinct combinations of what the filters ask about a
 * device (brand, kind, model, firmware, the recovery options it had, warranty
 * seal). Hundreds, not millions: filters on device details become a search
 * of this table. model/firmware 0 = not recorded; options = bit i set when
 * RECOVERY_OPTIONS[i] was 'yes'.
 */
export const reportProfiles = pgTable(
  "report_profiles",
  {
    id: integer("id").primaryKey().generatedAlwaysAsIdentity(),
    brand: text("brand").notNull(),
    kind: text("kind").notNull(),
    modelId: integer("model_id").notNull(),
    firmwareId: integer("firmware_id").notNull(),
    options: integer("options").notNull(),
    seal: text("seal").notNull(),
    /** Its own device key ('p<id>'). */
    devkey: integer("devkey").notNull(),
  },
  (t) => [
    uniqueIndex("report_profiles_key").on(t.brand, t.kind, t.modelId, t.firmwareId, t.options, t.seal),
    // a rollup key's profile (the report's model column), without a scan of every profile
    index("report_profiles_devkey_idx").on(t.devkey),
  ],
);

/** The device keys an attempt (or vendor case) on a device of this profile counts under. */
export const reportProfileDevkeys = pgTable(
  "report_profile_devkeys",
  {
    profile: integer("profile").notNull(),
    devkey: integer("devkey").notNull(),
  },
  (t) => [primaryKey({ columns: [t.profile, t.devkey] })],
);

/** A visit signature: the distinct profiles of a visit's devices (sorted; empty for a visit without devices). */
export const reportSigs = pgTable(
  "report_sigs",
  {
    id: integer("id").primaryKey().generatedAlwaysAsIdentity(),
    profiles: integer("profiles").array().notNull(),
  },
  (t) => [
    uniqueIndex("report_sigs_profiles").on(t.profiles),
    // the visit signatures with a matching profile (profiles && ...), without a scan of every signature
    index("report_sigs_profiles_gin").using("gin", t.profiles),
  ],
);

/** The device keys a completed visit of this signature counts under (once each). */
export const reportSigDevkeys = pgTable(
  "report_sig_devkeys",
  {
    sig: integer("sig").notNull(),
    devkey: integer("devkey").notNull(),
  },
  (t) => [primaryKey({ columns: [t.sig, t.devkey] })],
);

/**
 * Rollup keys. fam 'a' attempts (method and/or technician, ALL_TECHNICIANS
 * for every technician), 'w' weekly attempts, 'v' completed visits (per
 * technician), 'c' vendor cases (per technician or all, per vendor).
 */
export const reportKeys = pgTable(
  "report_keys",
  {
    id: integer("id").primaryKey().generatedAlwaysAsIdentity(),
    fam: text("fam").notNull(),
    devkey: integer("devkey").notNull(),
    method: text("method").notNull().default(""),
    tech: uuid("tech").notNull(),
    vendor: text("vendor").notNull().default(""),
  },
  (t) => [uniqueIndex("report_keys_key").on(t.fam, t.devkey, t.method, t.tech, t.vendor)],
);

/**
 * Cumulative rollups: for each key, the totals of everything up to and
 * including `day` (company-local), stored on the days the totals changed.
 * Attempts: c1..c4 succeeded/failed/abandoned/waiting of first attempts on a
 * device, c5..c8 of later ones, h1/h2 their duration histograms (succeeded,
 * index = bucket + 1). Visits: c1 completed, c2 fixed on the first visit.
 * Vendor cases: h1 turnaround histogram (index = bucket + 2; 1 = no result yet).
 */
export const reportCum = pgTable(
  "report_cum",
  {
    key: integer("key").notNull(),
    day: date("day", { mode: "string" }).notNull(),
    c1: integer("c1").notNull().default(0),
    c2: integer("c2").notNull().default(0),
    c3: integer("c3").notNull().default(0),
    c4: integer("c4").notNull().default(0),
    c5: integer("c5").notNull().default(0),
    c6: integer("c6").notNull().default(0),
    c7: integer("c7").notNull().default(0),
    c8: integer("c8").notNull().default(0),
    h1: integer("h1").array(),
    h2: integer("h2").array(),
  },
  (t) => [primaryKey({ columns: [t.key, t.day] })],
);

/** Attempts per company-local week (Monday) and key (fam 'w'), c1..c8 as in report_cum: the trend. */
export const reportWeeks = pgTable(
  "report_weeks",
  {
    key: integer("key").notNull(),
    week: date("week", { mode: "string" }).notNull(),
    c1: integer("c1").notNull().default(0),
    c2: integer("c2").notNull().default(0),
    c3: integer("c3").notNull().default(0),
    c4: integer("c4").notNull().default(0),
    c5: integer("c5").notNull().default(0),
    c6: integer("c6").notNull().default(0),
    c7: integer("c7").notNull().default(0),
    c8: integer("c8").notNull().default(0),
  },
  (t) => [primaryKey({ columns: [t.key, t.week] })],
);

/** Each device's profile. */
export const reportDeviceProfiles = pgTable("report_device_profiles", {
  deviceId: uuid("device_id").primaryKey(),
  profile: integer("profile").notNull(),
});

/** Each device's first attempt (earliest by coalesce(started_at, created_at), then seq, then id). */
export const reportDeviceFirst = pgTable("report_device_first", {
  deviceId: uuid("device_id").primaryKey(),
  attemptId: uuid("attempt_id").notNull(),
});

/** Each attempt as the rollups count it (outcome 0 succeeded, 1 failed, 2 abandoned, 3 waiting on a vendor; bucket -1 = no timed success). */
export const reportAttempts = pgTable(
  "report_attempts",
  {
    attemptId: uuid("attempt_id").primaryKey(),
    at: timestamp("at", { withTimezone: true }).notNull(),
    tech: uuid("tech").notNull(),
    method: text("method").notNull(),
    profile: integer("profile").notNull(),
    first: boolean("first").notNull(),
    outcome: smallint("outcome").notNull(),
    bucket: smallint("bucket").notNull(),
  },
  (t) => [
    index("report_attempts_at_idx").on(t.at),
    // the attempts behind a figure (drill-down), newest first
    index("report_attempts_tech_idx").on(t.tech, t.at),
    index("report_attempts_method_idx").on(t.method, t.at),
    index("report_attempts_profile_idx").on(t.profile, t.at),
  ],
);

/** Each completed visit as the first-visit figures count it. */
export const reportVisits = pgTable(
  "report_visits",
  {
    visitId: uuid("visit_id").primaryKey(),
    at: timestamp("at", { withTimezone: true }).notNull(),
    tech: uuid("tech").notNull(),
    fixed: boolean("fixed").notNull(),
    sig: integer("sig").notNull(),
  },
  (t) => [index("report_visits_at_idx").on(t.at)],
);

/** Each vendor case as the turnaround figures count it (bucket -1 = no result yet). */
export const reportVendorCases = pgTable(
  "report_vendor_cases",
  {
    caseId: uuid("case_id").primaryKey(),
    at: timestamp("at", { withTimezone: true }).notNull(),
    tech: uuid("tech").notNull(),
    profile: integer("profile").notNull(),
    vendor: text("vendor").notNull(),
    bucket: smallint("bucket").notNull(),
  },
  (t) => [index("report_vendor_cases_at_idx").on(t.at)],
);

/** Changes not yet folded into the rollups: fam 'a' attempt, 'v' visit, 'c' vendor case; sign ±1. */
export const reportDeltas = pgTable("report_deltas", {
  id: bigserial("id", { mode: "number" }).primaryKey(),
  fam: text("fam").notNull(),
  sign: smallint("sign").notNull(),
  at: timestamp("at", { withTimezone: true }).notNull(),
  tech: uuid("tech").notNull(),
  method: text("method"),
  profile: integer("profile"),
  first: boolean("first"),
  outcome: smallint("outcome"),
  bucket: smallint("bucket"),
  vendor: text("vendor"),
  fixed: boolean("fixed"),
  sig: integer("sig"),
});

/**
 * The rollups' time zone (one row). Days at or before `cursor` are in
 * `to_tz`, later ones in `from_tz`; both equal `tz` unless a time-zone change
 * is being applied (the background job moves `cursor` forward in short steps).
 */
export const reportState = pgTable("report_state", {
  id: smallint("id").primaryKey(),
  fromTz: text("from_tz").notNull(),
  toTz: text("to_tz").notNull(),
  cursor: timestamp("cursor", { withTimezone: true }),
  /** The span the change walks (earliest and latest fact), for progress. */
  lo: timestamp("lo", { withTimezone: true }),
  hi: timestamp("hi", { withTimezone: true }),
  /** A newer time zone set while one was being applied: applied next. */
  pendingTz: text("pending_tz"),
  startedAt: timestamp("started_at", { withTimezone: true }),
  updatedAt: timestamp("updated_at", { withTimezone: true }),
  /** The instance that made the last step (for the page). */
  stepBy: text("step_by"),
});

export type User = typeof users.$inferSelect;
export type Customer = typeof customers.$inferSelect;
export type Site = typeof sites.$inferSelect;
export type Device = typeof devices.$inferSelect;
export type Visit = typeof visits.$inferSelect;
export type Attempt = typeof attempts.$inferSelect;
export type RecoveryMethod = typeof recoveryMethods.$inferSelect;
export type ConfigBackup = typeof configBackups.$inferSelect;
export type VendorCase = typeof vendorCases.$inferSelect;
