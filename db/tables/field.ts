/** Recovery methods (the playbook catalogue) and every attempt made with them. */
import { sql } from "drizzle-orm";
import {
  bigint,
  boolean,
  check,
  foreignKey,
  index,
  integer,
  jsonb,
  numeric,
  pgSequence,
  pgTable,
  primaryKey,
  text,
  timestamp,
  uniqueIndex,
  uuid,
} from "drizzle-orm/pg-core";
import { oneOf, createdAt, updatedAt } from "./columns";
import {
  ATTEMPT_OUTCOMES,
  WIPES_CONFIG,
  type AnswerValidity,
  type AttemptOutcome,
  type Brand,
  type DeviceKind,
  type EvidenceItem,
  type RecoveryOption,
  type WipesConfig,
} from "../../lib/values";
import { users } from "./people";
import { visitDevices, visits } from "./visits";

export const recoveryMethods = pgTable(
  "recovery_methods",
  {
    /** Stable id, e.g. dahua_qr_dmss. */
    id: text("id").primaryKey(),
    name: text("name").notNull(),
    brands: text("brands").array().$type<Brand[]>().notNull(),
    /** Device kinds it applies to; empty = all kinds. */
    kinds: text("kinds")
      .array()
      .$type<DeviceKind[]>()
      .notNull()
      .default(sql`ARRAY[]::text[]`),
    requirements: text("requirements").notNull(),
    /** Recovery options the device must have had set up (all of them). */
    requiresOptions: text("requires_options")
      .array()
      .$type<RecoveryOption[]>()
      .notNull()
      .default(sql`ARRAY[]::text[]`),
    wipesConfig: text("wipes_config").$type<WipesConfig>().notNull(),
    vendorPending: boolean("vendor_pending").notNull().default(false),
    typicalTime: text("typical_time").notNull(),
    /** Hands-on minutes on site (the playbook's estimate until attempts measure it). */
    typicalMinutes: integer("typical_minutes"),
    /** For a vendor route: how long the vendor typically takes to answer, minutes (24–48 h -> 2160); null otherwise. */
    vendorWaitMinutes: integer("vendor_wait_minutes"),
    steps: jsonb("steps").$type<string[]>().notNull(),
    warnings: jsonb("warnings").$type<string[]>().notNull().default([]),
    /** Position in the catalogue's own order (used when data is thin). */
    sortOrder: integer("sort_order").notNull(),
    /** A success rate claimed by a source (the seed guide), 0..1. Not measured. */
    claimedSuccessRate: numeric("claimed_success_rate", { precision: 4, scale: 3, mode: "number" }),
    claimSource: text("claim_source"),
    /** The `other` method needs a free-text description on every attempt. */
    requiresDescription: boolean("requires_description").notNull().default(false),
    active: boolean("active").notNull().default(true),
    /** How long the vendor's (or the self-service) answer stays usable once it is in. */
    answerValidity: jsonb("answer_validity").$type<AnswerValidity>().notNull().default({ kind: "unknown" }),
    /** What voids that answer before then (e.g. "a reboot"), as sources say. */
    voidedBy: text("voided_by")
      .array()
      .notNull()
      .default(sql`ARRAY[]::text[]`),
    /** The warning shown while the answer is pending, in the method's own words ("Do not reboot the recorder or close ConfigTool…"). */
    doNotReboot: text("do_not_reboot"),
    /** What must be in hand before the case goes to the vendor (vendor-pending methods). */
    evidence: jsonb("evidence").$type<EvidenceItem[]>().notNull().default([]),
  },
  (t) => [
    check("recovery_methods_wipes_valid", oneOf("wipes_config", WIPES_CONFIG)),
    check("recovery_methods_claim_range", sql`${t.claimedSuccessRate} IS NULL OR ${t.claimedSuccessRate} BETWEEN 0 AND 1`),
    check("recovery_methods_wait_valid", sql`${t.vendorWaitMinutes} IS NULL OR ${t.vendorWaitMinutes} > 0`),
  ],
);

export const attempts = pgTable(
  "attempts",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    visitId: uuid("visit_id").notNull(),
    deviceId: uuid("device_id").notNull(),
    methodId: text("method_id")
      .notNull()
      .references(() => recoveryMethods.id, { onDelete: "restrict" }),
    /** Order of this attempt among the attempts on this device in this visit (1, 2, ...). */
    seq: integer("seq").notNull(),
    technicianId: uuid("technician_id")
      .notNull()
      .references(() => users.id, { onDelete: "restrict" }),
    startedAt: timestamp("started_at", { withTimezone: true }),
    endedAt: timestamp("ended_at", { withTimezone: true }),
    durationSeconds: integer("duration_seconds"),
    outcome: text("outcome").$type<AttemptOutcome>().notNull(),
    description: text("description"),
    notes: text("notes"),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [
    // The device must be on the visit: the attempt points at the visit_devices row.
    foreignKey({ columns: [t.visitId, t.deviceId], foreignColumns: [visitDevices.visitId, visitDevices.deviceId], name: "attempts_visit_device_fk" }).onDelete(
      "restrict",
    ),
    uniqueIndex("attempts_visit_device_seq_key").on(t.visitId, t.deviceId, t.seq),
    index("attempts_method_idx").on(t.methodId),
    index("attempts_device_idx").on(t.deviceId),
    index("attempts_created_idx").on(t.createdAt),
    check("attempts_outcome_valid", oneOf("outcome", ATTEMPT_OUTCOMES)),
    check("attempts_duration_range", sql`${t.durationSeconds} IS NULL OR ${t.durationSeconds} BETWEEN 0 AND 86400`),
    check("attempts_time_order", sql`${t.startedAt} IS NULL OR ${t.endedAt} IS NULL OR ${t.startedAt} <= ${t.endedAt}`),
    check("attempts_seq_positive", sql`${t.seq} >= 1`),
  ],
);

