/**
 * Errors the domain throws on purpose, and the mapping of database
 * constraint violations to messages a person can act on.
 */
import { z } from "zod";

export type FieldErrors = Record<string, string[]>;

export class AppError extends Error {
  constructor(
    message: string,
    readonly status: number,
    readonly fieldErrors?: FieldErrors,
  ) {
    super(message);
    this.name = new.target.name;
  }
}
/** Bad input: 422 with per-field messages. */
export class ValidationError extends AppError {
  constructor(message: string, fieldErrors?: FieldErrors) {
    super(message, 422, fieldErrors);
  }
}
/** Not signed in: 401. */
export class UnauthenticatedError extends AppError {
  constructor(message = "Please sign in.") {
    super(message, 401);
  }
}
/** Signed in but not allowed: 403. Use NotFoundError when even existence must not leak. */
export class ForbiddenError extends AppError {
  constructor(message = "You do not have access to this.") {
    super(message, 403);
  }
}
export class NotFoundError extends AppError {
  constructor(message = "Not found.") {
    super(message, 404);
  }
}
/** The request collides with the current state (slot taken, already done): 409. */
export class ConflictError extends AppError {
  constructor(message: string, fieldErrors?: FieldErrors) {
    super(message, 409, fieldErrors);
  }
}
export class RateLimitedError extends AppError {
  constructor(
    message: string,
    readonly retryAfterSeconds: number,
  ) {
    super(message, 429);
  }
}

type PgErrorLike = { code?: string; constraint?: string; constraint_name?: string; cause?: unknown };

/** Drizzle wraps driver errors; the SQLSTATE is on the error or its cause. */
export function pgError(err: unknown): { code: string; constraint?: string; message?: string } | null {
  let e: unknown = err;
  for (let depth = 0; e && depth < 4; depth++) {
    const p = e as PgErrorLike;
    if (typeof p.code === "string" && /^[0-9A-Z]{5}$/.test(p.code)) {
      return { code: p.code, constraint: p.constraint ?? p.constraint_name, message: (e as Error).message };
    }
    e = p.cause;
  }
  return null;
}

/** A deadlock or serialization failure: another transaction won, and the same request succeeds when sent again. */
export const isLostRace = (err: unknown) => ["40P01", "40001"].includes(pgError(err)?.code ?? "");

/** Messages for named constraints: [field or "" for form-level, message]. */
const CONSTRAINT_MESSAGES: Record<string, [string, string]> = {
  users_email_lower_key: ["email", "An account with this email already exists. Sign in, or use “Forgot password”."],
  visits_no_overlap: ["slot", "That time was just taken. Please pick another slot."],
  visits_idempotency_key: ["", "This booking was already submitted."],
  devices_brand_serial_key: ["serial", "Another device of this brand already has this serial number."],
  authorizations_visit_key: ["", "This visit already has an authorization recorded; it cannot be replaced."],
  attempts_visit_device_fk: ["deviceId", "That device is not on this visit."],
  attempts_visit_device_seq_key: ["", "Another attempt was logged at the same moment; please try again."],
  config_backups_device_version_key: ["", "Another backup of this device was saved at the same moment; please try again."],
  vendor_cases_attempt_key: ["", "This attempt already has a vendor case."],
  holidays_pkey: ["day", "That day is already a holiday."],
  // billing (db/tables/{billing,estimates,invoices,payments}.ts and the guards in 0006_billing_guards.sql)
  invoices_one_per_visit: ["", "This visit already has an invoice. Open it instead, or void it first."],
  invoices_number_key: ["", "Another invoice took this number at the same moment; please try again."],
  invoices_year_seq_key: ["", "Another invoice took this number at the same moment; please try again."],
  invoices_paid_within_total: ["amount", "That is more than what is owed on this invoice. Overpayments are not recorded."],
  invoices_issued_immutable: ["", "An issued invoice cannot change. Correct it with a credit note."],
  invoices_totals_match_lines: ["", "The invoice totals do not match its lines; reload the page and try again."],
  invoice_lines_draft_only: ["", "This invoice is issued: its lines cannot change. Correct it with a credit note."],
  invoice_lines_quantity_range: ["", "Use a quantity from 1 to 1,000 on each line."],
  estimate_lines_quantity_range: ["", "Use a quantity from 1 to 1,000 on each line."],
  invoice_lines_unit_range: ["", "Prices must be between 0.00 and 1,000,000.00."],
  estimate_lines_unit_range: ["", "Prices must be between 0.00 and 1,000,000.00."],
  price_items_unit_range: ["", "Prices must be between 0.00 and 1,000,000.00."],
  price_items_slot_key: [
    "",
    "There is already an active price for that: one call-out fee, one vendor-case fee, one price per brand and kind, one of each surcharge.",
  ],
  estimate_lines_open_only: ["", "This estimate was answered or replaced: its lines cannot change. Make a new version instead."],
  estimates_answered_immutable: ["", "An accepted or declined estimate cannot change. Make a new version instead."],
  estimates_one_current_per_visit: ["", "This visit already has a current estimate; reload the page."],
  estimates_accepted_has_signature: ["name", "Type your full name to accept."],
  payments_client_ref_key: ["", "This payment was already recorded."],
  payments_amount_positive: ["amount", "Enter an amount above zero."],
  payments_append_only: ["", "Recorded payments cannot be changed or deleted."],
  credit_notes_append_only: ["", "Credit notes cannot be changed or deleted."],
  credit_note_lines_append_only: ["", "Credit notes cannot be changed or deleted."],
  credit_notes_positive: ["", "A credit note must credit something: its total is zero."],
  company_files_type_valid: ["logo", "The logo must be a PNG or JPEG image."],
  company_files_size: ["logo", "The logo must be at most 512 KB."],
};

