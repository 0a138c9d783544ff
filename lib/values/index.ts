/**
 * The value sets of the data model: each enumerated column is `text` with a
 * CHECK constraint built from one of these lists, and a TypeScript union.
 *
 * Client-safe on purpose (no drizzle, no server-only): forms and labels in the
 * browser import the lists from here, and db/tables/* import them back for
 * their CHECK constraints. db/schema.ts re-exports them for server code.
 */

export const ROLES = ["customer", "technician", "admin"] as const;
export type Role = (typeof ROLES)[number];

export const BRANDS = ["dahua", "lorex", "hikvision"] as const;
export type Brand = (typeof BRANDS)[number];

export const DEVICE_KINDS = ["dvr", "nvr", "camera"] as const;
export type DeviceKind = (typeof DEVICE_KINDS)[number];

/** Recovery options a device may have had set up before the lockout. */
export const RECOVERY_OPTIONS = ["recovery_email", "security_questions", "app_account", "guid_file", "reset_button", "unlock_pattern"] as const;
export type RecoveryOption = (typeof RECOVERY_OPTIONS)[number];
export type TriState = "yes" | "no" | "unknown";
export type RecoveryOptions = Partial<Record<RecoveryOption, TriState>>;

export const WARRANTY_SEALS = ["intact", "broken", "none", "unknown"] as const;
export type WarrantySeal = (typeof WARRANTY_SEALS)[number];

export const VISIT_STATUSES = ["requested", "scheduled", "en_route", "on_site", "waiting_vendor", "completed", "cancelled", "no_show"] as const;
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

/**
 * Why a vendor case ended: its answer came back and was used (closed), no
 * usable answer came (expired), the answer came but its clock ran out before
 * it was used (expired, by the clock), or something voided it on site (a
 * reboot, an email change: expired).
 */
export const VENDOR_CASE_CLOSE_REASONS = ["answered", "no_answer", "expired_unused", "voided"] as const;
export type VendorCaseCloseReason = (typeof VENDOR_CASE_CLOSE_REASONS)[number];

/**
 * How long a vendor's answer stays usable once it is in (catalogue data, per
 * method): a number of hours, until the end of that day in the company's time
 * zone, or unknown where no source says.
 */
export type AnswerValidity = { kind: "hours"; hours: number } | { kind: "end_of_day" } | { kind: "unknown" };

/** Files in the vault: configuration backups and recovery artifacts, and the photos taken on the job. */
export const BACKUP_KINDS = ["config", "guid", "vendor_request", "vendor_result", "photo"] as const;
export type BackupKind = (typeof BACKUP_KINDS)[number];

/** What a device photo shows. */
export const PHOTO_KINDS = ["label", "screen_info", "screen_code", "other"] as const;
export type PhotoKind = (typeof PHOTO_KINDS)[number];

/** Device facts an evidence checklist can ask for. */
export const EVIDENCE_FACTS = ["serial", "model", "mac", "lorexDeviceId"] as const;
export type EvidenceFact = (typeof EVIDENCE_FACTS)[number];

/**
 * One item of a vendor-pending method's evidence checklist (catalogue data):
 * a photo of a kind (taken on this visit when the screen it shows changes,
 * e.g. the on-screen date), a device fact filled in, the customer's
 * authorization, or the exported request file stored on this visit.
 */
export type EvidenceItem =
  | { item: "photo"; photoKind: PhotoKind; label: string; thisVisit?: boolean }
  | { item: "fact"; fact: EvidenceFact; label: string }
  | { item: "authorization"; label: string }
  | { item: "request_file"; label: string };

export const CHECKLIST_ANSWERS = ["yes", "no", "na"] as const;
export type ChecklistAnswer = (typeof CHECKLIST_ANSWERS)[number];

export const WIPES_CONFIG = ["yes", "no", "unclear"] as const;
export type WipesConfig = (typeof WIPES_CONFIG)[number];

export const MAIL_STATUSES = ["pending", "sending", "sent", "failed"] as const;
export type MailStatus = (typeof MAIL_STATUSES)[number];

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
  "estimates:read",
  "invoices:read",
  "payments:read",
] as const;
export type ApiScope = (typeof API_SCOPES)[number];

