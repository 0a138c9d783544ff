/** The public API, webhooks, calendar feeds and rate limits. */
import { sql } from "drizzle-orm";
import { boolean, check, index, integer, jsonb, pgTable, primaryKey, text, timestamp, uniqueIndex, uuid } from "drizzle-orm/pg-core";
import { oneOf, createdAt } from "./columns";
import {
  API_SCOPES,
  CALENDAR_FEED_SCOPES,
  WEBHOOK_DELIVERY_STATUSES,
  WEBHOOK_EVENTS,
  type ApiScope,
  type CalendarFeedScope,
  type WebhookDeliveryStatus,
  type WebhookEvent,
} from "../../lib/values";
import { users } from "./people";

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
    // HTTPS only; plain http only to this machine's loopback (a receiver under test, with FIELDKEY_WEBHOOKS_ALLOW_PRIVATE=1: lib/webhooks/target.ts).
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
    /** The receiver's last status code (its body is never read or kept). */
    lastStatusCode: integer("last_status_code"),
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
