/**
 * The FieldKey data model. One file so the whole picture reads at once.
 *
 * Conventions
 * - Enumerated values are `text` columns with a CHECK constraint (easy to
 *   extend in a migration, unlike a Postgres enum) and a TypeScript union.
 * - Every foreign key states its ON DELETE on purpose: parts of a record
 *   (visit devices, checklist) cascade with it; facts that reports and audits
 *   are built from (attempts, backups, audit events) restrict deletion.
 * - Invariants drizzle cannot express (the no-overlap exclusion constraint)
 *   live in custom SQL migrations beside the generated ones.
 */
import { sql } from "drizzle-orm";
import {
  bigserial,
  boolean,
  check,
  customType,
  date,
  foreignKey,
  index,
  integer,
  jsonb,
  numeric,
  pgTable,
  primaryKey,
  smallint,
  text,
  timestamp,
  uniqueIndex,
  uuid,
} from "drizzle-orm/pg-core";

// ---------------------------------------------------------------- value sets

export const ROLES = ["customer", "technician", "admin"] as const;
export type Role = (typeof ROLES)[number];

export const BRANDS = ["dahua", "lorex", "hikvision"] as const;
export type Brand = (typeof BRANDS)[number];

export const DEVICE_KINDS = ["dvr", "nvr", "camera"] as const;
export type DeviceKind = (typeof DEVICE_KINDS)[number];

/** Recovery options a device may have had set up before the lockout. */
export const RECOVERY_OPTIONS = [
  "recovery_email",
  "security_questions",
  "app_account",
  "guid_file",
  "reset_button",
  "unlock_pattern",
] as const;
export type RecoveryOption = (typeof RECOVERY_OPTIONS)[number];
export type TriState = "yes" | "no" | "unknown";
export type RecoveryOptions = Partial<Record<RecoveryOption, TriState>>;

export const WARRANTY_SEALS = ["intact", "broken", "none", "unknown"] as const;
export type WarrantySeal = (typeof WARRANTY_SEALS)[number];

export const VISIT_STATUSES = [
  "requested",
  "scheduled",
  "en_route",
  "on_site",
  "waiting_vendor",
  "completed",
  "cancelled",
  "no_show",
] as const;
export type VisitStatus = (typeof VISIT_STATUSES)[number];
/** Statuses that hold a technician's time (and so take part in the overlap constraint). */
export const ACTIVE_VISIT_STATUSES = ["scheduled", "en_route", "on_site", "waiting_vendor"] as const;

export const ATTEMPT_OUTCOMES = ["succeeded", "failed", "waiting_vendor", "abandoned"] as const;
export type AttemptOutcome = (typeof ATTEMPT_OUTCOMES)[number];

export const AUTH_RELATIONSHIPS = ["owner", "manager", "installer", "other"] as const;
export type AuthRelationship = (typeof AUTH_RELATIONSHIPS)[number];

export const VENDORS = ["dahua", "hikvision", "lorex"] as const;
export type Vendor = (typeof VENDORS)[number];

export const VENDOR_CASE_STATUSES = ["open", "result_received", "closed", "expired"] as const;
export type VendorCaseStatus = (typeof VENDOR_CASE_STATUSES)[number];

export const BACKUP_KINDS = ["config", "guid", "vendor_request", "vendor_result"] as const;
export type BackupKind = (typeof BACKUP_KINDS)[number];

export const CHECKLIST_ANSWERS = ["yes", "no", "na"] as const;
export type ChecklistAnswer = (typeof CHECKLIST_ANSWERS)[number];

export const WIPES_CONFIG = ["yes", "no", "unclear"] as const;
export type WipesConfig = (typeof WIPES_CONFIG)[number];

export const MAIL_STATUSES = ["pending", "sending", "sent", "failed"] as const;
export type MailStatus = (typeof MAIL_STATUSES)[number];

/** `a IN ('x','y')` for a CHECK constraint, from one of the lists above. */
function oneOf(column: string, values: readonly string[]) {
  return sql.raw(`${column} IN (${values.map((v) => `'${v}'`).join(", ")})`);
}

const bytea = customType<{ data: Buffer; driverData: Buffer | Uint8Array }>({
  dataType: () => "bytea",
  fromDriver: (value) => (Buffer.isBuffer(value) ? value : Buffer.from(value)),
});