/** Turn a constraint violation into an AppError, or return null if it is not one. */
export function fromConstraintViolation(err: unknown): AppError | null {
  const pg = pgError(err);
  if (!pg) return null;
  const known = pg.constraint ? CONSTRAINT_MESSAGES[pg.constraint] : undefined;
  const fields = (k?: [string, string]) => (k && k[0] ? { [k[0]]: [k[1]] } : undefined);
  switch (pg.code) {
    case "23505": // unique_violation
    case "23P01": // exclusion_violation
      return new ConflictError(known?.[1] ?? "This conflicts with an existing record.", fields(known));
    case "40P01": // deadlock_detected: two requests changed the same rows at once
    case "40001": // serialization_failure
      return new ConflictError("Someone else changed this at the same moment. Please try again.");
    case "23001": // restrict_violation (ON DELETE RESTRICT)
      return new ConflictError("This is still used by other records, so it cannot be deleted.");
    case "23503": // foreign_key_violation
      if (pg.message?.startsWith("update or delete on")) return new ConflictError("This is still used by other records, so it cannot be deleted.");
      return new ValidationError(known?.[1] ?? "This refers to something that does not exist (or is still in use).", fields(known));
    case "23514": // check_violation
    case "23502": // not_null_violation
    case "22001": // string too long
    case "22003": // numeric out of range
    case "22007": // invalid datetime
    case "22P02": // invalid text representation
      return new ValidationError(known?.[1] ?? "Some values are not valid.", fields(known));
    case "22008": // datetime_field_overflow: a date the database cannot store (year 0, year 10000…)
    case "22009": // invalid_time_zone_displacement_value
      return new ValidationError("A date or time is out of range. Use a date between the years 1900 and 2999.");
    case "22021": // character_not_in_repertoire: a NUL byte ("\u0000") in text
    case "22P05": // untranslatable_character: "\u0000" inside jsonb
      return new ValidationError("Some text contains a character that cannot be saved (a NUL byte). Remove it and try again.");
    default:
      return null;
  }
}

/** The database cannot be reached (server down, connection refused or cut, too many connections): 503, try again. */
export class DatabaseUnavailableError extends AppError {
  constructor() {
    super("The database is unavailable right now. Please try again in a moment.", 503);
    this.name = "DatabaseUnavailableError";
  }
}

const CONNECTION_CODES = new Set([
  // node:net
  "ECONNREFUSED",
  "ECONNRESET",
  "EPIPE",
  "ETIMEDOUT",
  "EHOSTUNREACH",
  "ENETUNREACH",
  "EAI_AGAIN",
  // postgres.js
  "CONNECTION_CLOSED",
  "CONNECTION_ENDED",
  "CONNECTION_DESTROYED",
  "CONNECT_TIMEOUT",
]);

/** True when `err` (or what it wraps) says the database could not be reached, rather than that a query was wrong. */
export function isDatabaseUnavailable(err: unknown): boolean {
  let e: unknown = err;
  for (let depth = 0; e && depth < 5; depth++) {
    const code = (e as { code?: unknown }).code;
    if (typeof code === "string") {
      if (CONNECTION_CODES.has(code)) return true;
      // SQLSTATE class 08 (connection exception), 57P01-57P03 (shutting down / cannot connect now), 53300 (too many connections).
      if (/^08[0-9A-Z]{3}$/.test(code) || /^57P0[123]$/.test(code) || code === "53300") return true;
    }
    if (e instanceof AggregateError && e.errors.some(isDatabaseUnavailable)) return true;
    e = (e as { cause?: unknown }).cause;
  }
  return false;
}

/** zod issues -> `{ "devices.0.brand": ["..."] }`: dot paths, as react-hook-form names fields; a form-level issue goes under `_form`. */
export function zodFieldErrors(error: z.ZodError): FieldErrors {
  const out: FieldErrors = {};
  for (const issue of error.issues) (out[issue.path.map(String).join(".") || "_form"] ??= []).push(issue.message);
  return out;
}

/** Parse with a shared schema; bad input becomes a ValidationError (422) with per-field messages. */
export function parseInput<S extends z.ZodType>(schema: S, input: unknown): z.output<S> {
  const r = schema.safeParse(input);
  if (r.success) return r.data;
  throw new ValidationError("Please correct the highlighted fields.", zodFieldErrors(r.error));
}

/** Any error -> an AppError safe to show. Unknown errors are logged, and a plain message returned. */
export function toAppError(err: unknown, context = "request"): AppError {
  if (err instanceof AppError) return err;
  if (err instanceof z.ZodError) return new ValidationError(err.issues[0]?.message ?? "Some values are not valid.", zodFieldErrors(err));
  const mapped = fromConstraintViolation(err);
  if (mapped) return mapped;
  if (isDatabaseUnavailable(err)) {
    console.error(`[fieldkey] database unavailable in ${context}:`, (err as Error)?.message ?? err);
    return new DatabaseUnavailableError();
  }
  console.error(`[fieldkey] unexpected error in ${context}:`, err);
  return new AppError("Something went wrong on our side. Please try again.", 500);
}