export const WEBHOOK_EVENTS = [
  "visit.booked",
  "visit.rescheduled",
  "visit.cancelled",
  "visit.completed",
  "vendor_case.overdue",
  "backup.uploaded",
  "invoice.issued",
  "invoice.paid",
] as const;
export type WebhookEvent = (typeof WEBHOOK_EVENTS)[number];

export const WEBHOOK_DELIVERY_STATUSES = ["pending", "sending", "delivered", "failed"] as const;
export type WebhookDeliveryStatus = (typeof WEBHOOK_DELIVERY_STATUSES)[number];

export const CALENDAR_FEED_SCOPES = ["own", "all"] as const;
export type CalendarFeedScope = (typeof CALENDAR_FEED_SCOPES)[number];

/**
 * What a technician's phone queues and sends to POST /api/field/writes, one
 * entry per kind in lib/field/writes/registry.ts (how the server applies it)
 * and app/_field/offline/kinds.ts (how the phone shows it while it waits).
 * Files are queued too, but go to POST /api/backups ("backup.upload").
 */
export const FIELD_WRITE_KINDS = [
  "visit.advance",
  "visit.undo_status",
  "authorization.record",
  "attempt.log",
  "attempt.correct",
  "device.update",
  "vendor_case.record_result",
  "vendor_case.close",
  "vendor_case.attach_file",
  "checklist.answer",
  "visit.complete",
  "estimate.accept",
  "payment.record",
] as const;
export type FieldWriteKind = (typeof FIELD_WRITE_KINDS)[number];
/** Queued writes that are file uploads (their own route each, one at a time, with a progress bar). */
export const UPLOAD_WRITE_KINDS = ["backup.upload", "photo.upload"] as const;
export type UploadWriteKind = (typeof UPLOAD_WRITE_KINDS)[number];
export type QueuedWriteKind = FieldWriteKind | UploadWriteKind;
// ----- billing (lib/billing) -----

/** What a price-list row prices. */
export const PRICE_ITEM_KINDS = ["call_out", "device", "surcharge", "vendor_case_fee", "extra"] as const;
export type PriceItemKind = (typeof PRICE_ITEM_KINDS)[number];
/** Devices are priced as recorders (DVR, NVR) or cameras. */
export const DEVICE_CLASSES = ["recorder", "camera"] as const;
export type DeviceClass = (typeof DEVICE_CLASSES)[number];
export const deviceClassOf = (kind: DeviceKind): DeviceClass => (kind === "camera" ? "camera" : "recorder");
export const SURCHARGES = ["after_hours", "weekend", "same_day"] as const;
export type Surcharge = (typeof SURCHARGES)[number];
/** Line kinds of estimates, invoices and credit notes: the price-list kinds, plus "adjustment" for hand-written lines. */
export const LINE_KINDS = [...PRICE_ITEM_KINDS, "adjustment"] as const;
export type LineKind = (typeof LINE_KINDS)[number];

export const ESTIMATE_STATUSES = ["draft", "sent", "accepted", "declined"] as const;
export type EstimateStatus = (typeof ESTIMATE_STATUSES)[number];
export const INVOICE_STATUSES = ["draft", "issued", "partially_paid", "paid", "void"] as const;
export type InvoiceStatus = (typeof INVOICE_STATUSES)[number];
export const PAYMENT_METHODS = ["cash", "check", "card", "bank_transfer", "online"] as const;
export type PaymentMethod = (typeof PAYMENT_METHODS)[number];
/** What a technician may take on site at completion. */
export const ON_SITE_PAYMENT_METHODS = ["card", "cash", "check"] as const satisfies readonly PaymentMethod[];
export const CURRENCIES = ["USD", "CAD", "EUR", "GBP", "AUD", "MXN"] as const;
export type Currency = (typeof CURRENCIES)[number];
/** Payment terms in days after issue (0 = due on receipt). */
export const PAYMENT_TERMS = [0, 7, 15, 30, 45, 60] as const;
export const AGE_BUCKETS = ["current", "1-30", "31-60", "61-90", "90+"] as const;
export type AgeBucket = (typeof AGE_BUCKETS)[number];
