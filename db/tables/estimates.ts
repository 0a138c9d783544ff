/** Estimates (quotes): one current version per visit, accepted with a signature on the portal or on site. */
import { sql } from "drizzle-orm";
import { check, date, index, integer, pgTable, text, timestamp, uniqueIndex, uuid } from "drizzle-orm/pg-core";
import { oneOf, createdAt, updatedAt } from "./columns";
import { ESTIMATE_STATUSES, type Currency, type EstimateStatus } from "../../lib/values";
import { lineChecks, lineColumns, totalChecks, totalColumns } from "./document-columns";
import { customers, users } from "./people";
import { visits } from "./visits";

export const estimates = pgTable(
  "estimates",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    visitId: uuid("visit_id")
      .notNull()
      .references(() => visits.id, { onDelete: "restrict" }),
    customerId: uuid("customer_id")
      .notNull()
      .references(() => customers.id, { onDelete: "restrict" }),
    /** 1, 2, … per visit: a new version replaces the current one. */
    version: integer("version").notNull(),
    status: text("status").$type<EstimateStatus>().notNull().default("draft"),
    currency: text("currency").$type<Currency>().notNull(),
    ...totalColumns(),
    notes: text("notes"),
    /** Bumped on every edit: an acceptance names the revision it saw. */
    revision: integer("revision").notNull().default(1),
    sentAt: timestamp("sent_at", { withTimezone: true }),
    validUntil: date("valid_until"),
    acceptedName: text("accepted_name"),
    acceptedAt: timestamp("accepted_at", { withTimezone: true }),
    acceptedIp: text("accepted_ip"),
    acceptedUserAgent: text("accepted_user_agent"),
    acceptedBy: uuid("accepted_by").references(() => users.id, { onDelete: "set null" }),
    /** portal: the customer; on_site: taken by the technician on their phone. */
    acceptedVia: text("accepted_via").$type<"portal" | "on_site">(),
    declinedAt: timestamp("declined_at", { withTimezone: true }),
    declineReason: text("decline_reason"),
    /** Set when a newer version replaces this one. */
    supersededAt: timestamp("superseded_at", { withTimezone: true }),
    createdBy: uuid("created_by").references(() => users.id, { onDelete: "set null" }),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [
    uniqueIndex("estimates_visit_version_key").on(t.visitId, t.version),
    uniqueIndex("estimates_one_current_per_visit")
      .on(t.visitId)
      .where(sql`${t.supersededAt} IS NULL`),
    index("estimates_customer_idx").on(t.customerId, t.createdAt),
    check("estimates_status_valid", oneOf("status", ESTIMATE_STATUSES)),
    check("estimates_version_positive", sql`${t.version} >= 1`),
    check(
      "estimates_accepted_has_signature",
      sql`(${t.status} = 'accepted') = (${t.acceptedAt} IS NOT NULL AND ${t.acceptedName} IS NOT NULL AND ${t.acceptedVia} IN ('portal','on_site'))`,
    ),
    check("estimates_declined_has_time", sql`(${t.status} = 'declined') = (${t.declinedAt} IS NOT NULL)`),
    check("estimates_sent_has_time", sql`${t.status} = 'draft' OR ${t.sentAt} IS NOT NULL`),
    ...totalChecks("estimates"),
  ],
);

export const estimateLines = pgTable(
  "estimate_lines",
  {
    ...lineColumns(),
    estimateId: uuid("estimate_id")
      .notNull()
      .references(() => estimates.id, { onDelete: "cascade" }),
  },
  (t) => [uniqueIndex("estimate_lines_position_key").on(t.estimateId, t.position), ...lineChecks("estimate_lines")],
);
