/** Visits, the devices each covers, and the customer's authorization. */
import { sql } from "drizzle-orm";
import { check, foreignKey, index, integer, pgTable, primaryKey, text, timestamp, uniqueIndex, uuid } from "drizzle-orm/pg-core";
import { oneOf, bytea, createdAt, updatedAt } from "./columns";
import { AUTH_RELATIONSHIPS, VISIT_STATUSES, type AuthRelationship, type VisitStatus } from "../../lib/values";
import { customers, users } from "./people";
import { devices, sites } from "./places";

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
    /** The booking's key, scoped to whoever booked (lib/booking/idempotency.ts). */
    idempotencyKey: text("idempotency_key"),
    /** An HMAC of what the booking asked for: a replay of the key must match it. */
    idempotencyFingerprint: text("idempotency_fingerprint"),
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
    /** Where the customer listed it (0 = first): every list of a visit's devices follows this order. */
    position: integer("position").notNull().default(0),
  },
  (t) => [
    primaryKey({ columns: [t.visitId, t.deviceId] }),
    index("visit_devices_device_idx").on(t.deviceId),
    check("visit_devices_position_valid", sql`${t.position} >= 0`),
  ],
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