/**
 * Field writes made on a technician's phone (lib/field/writes): one row per
 * id the phone made (UUID v7), the idempotency key. The write's effect and
 * this row commit in one transaction; a refusal (4xx) is stored too. A replay
 * of the id gets the stored first answer and writes nothing.
 * `kind` is checked by the write registry (lib/field/writes/registry.ts), not
 * by a value list here, so a new kind needs no migration.
 */
export const fieldWrites = pgTable(
  "field_writes",
  {
    /** Made on the phone (UUID v7): the idempotency key. */
    id: uuid("id").primaryKey(),
    userId: uuid("user_id")
      .notNull()
      .references(() => users.id, { onDelete: "restrict" }),
    /** The visit the write is for; null when no such visit exists (a forged id). */
    visitId: uuid("visit_id").references(() => visits.id, { onDelete: "set null" }),
    kind: text("kind").notNull(),
    /** sha256 (hex) of the write as sent (kind, visit, input, references): the same id with another write is refused. */
    requestHash: text("request_hash").notNull(),
    /** HTTP status of the first answer: 2xx applied, 4xx refused. */
    status: integer("status").notNull(),
    /** The first answer's body: the result, or the problem. */
    response: jsonb("response").$type<unknown>().notNull(),
    /** When the phone made the write (the phone's clock). */
    madeAt: timestamp("made_at", { withTimezone: true }).notNull(),
    receivedAt: timestamp("received_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    index("field_writes_visit_idx").on(t.visitId, t.receivedAt),
    index("field_writes_user_idx").on(t.userId, t.receivedAt),
    check("field_writes_kind_format", sql`${t.kind} ~ '^[a-z_]+\\.[a-z_]+$'`),
    check("field_writes_status_range", sql`${t.status} BETWEEN 200 AND 499`),
    check("field_writes_hash_hex", sql`${t.requestHash} ~ '^[0-9a-f]{64}$'`),
  ],
);

/**
 * The job as the phone receives it (GET /api/field/jobs/:id, /api/field/day),
 * kept per visit and viewer so a sync that finds nothing changed costs one
 * statement (lib/field/job-cache.ts). A row serves only while `fingerprint`
 * equals field_job_fingerprint(visit) (the versions in field_job_versions of
 * the visit, its devices and the company-wide parts) and before `valid_until` (the next moment a
 * time-dependent part changes: midnight, an undo window, a vendor case's due
 * time; at most a few minutes). Nothing here is needed by another instance:
 * a missing or stale row is rebuilt.
 */
export const fieldJobCache = pgTable(
  "field_job_cache",
  {
    visitId: uuid("visit_id")
      .notNull()
      .references(() => visits.id, { onDelete: "cascade" }),
    viewerId: uuid("viewer_id")
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    /** The viewer's role when it was built (what they may see depends on it). */
    viewerRole: text("viewer_role").notNull(),
    fingerprint: text("fingerprint").notNull(),
    validUntil: timestamp("valid_until", { withTimezone: true }).notNull(),
    /** The job's JSON without its fetchedAt (added per request). */
    body: text("body").notNull(),
    builtAt: timestamp("built_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.visitId, t.viewerId] }), index("field_job_cache_valid_idx").on(t.validUntil)],
);

/**
 * What a job for the phone is built from, as versions (migration 0020): one
 * row per visit, per device and one for the company-wide parts (the nil uuid,
 * all zeros: settings, the catalogue, people, customers, sites), given
 * a new number from field_job_versions_seq by triggers on every table the job
 * reads, in the writing transaction. field_job_fingerprint(visit) reads the
 * visit's, its devices' and the global row: a few index probes, whatever the
 * devices' history. A missing row is version 0 (nothing written since).
 */
export const fieldJobVersionsSeq = pgSequence("field_job_versions_seq");
export const fieldJobVersions = pgTable("field_job_versions", {
  /** A visit's id, a device's id, or the nil uuid (the company-wide parts). */
  scope: uuid("scope").primaryKey(),
  version: bigint("version", { mode: "number" }).notNull(),
});