const createdAt = () => timestamp("created_at", { withTimezone: true }).notNull().defaultNow();
const updatedAt = () => timestamp("updated_at", { withTimezone: true }).notNull().defaultNow();

// ---------------------------------------------------------------- people

export const customers = pgTable(
  "customers",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    name: text("name").notNull(),
    email: text("email"),
    phone: text("phone"),
    notes: text("notes"),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [
    index("customers_email_idx").on(sql`lower(${t.email})`),
    check("customers_name_len", sql`char_length(${t.name}) BETWEEN 1 AND 200`),
  ],
);

export const users = pgTable(
  "users",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    email: text("email").notNull(),
    name: text("name").notNull(),
    phone: text("phone"),
    role: text("role").$type<Role>().notNull(),
    /** Null until the person sets a password (e.g. booked by phone, invited). */
    passwordHash: text("password_hash"),
    /** The customer record a customer-role login belongs to. */
    customerId: uuid("customer_id").references(() => customers.id, { onDelete: "restrict" }),
    disabledAt: timestamp("disabled_at", { withTimezone: true }),
    /** Bumped on disable, role change and password change: older sessions stop working. */
    sessionVersion: integer("session_version").notNull().default(1),
    lastLoginAt: timestamp("last_login_at", { withTimezone: true }),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [
    uniqueIndex("users_email_lower_key").on(sql`lower(${t.email})`),
    check("users_role_valid", oneOf("role", ROLES)),
    check("users_email_len", sql`char_length(${t.email}) BETWEEN 3 AND 254`),
    check("users_customer_link", sql`(${t.role} = 'customer') = (${t.customerId} IS NOT NULL)`),
    index("users_customer_idx").on(t.customerId),
  ],
);

/** Failed sign-ins, counted in the database so every app instance sees them. */
export const loginFailures = pgTable(
  "login_failures",
  {
    id: bigserial("id", { mode: "number" }).primaryKey(),
    email: text("email").notNull(),
    ip: text("ip").notNull(),
    at: timestamp("at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index("login_failures_email_at_idx").on(t.email, t.at), index("login_failures_ip_at_idx").on(t.ip, t.at)],
);

export const passwordResetTokens = pgTable(
  "password_reset_tokens",
  {
    tokenHash: text("token_hash").primaryKey(),
    userId: uuid("user_id")
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    purpose: text("purpose").$type<"reset" | "invite">().notNull().default("reset"),
    expiresAt: timestamp("expires_at", { withTimezone: true }).notNull(),
    usedAt: timestamp("used_at", { withTimezone: true }),
    createdAt: createdAt(),
  },
  (t) => [index("password_reset_tokens_user_idx").on(t.userId), check("password_reset_purpose_valid", oneOf("purpose", ["reset", "invite"]))],
);

export const technicianProfiles = pgTable(
  "technician_profiles",
  {
    userId: uuid("user_id")
      .primaryKey()
      .references(() => users.id, { onDelete: "cascade" }),
    /** Brands this technician handles. */
    brands: text("brands").array().$type<Brand[]>().notNull().default(sql`ARRAY['dahua','lorex','hikvision']::text[]`),
    color: text("color"),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [check("technician_brands_valid", sql`${t.brands} <@ ARRAY['dahua','lorex','hikvision']::text[]`)],
);

/** Weekly working hours, in the company time zone, as minutes after local midnight. */
export const technicianHours = pgTable(
  "technician_hours",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    technicianId: uuid("technician_id")
      .notNull()
      .references(() => technicianProfiles.userId, { onDelete: "cascade" }),
    /** ISO weekday: 1 = Monday ... 7 = Sunday. */
    weekday: integer("weekday").notNull(),
    startMinute: integer("start_minute").notNull(),
    endMinute: integer("end_minute").notNull(),
  },
  (t) => [
    index("technician_hours_tech_idx").on(t.technicianId, t.weekday),
    check("technician_hours_weekday", sql`${t.weekday} BETWEEN 1 AND 7`),
    check("technician_hours_range", sql`${t.startMinute} >= 0 AND ${t.endMinute} <= 1440 AND ${t.startMinute} < ${t.endMinute}`),
  ],
);

export const technicianTimeOff = pgTable(
  "technician_time_off",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    technicianId: uuid("technician_id")
      .notNull()
      .references(() => technicianProfiles.userId, { onDelete: "cascade" }),
    startsAt: timestamp("starts_at", { withTimezone: true }).notNull(),
    endsAt: timestamp("ends_at", { withTimezone: true }).notNull(),
    reason: text("reason"),
    createdAt: createdAt(),
  },
  (t) => [index("technician_time_off_tech_idx").on(t.technicianId, t.startsAt), check("time_off_range", sql`${t.startsAt} < ${t.endsAt}`)],
);

/** Company-wide closed days (local dates in the company time zone). */
export const holidays = pgTable("holidays", {
  day: date("day").primaryKey(),
  name: text("name").notNull(),
});

// ---------------------------------------------------------------- places and devices

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
    uniqueIndex("devices_brand_serial_key").on(t.brand, sql`upper(${t.serial})`).where(sql`${t.serial} IS NOT NULL`),
    check("devices_brand_valid", oneOf("brand", BRANDS)),
    check("devices_kind_valid", oneOf("kind", DEVICE_KINDS)),
    check("devices_warranty_valid", oneOf("warranty_seal", WARRANTY_SEALS)),
    check("devices_channels_range", sql`${t.channels} IS NULL OR ${t.channels} BETWEEN 1 AND 256`),
  ],
);

