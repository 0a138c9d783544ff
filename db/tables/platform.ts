/** Mail outbox, audit log and company settings. */
import { bigserial, check, index, integer, jsonb, pgTable, text, timestamp, uuid } from "drizzle-orm/pg-core";
import { oneOf, createdAt, updatedAt } from "./columns";
import { MAIL_STATUSES, type MailStatus } from "../../lib/values";
import { users } from "./people";
import { visits } from "./visits";

/**
 * An email attachment: small, non-sensitive bytes carried in the row (an .ics
 * invite), or a file kept sealed in the vault (a device photo, an exported
 * vendor request) and read only when the mail is sent or an admin opens it:
 * then `contentBase64` is empty and `vaultFileId` names the file.
 */
export type MailAttachment = { filename: string; contentType: string; contentBase64: string; vaultFileId?: string; sizeBytes?: number };

export const mailOutbox = pgTable(
  "mail_outbox",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    kind: text("kind").notNull(),
    toAddress: text("to_address").notNull(),
    subject: text("subject").notNull(),
    /** The text as admins may read it: a secret in it (a reset or invitation link's token) is masked (lib/mail/outbox.ts). */
    textBody: text("text_body").notNull(),
    /** That secret, sealed (lib/platform/secret-box.ts), put back in only when the message is sent; cleared once sent. */
    secretSealed: text("secret_sealed"),
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

/** Company settings as key/value JSON (see lib/settings/company.ts for the typed view). */
export const settings = pgTable("settings", {
  key: text("key").primaryKey(),
  value: jsonb("value").$type<unknown>().notNull(),
  updatedAt: updatedAt(),
});
