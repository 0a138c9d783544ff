/** People: customers, users and sign-in records, technicians' skills, hours and time off, company holidays. */
import { sql } from "drizzle-orm";
import { bigint, bigserial, check, date, index, integer, pgTable, text, timestamp, uniqueIndex, uuid } from "drizzle-orm/pg-core";
import { oneOf, createdAt, updatedAt } from "./columns";
import { ROLES, type Brand, type Role } from "../../lib/values";

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
  (t) => [index("customers_email_idx").on(sql`lower(${t.email})`), check("customers_name_len", sql`char_length(${t.name}) BETWEEN 1 AND 200`)],
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

/**
 * One row per sign-in: its id travels in the session cookie. Sign-out ends
 * the row (ended_at), and a session older than the company's maximum lifetime
 * for its role (settings) is over whatever the cookie says (lib/auth/sessions.ts).
 */
export const sessions = pgTable(
  "sessions",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    userId: uuid("user_id")
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    /** The issue time: the absolute lifetime counts from here. */
    createdAt: createdAt(),
    /** When this session passed the second factor (staff two-step sign-in); null = password only. */
    secondFactorAt: timestamp("second_factor_at", { withTimezone: true }),
    endedAt: timestamp("ended_at", { withTimezone: true }),
  },
  (t) => [index("sessions_user_idx").on(t.userId), index("sessions_created_idx").on(t.createdAt)],
);

/** A staff member's authenticator (TOTP): the secret sealed with a key from AUTH_SECRET (lib/platform/secret-box.ts). */
export const userTwoFactor = pgTable("user_two_factor", {
  userId: uuid("user_id")
    .primaryKey()
    .references(() => users.id, { onDelete: "cascade" }),
  secretSealed: text("secret_sealed").notNull(),
  /** Null while enrolment waits for the first code. */
  enabledAt: timestamp("enabled_at", { withTimezone: true }),
  /** The 30-second step of the last code accepted: a code of that step or earlier is refused (no replay). */
  lastTimeStep: bigint("last_time_step", { mode: "number" }),
  createdAt: createdAt(),
});

/** One-time recovery codes for a lost authenticator, stored as sha256. */
export const twoFactorRecoveryCodes = pgTable(
  "two_factor_recovery_codes",
  {
    id: bigserial("id", { mode: "number" }).primaryKey(),
    userId: uuid("user_id")
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    codeHash: text("code_hash").notNull(),
    usedAt: timestamp("used_at", { withTimezone: true }),
  },
  (t) => [
    uniqueIndex("two_factor_recovery_codes_key").on(t.userId, t.codeHash),
    check("two_factor_recovery_codes_hash_hex", sql`${t.codeHash} ~ '^[0-9a-f]{64}$'`),
  ],
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
    brands: text("brands")
      .array()
      .$type<Brand[]>()
      .notNull()
      .default(sql`ARRAY['dahua','lorex','hikvision']::text[]`),
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