// ---------------------------------------------------------------- visits

export const visits = pgTable(
  "visits",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    /** Short human reference shown to customers (e.g. FK-7Q4M2X). */
    reference: text("reference").notNull(),
    customerId: uuid("customer_id")
      .notNull()
      .references(() => customers.id, { onDelete: "restrict" }),
    siteId: uuid("site_id")
      .notNull()
      .references(() => sites.id, { onDelete: "restrict" }),
    technicianId: uuid("technician_id").references(() => users.id, { onDelete: "restrict" }),
    startsAt: timestamp("starts_at", { withTimezone: true }).notNull(),
    endsAt: timestamp("ends_at", { withTimezone: true }).notNull(),
    /** End of the time this visit blocks on the technician's day: ends_at plus the travel buffer. */
    busyUntil: timestamp("busy_until", { withTimezone: true }).notNull(),
    status: text("status").$type<VisitStatus>().notNull().default("scheduled"),
    idempotencyKey: text("idempotency_key"),
    bookingNotes: text("booking_notes"),
    /** A follow-up visit points at the visit it continues. */
    followUpOf: uuid("follow_up_of"),
    createdBy: uuid("created_by").references(() => users.id, { onDelete: "set null" }),
    cancelledAt: timestamp("cancelled_at", { withTimezone: true }),
    cancelReason: text("cancel_reason"),
    completedAt: timestamp("completed_at", { withTimezone: true }),
    reminderSentAt: timestamp("reminder_sent_at", { withTimezone: true }),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [
    uniqueIndex("visits_idempotency_key").on(t.idempotencyKey),
    uniqueIndex("visits_reference_key").on(t.reference),
    index("visits_technician_start_idx").on(t.technicianId, t.startsAt),
    index("visits_customer_idx").on(t.customerId, t.startsAt),
    index("visits_start_idx").on(t.startsAt),
    index("visits_follow_up_of_idx").on(t.followUpOf),
    check("visits_status_valid", oneOf("status", VISIT_STATUSES)),
    check("visits_time_order", sql`${t.startsAt} < ${t.endsAt} AND ${t.endsAt} <= ${t.busyUntil}`),
    check("visits_scheduled_has_technician", sql`${t.status} IN ('requested','cancelled','no_show','completed') OR ${t.technicianId} IS NOT NULL`),
    foreignKey({ columns: [t.followUpOf], foreignColumns: [t.id], name: "visits_follow_up_of_fk" }).onDelete("set null"),
    // visits_no_overlap (EXCLUDE USING gist) is in a custom migration.
  ],
);

export const visitDevices = pgTable(
  "visit_devices",
  {
    visitId: uuid("visit_id")
      .notNull()
      .references(() => visits.id, { onDelete: "cascade" }),
    deviceId: uuid("device_id")
      .notNull()
      .references(() => devices.id, { onDelete: "restrict" }),
    /** The customer's description of the problem. */
    problem: text("problem"),
    /** Set when the technician closes a visit without trying this device. */
    notAttemptedReason: text("not_attempted_reason"),
  },
  (t) => [primaryKey({ columns: [t.visitId, t.deviceId] }), index("visit_devices_device_idx").on(t.deviceId)],
);

