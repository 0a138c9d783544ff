/** The vault (config backups, recovery files and device photos), vendor cases and the lockout-prevention checklist. */
import { sql } from "drizzle-orm";
import { check, index, integer, pgTable, text, timestamp, uniqueIndex, uuid } from "drizzle-orm/pg-core";
import { oneOf, bytea, createdAt } from "./columns";
import {
  BACKUP_KINDS,
  CHECKLIST_ANSWERS,
  PHOTO_KINDS,
  VENDORS,
  VENDOR_CASE_CLOSE_REASONS,
  VENDOR_CASE_STATUSES,
  type BackupKind,
  type ChecklistAnswer,
  type PhotoKind,
  type Vendor,
  type VendorCaseCloseReason,
  type VendorCaseStatus,
} from "../../lib/values";
import { users } from "./people";
import { devices } from "./places";
import { visits } from "./visits";
import { attempts } from "./field";
import { mailOutbox } from "./platform";

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
    /** Photos (kind = photo): what the photo shows. */
    photoKind: text("photo_kind").$type<PhotoKind>(),
    /** Photos: when the camera took it (the phone's word, read from EXIF before compression), if known. */
    takenAt: timestamp("taken_at", { withTimezone: true }),
    /** Photos: pixel size of the stored image. */
    width: integer("width"),
    height: integer("height"),
    /** Photos: a small JPEG made on the server, sealed like the file itself (same key id, its own IV and tag). */
    thumbCiphertext: bytea("thumb_ciphertext"),
    thumbIv: bytea("thumb_iv"),
    thumbAuthTag: bytea("thumb_auth_tag"),
    /** The id the uploader's phone made for this upload (Idempotency-Key): a retried upload is stored once. */
    clientId: uuid("client_id"),
  },
  (t) => [
    uniqueIndex("config_backups_device_version_key").on(t.deviceId, t.version),
    uniqueIndex("config_backups_client_id_key").on(t.clientId),
    index("config_backups_visit_idx").on(t.visitId),
    check("config_backups_kind_valid", oneOf("kind", BACKUP_KINDS)),
    check("config_backups_size_positive", sql`${t.sizeBytes} > 0`),
    check("config_backups_sha256_hex", sql`${t.sha256} ~ '^[0-9a-f]{64}$'`),
    check("config_backups_photo_kind_valid", sql`${t.photoKind} IS NULL OR ${oneOf("photo_kind", PHOTO_KINDS)}`),
    // A photo has what it shows and its thumbnail; no other file has either.
    check(
      "config_backups_photo_shape",
      sql`(${t.kind} = 'photo') = (${t.photoKind} IS NOT NULL AND ${t.thumbCiphertext} IS NOT NULL AND ${t.thumbIv} IS NOT NULL AND ${t.thumbAuthTag} IS NOT NULL AND ${t.width} IS NOT NULL AND ${t.height} IS NOT NULL AND ${t.width} > 0 AND ${t.height} > 0)`,
    ),
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
    /** When the vendor's answer stops being usable (set when the answer comes in, from the method's validity); null = not in yet, or unknown. */
    expiresAt: timestamp("expires_at", { withTimezone: true }),
    /** Reminder claims (lib/vendor-cases/reminders.ts): each mail goes out once, whichever instance sends it. */
    overdueMailedAt: timestamp("overdue_mailed_at", { withTimezone: true }),
    expiryWarnedAt: timestamp("expiry_warned_at", { withTimezone: true }),
    closedReason: text("closed_reason").$type<VendorCaseCloseReason>(),
    /** The email to the vendor drafted when the case was sent (in the outbox). */
    vendorMailId: uuid("vendor_mail_id").references(() => mailOutbox.id, { onDelete: "set null" }),
    createdAt: createdAt(),
  },
  (t) => [
    uniqueIndex("vendor_cases_attempt_key").on(t.attemptId),
    index("vendor_cases_status_due_idx").on(t.status, t.dueAt),
    index("vendor_cases_status_expires_idx").on(t.status, t.expiresAt),
    index("vendor_cases_visit_idx").on(t.visitId),
    index("vendor_cases_sent_idx").on(t.sentAt),
    check("vendor_cases_vendor_valid", oneOf("vendor", VENDORS)),
    check("vendor_cases_status_valid", oneOf("status", VENDOR_CASE_STATUSES)),
    check("vendor_cases_due_after_sent", sql`${t.dueAt} > ${t.sentAt}`),
    check("vendor_cases_close_reason_valid", sql`${t.closedReason} IS NULL OR ${oneOf("closed_reason", VENDOR_CASE_CLOSE_REASONS)}`),
    // Only an ended case has a reason (the reverse, every ended case has one, is in the backfill migration).
    check("vendor_cases_close_reason_when_ended", sql`${t.closedReason} IS NULL OR ${t.status} IN ('closed', 'expired')`),
    check("vendor_cases_expiry_after_answer", sql`${t.expiresAt} IS NULL OR (${t.resultReceivedAt} IS NOT NULL AND ${t.expiresAt} > ${t.resultReceivedAt})`),
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