export const authorizations = pgTable(
  "authorizations",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    visitId: uuid("visit_id")
      .notNull()
      .references(() => visits.id, { onDelete: "cascade" }),
    personName: text("person_name").notNull(),
    relationship: text("relationship").$type<AuthRelationship>().notNull(),
    statement: text("statement").notNull(),
    /** PNG data of a signature drawn on screen. */
    signaturePng: bytea("signature_png"),
    typedAcknowledgement: text("typed_acknowledgement"),
    recordedBy: uuid("recorded_by")
      .notNull()
      .references(() => users.id, { onDelete: "restrict" }),
    recordedAt: timestamp("recorded_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    // One authorization per visit: a second one may never silently replace the first.
    uniqueIndex("authorizations_visit_key").on(t.visitId),
    check("authorizations_relationship_valid", oneOf("relationship", AUTH_RELATIONSHIPS)),
    check("authorizations_has_signature", sql`${t.signaturePng} IS NOT NULL OR ${t.typedAcknowledgement} IS NOT NULL`),
  ],
);

// ---------------------------------------------------------------- recovery methods and attempts

export const recoveryMethods = pgTable(
  "recovery_methods",
  {
    /** Stable id, e.g. dahua_qr_dmss. */
    id: text("id").primaryKey(),
    name: text("name").notNull(),
    brands: text("brands").array().$type<Brand[]>().notNull(),
    /** Device kinds it applies to; empty = all kinds. */
    kinds: text("kinds").array().$type<DeviceKind[]>().notNull().default(sql`ARRAY[]::text[]`),
    requirements: text("requirements").notNull(),
    /** Recovery options the device must have had set up (all of them). */
    requiresOptions: text("requires_options").array().$type<RecoveryOption[]>().notNull().default(sql`ARRAY[]::text[]`),
    wipesConfig: text("wipes_config").$type<WipesConfig>().notNull(),
    vendorPending: boolean("vendor_pending").notNull().default(false),
    typicalTime: text("typical_time").notNull(),
    typicalMinutes: integer("typical_minutes"),
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
  },
  (t) => [
    check("recovery_methods_wipes_valid", oneOf("wipes_config", WIPES_CONFIG)),
    check("recovery_methods_claim_range", sql`${t.claimedSuccessRate} IS NULL OR ${t.claimedSuccessRate} BETWEEN 0 AND 1`),
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

// ---------------------------------------------------------------- backups (the vault)

export const configBackups = pgTable(
  "config_backups",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    deviceId: uuid("device_id")
      .notNull()
      .references(() => devices.id, { onDelete: "restrict" }),
    visitId: uuid("visit_id").references(() => visits.id, { onDelete: "set null" }),
    /** 1, 2, 3 ... per device. */
    version: integer("version").notNull(),
    kind: text("kind").$type<BackupKind>().notNull().default("config"),
    filename: text("filename").notNull(),
    contentType: text("content_type").notNull(),
    sizeBytes: integer("size_bytes").notNull(),
    /** sha256 of the plain bytes, hex. */
    sha256: text("sha256").notNull(),
    ciphertext: bytea("ciphertext").notNull(),
    iv: bytea("iv").notNull(),
    authTag: bytea("auth_tag").notNull(),
    keyId: text("key_id").notNull(),
    firmwareAtExport: text("firmware_at_export"),
    note: text("note"),
    uploadedBy: uuid("uploaded_by")
      .notNull()
      .references(() => users.id, { onDelete: "restrict" }),
    uploadedAt: timestamp("uploaded_at", { withTimezone: true }).notNull().defaultNow(),
    deletedAt: timestamp("deleted_at", { withTimezone: true }),
    deletedBy: uuid("deleted_by").references(() => users.id, { onDelete: "restrict" }),
  },
  (t) => [
    uniqueIndex("config_backups_device_version_key").on(t.deviceId, t.version),
    index("config_backups_visit_idx").on(t.visitId),
    check("config_backups_kind_valid", oneOf("kind", BACKUP_KINDS)),
    check("config_backups_size_positive", sql`${t.sizeBytes} > 0`),
    check("config_backups_sha256_hex", sql`${t.sha256} ~ '^[0-9a-f]{64}$'`),
  ],
);

export const vendorCases = pgTable(
  "vendor_cases",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    attemptId: uuid("attempt_id")
      .notNull()
      .references(() => attempts.id, { onDelete: "restrict" }),
    visitId: uuid("visit_id")
      .notNull()
      .references(() => visits.id, { onDelete: "restrict" }),
    deviceId: uuid("device_id")
      .notNull()
      .references(() => devices.id, { onDelete: "restrict" }),
    vendor: text("vendor").$type<Vendor>().notNull(),
    whatWasSent: text("what_was_sent").notNull(),
    sentAt: timestamp("sent_at", { withTimezone: true }).notNull(),
    dueAt: timestamp("due_at", { withTimezone: true }).notNull(),
    status: text("status").$type<VendorCaseStatus>().notNull().default("open"),
    requestBackupId: uuid("request_backup_id").references(() => configBackups.id, { onDelete: "restrict" }),
    resultBackupId: uuid("result_backup_id").references(() => configBackups.id, { onDelete: "restrict" }),
    resultReceivedAt: timestamp("result_received_at", { withTimezone: true }),
    closedAt: timestamp("closed_at", { withTimezone: true }),
    notes: text("notes"),
    overdueNotifiedAt: timestamp("overdue_notified_at", { withTimezone: true }),
    createdAt: createdAt(),
  },
  (t) => [
    uniqueIndex("vendor_cases_attempt_key").on(t.attemptId),
    index("vendor_cases_status_due_idx").on(t.status, t.dueAt),
    index("vendor_cases_visit_idx").on(t.visitId),
    index("vendor_cases_sent_idx").on(t.sentAt),
    check("vendor_cases_vendor_valid", oneOf("vendor", VENDORS)),
    check("vendor_cases_status_valid", oneOf("status", VENDOR_CASE_STATUSES)),
    check("vendor_cases_due_after_sent", sql`${t.dueAt} > ${t.sentAt}`),
  ],
);

export const checklists = pgTable(
  "checklists",
  {
    visitId: uuid("visit_id")
      .primaryKey()
      .references(() => visits.id, { onDelete: "cascade" }),
    patternLockSet: text("pattern_lock_set").$type<ChecklistAnswer>().notNull(),
    configExported: text("config_exported").$type<ChecklistAnswer>().notNull(),
    recoveryEmailUpdated: text("recovery_email_updated").$type<ChecklistAnswer>().notNull(),
    notes: text("notes"),
    answeredBy: uuid("answered_by")
      .notNull()
      .references(() => users.id, { onDelete: "restrict" }),
    answeredAt: timestamp("answered_at", { withTimezone: true }).notNull().defaultNow(),
  },
  () => [
    check("checklists_pattern_valid", oneOf("pattern_lock_set", CHECKLIST_ANSWERS)),
    check("checklists_config_valid", oneOf("config_exported", CHECKLIST_ANSWERS)),
    check("checklists_email_valid", oneOf("recovery_email_updated", CHECKLIST_ANSWERS)),
  ],
);

// ---------------------------------------------------------------- mail, audit, settings

export type MailAttachment = { filename: string; contentType: string; contentBase64: string };

export const mailOutbox = pgTable(
  "mail_outbox",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    kind: text("kind").notNull(),
    toAddress: text("to_address").notNull(),
    subject: text("subject").notNull(),
    textBody: text("text_body").notNull(),
    htmlBody: text("html_body"),
    attachments: jsonb("attachments").$type<MailAttachment[]>().notNull().default([]),
    visitId: uuid("visit_id").references(() => visits.id, { onDelete: "set null" }),
    status: text("status").$type<MailStatus>().notNull().default("pending"),
    attempts: integer("attempts").notNull().default(0),
    lastError: text("last_error"),
    nextAttemptAt: timestamp("next_attempt_at", { withTimezone: true }).notNull().defaultNow(),
    claimedAt: timestamp("claimed_at", { withTimezone: true }),
    claimedBy: text("claimed_by"),
    sentAt: timestamp("sent_at", { withTimezone: true }),
    createdAt: createdAt(),
  },
  (t) => [
    index("mail_outbox_due_idx").on(t.status, t.nextAttemptAt),
    index("mail_outbox_visit_idx").on(t.visitId),
    check("mail_outbox_status_valid", oneOf("status", MAIL_STATUSES)),
  ],
);

export const auditEvents = pgTable(
  "audit_events",
  {
    id: bigserial("id", { mode: "number" }).primaryKey(),
    actorId: uuid("actor_id").references(() => users.id, { onDelete: "set null" }),
    action: text("action").notNull(),
    entityType: text("entity_type").notNull(),
    entityId: text("entity_id"),
    details: jsonb("details").$type<Record<string, unknown>>().notNull().default({}),
    ip: text("ip"),
    at: timestamp("at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index("audit_events_entity_idx").on(t.entityType, t.entityId, t.at), index("audit_events_actor_idx").on(t.actorId, t.at)],
);

/** Company settings as key/value JSON (see lib/settings.ts for the typed view). */
export const settings = pgTable("settings", {
  key: text("key").primaryKey(),
  value: jsonb("value").$type<unknown>().notNull(),
  updatedAt: updatedAt(),
});

// ---------------------------------------------------------------- report rollups
// Derived data, never written by app code: PL/pgSQL triggers on attempts,
// devices, visits, visit_devices and vendor_cases keep these current in the
// same transaction as every write (migration *_reports_rollups.sql), and
// reports_rebuild() recomputes them from scratch. See lib/reports/README.md.

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

// ---------------------------------------------------------------- API, webhooks, calendar feeds

export const API_SCOPES = [
  "customers:read",
  "devices:read",
  "visits:read",
  "visits:write",
  "bookings:write",
  "attempts:read",
  "attempts:write",
  "backups:read",
  "vendor-cases:read",
  "reports:read",
] as const;
export type ApiScope = (typeof API_SCOPES)[number];

export const WEBHOOK_EVENTS = ["visit.booked", "visit.rescheduled", "visit.cancelled", "visit.completed", "vendor_case.overdue", "backup.uploaded"] as const;
export type WebhookEvent = (typeof WEBHOOK_EVENTS)[number];

export const WEBHOOK_DELIVERY_STATUSES = ["pending", "sending", "delivered", "failed"] as const;
export type WebhookDeliveryStatus = (typeof WEBHOOK_DELIVERY_STATUSES)[number];

export const CALENDAR_FEED_SCOPES = ["own", "all"] as const;
export type CalendarFeedScope = (typeof CALENDAR_FEED_SCOPES)[number];

const textArray = (values: readonly string[]) => sql.raw(`ARRAY[${values.map((v) => `'${v}'`).join(",")}]::text[]`);

/** API tokens: shown once, stored as sha256; each acts as one user, within its scopes. */
export const apiTokens = pgTable(
  "api_tokens",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    name: text("name").notNull(),
    /** The user this token acts as: their role and scoping apply, re-read on every call. */
    userId: uuid("user_id")
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    /** The first characters of the token, for recognising it in lists. */
    tokenPrefix: text("token_prefix").notNull(),
    /** sha256 of the whole token, hex. */
    tokenHash: text("token_hash").notNull(),
    scopes: text("scopes").array().$type<ApiScope[]>().notNull(),
    createdBy: uuid("created_by").references(() => users.id, { onDelete: "set null" }),
    createdAt: createdAt(),
    lastUsedAt: timestamp("last_used_at", { withTimezone: true }),
    revokedAt: timestamp("revoked_at", { withTimezone: true }),
    expiresAt: timestamp("expires_at", { withTimezone: true }),
  },
  (t) => [
    uniqueIndex("api_tokens_hash_key").on(t.tokenHash),
    index("api_tokens_user_idx").on(t.userId),
    check("api_tokens_name_len", sql`char_length(${t.name}) BETWEEN 1 AND 100`),
    check("api_tokens_hash_hex", sql`${t.tokenHash} ~ '^[0-9a-f]{64}$'`),
    check("api_tokens_scopes_valid", sql`${t.scopes} <@ ${textArray(API_SCOPES)} AND cardinality(${t.scopes}) >= 1`),
  ],
);

/** Where events are POSTed, signed with the endpoint's secret (HMAC-SHA256). */
export const webhookEndpoints = pgTable(
  "webhook_endpoints",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    url: text("url").notNull(),
    description: text("description"),
    /** Needed to sign each delivery, so stored as is; shown to the admin once. */
    secret: text("secret").notNull(),
    events: text("events").array().$type<WebhookEvent[]>().notNull(),
    active: boolean("active").notNull().default(true),
    createdBy: uuid("created_by").references(() => users.id, { onDelete: "set null" }),
    createdAt: createdAt(),
    disabledAt: timestamp("disabled_at", { withTimezone: true }),
  },
  (t) => [
    // HTTPS only; plain http only to this machine's loopback (a receiver under test).
    check("webhook_endpoints_url_https", sql`${t.url} ~ '^https://' OR ${t.url} ~ '^http://(127\\.0\\.0\\.1|localhost)(:[0-9]+)?(/|$)'`),
    check("webhook_endpoints_url_len", sql`char_length(${t.url}) <= 2000`),
    check("webhook_endpoints_events_valid", sql`${t.events} <@ ${textArray(WEBHOOK_EVENTS)} AND cardinality(${t.events}) >= 1`),
    check("webhook_endpoints_disabled", sql`${t.active} = (${t.disabledAt} IS NULL)`),
  ],
);

/** One row per (event, endpoint), written in the same transaction as the event; claimed by the delivery job. */
export const webhookDeliveries = pgTable(
  "webhook_deliveries",
  {
    /** Sent as FieldKey-Delivery: stable across retries, for receivers to dedupe. */
    id: uuid("id").primaryKey().defaultRandom(),
    /** The event; shared by its deliveries to several endpoints. */
    eventId: uuid("event_id").notNull(),
    endpointId: uuid("endpoint_id")
      .notNull()
      .references(() => webhookEndpoints.id, { onDelete: "cascade" }),
    event: text("event").$type<WebhookEvent>().notNull(),
    payload: jsonb("payload").$type<Record<string, unknown>>().notNull(),
    status: text("status").$type<WebhookDeliveryStatus>().notNull().default("pending"),
    attempts: integer("attempts").notNull().default(0),
    nextAttemptAt: timestamp("next_attempt_at", { withTimezone: true }).notNull().defaultNow(),
    claimedAt: timestamp("claimed_at", { withTimezone: true }),
    claimedBy: text("claimed_by"),
    lastStatusCode: integer("last_status_code"),
    /** The start of the receiver's last response body. */
    lastResponse: text("last_response"),
    lastError: text("last_error"),
    deliveredAt: timestamp("delivered_at", { withTimezone: true }),
    createdAt: createdAt(),
  },
  (t) => [
    uniqueIndex("webhook_deliveries_event_endpoint_key").on(t.eventId, t.endpointId),
    index("webhook_deliveries_due_idx").on(t.status, t.nextAttemptAt),
    index("webhook_deliveries_endpoint_idx").on(t.endpointId, t.createdAt),
    check("webhook_deliveries_status_valid", oneOf("status", WEBHOOK_DELIVERY_STATUSES)),
    check("webhook_deliveries_event_valid", oneOf("event", WEBHOOK_EVENTS)),
    check("webhook_deliveries_response_len", sql`${t.lastResponse} IS NULL OR char_length(${t.lastResponse}) <= 2000`),
  ],
);

/** Private iCal subscription URLs: the token is in the URL, stored as sha256. */
export const calendarFeedTokens = pgTable(
  "calendar_feed_tokens",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    tokenHash: text("token_hash").notNull(),
    userId: uuid("user_id")
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    scope: text("scope").$type<CalendarFeedScope>().notNull(),
    createdAt: createdAt(),
    revokedAt: timestamp("revoked_at", { withTimezone: true }),
  },
  (t) => [
    uniqueIndex("calendar_feed_tokens_hash_key").on(t.tokenHash),
    index("calendar_feed_tokens_user_idx").on(t.userId),
    check("calendar_feed_tokens_scope_valid", oneOf("scope", CALENDAR_FEED_SCOPES)),
    check("calendar_feed_tokens_hash_hex", sql`${t.tokenHash} ~ '^[0-9a-f]{64}$'`),
  ],
);

/** Fixed-window request counters shared by every instance (API and public endpoints). */
export const rateLimitBuckets = pgTable(
  "rate_limit_buckets",
  {
    key: text("key").notNull(),
    windowStart: timestamp("window_start", { withTimezone: true }).notNull(),
    count: integer("count").notNull().default(0),
  },
  (t) => [primaryKey({ columns: [t.key, t.windowStart] }), index("rate_limit_buckets_window_idx").on(t.windowStart)],
);
