/**
 * What people read for each value of the data model, defined once. Client-safe
 * (plain data): pages, forms, emails, the widget and the API docs all import
 * their labels from here.
 */
import type {
  AgeBucket,
  AttemptOutcome,
  AuthRelationship,
  BackupKind,
  Brand,
  ChecklistAnswer,
  DeviceClass,
  DeviceKind,
  EstimateStatus,
  InvoiceStatus,
  LineKind,
  PaymentMethod,
  PriceItemKind,
  Surcharge,
  MailStatus,
  PhotoKind,
  QueuedWriteKind,
  RecoveryOption,
  Role,
  TriState,
  Vendor,
  VendorCaseCloseReason,
  VendorCaseStatus,
  VisitStatus,
  WarrantySeal,
  WebhookDeliveryStatus,
} from "./index";

export const ROLE_LABELS: Record<Role, string> = { customer: "Customer", technician: "Technician", admin: "Admin" };

export const BRAND_LABELS: Record<Brand, string> = { dahua: "Dahua", lorex: "Lorex", hikvision: "Hikvision" };
/** Vendors are the makers' support desks: the same names as the brands. */
export const VENDOR_LABELS: Record<Vendor, string> = BRAND_LABELS;

export const KIND_LABELS: Record<DeviceKind, string> = { dvr: "DVR", nvr: "NVR", camera: "IP camera" };
/** The kind explained, for customers choosing one. */
export const KIND_CHOICE_LABELS: Record<DeviceKind, string> = { dvr: "DVR (recorder for wired cameras)", nvr: "NVR (network recorder)", camera: "IP camera" };
export const KIND_PLURAL_LABELS: Record<DeviceKind, string> = { dvr: "DVRs", nvr: "NVRs", camera: "cameras" };

export const VISIT_STATUS_LABELS: Record<VisitStatus, string> = {
  requested: "Requested",
  scheduled: "Scheduled",
  en_route: "On the way",
  on_site: "On site",
  waiting_vendor: "Waiting on vendor",
  completed: "Completed",
  cancelled: "Cancelled",
  no_show: "No show",
};

export const OUTCOME_LABELS: Record<AttemptOutcome, string> = {
  succeeded: "Succeeded",
  failed: "Failed",
  waiting_vendor: "Waiting on vendor",
  abandoned: "Abandoned",
};

export const RELATIONSHIP_LABELS: Record<AuthRelationship, string> = {
  owner: "Owner",
  manager: "Manager",
  installer: "Installer",
  other: "Other (authorized by the owner)",
};

export const SEAL_LABELS: Record<WarrantySeal, string> = { intact: "Intact", broken: "Broken", none: "No seal", unknown: "Not checked" };

export const CHECKLIST_ANSWER_LABELS: Record<ChecklistAnswer, string> = { yes: "Yes", no: "No", na: "Not applicable" };

export const TRI_STATE_LABELS: Record<TriState, string> = { yes: "Yes", no: "No", unknown: "Not known" };

/** Short names of the recovery options (technician and admin screens). */
export const RECOVERY_OPTION_LABELS: Record<RecoveryOption, string> = {
  recovery_email: "Recovery email",
  security_questions: "Security questions",
  app_account: "App account (owner)",
  guid_file: "GUID file",
  reset_button: "Reset button",
  unlock_pattern: "Unlock pattern",
};
/** The same options as questions for customers (booking and their device page). */
export const RECOVERY_OPTION_QUESTIONS: Record<Exclude<RecoveryOption, "unlock_pattern">, string> = {
  recovery_email: "A recovery email was registered",
  security_questions: "Security questions were set",
  app_account: "A phone-app account (DMSS, Hik-Connect, Lorex app) was linked",
  guid_file: "A GUID / password-reset file was exported",
  reset_button: "We know where the reset button is",
};

export const BACKUP_KIND_LABELS: Record<BackupKind, string> = {
  config: "Configuration backup",
  guid: "Hikvision GUID file",
  vendor_request: "Vendor request file",
  vendor_result: "Vendor result file",
  photo: "Photo",
};

export const PHOTO_KIND_LABELS: Record<PhotoKind, string> = {
  label: "Label / sticker",
  screen_info: "Device-info screen",
  screen_code: "On-screen date or code",
  other: "Wiring / other",
};

export const VENDOR_CASE_STATUS_LABELS: Record<VendorCaseStatus, string> = {
  open: "Waiting on the vendor",
  result_received: "Answer in, not yet used",
  closed: "Closed",
  expired: "Expired",
};

export const VENDOR_CASE_CLOSE_REASON_LABELS: Record<VendorCaseCloseReason, string> = {
  answered: "Answer received and used",
  no_answer: "No usable answer",
  expired_unused: "Answer expired unused",
  voided: "Answer voided on site",
};

export const MAIL_STATUS_LABELS: Record<MailStatus, string> = { pending: "Pending", sending: "Sending", sent: "Sent", failed: "Failed" };

export const WEBHOOK_DELIVERY_STATUS_LABELS: Record<WebhookDeliveryStatus, string> = {
  pending: "Pending",
  sending: "Sending",
  delivered: "Delivered",
  failed: "Failed",
};

export const PRICE_ITEM_KIND_LABELS: Record<PriceItemKind, string> = {
  call_out: "Call-out fee",
  device: "Per device",
  surcharge: "Surcharge",
  vendor_case_fee: "Vendor-case handling fee",
  extra: "Extra",
};
export const LINE_KIND_LABELS: Record<LineKind, string> = { ...PRICE_ITEM_KIND_LABELS, adjustment: "Other" };
export const DEVICE_CLASS_LABELS: Record<DeviceClass, string> = { recorder: "recorder (DVR/NVR)", camera: "camera" };
export const SURCHARGE_LABELS: Record<Surcharge, string> = {
  after_hours: "After-hours surcharge",
  weekend: "Weekend surcharge",
  same_day: "Same-day surcharge",
};
export const ESTIMATE_STATUS_LABELS: Record<EstimateStatus, string> = { draft: "Draft", sent: "Awaiting answer", accepted: "Accepted", declined: "Declined" };
export const INVOICE_STATUS_LABELS: Record<InvoiceStatus, string> = {
  draft: "Draft",
  issued: "Issued",
  partially_paid: "Partially paid",
  paid: "Paid",
  void: "Void",
};
export const PAYMENT_METHOD_LABELS: Record<PaymentMethod, string> = {
  cash: "Cash",
  check: "Check",
  card: "Card (on site)",
  bank_transfer: "Bank transfer",
  online: "Online payment",
};
export const AGE_BUCKET_LABELS: Record<AgeBucket, string> = {
  current: "Not yet due",
  "1-30": "1–30 days overdue",
  "31-60": "31–60 days overdue",
  "61-90": "61–90 days overdue",
  "90+": "Over 90 days overdue",
};

/** A label from one of the maps above for a value typed as a plain string (report rows, form state): the value itself when unknown. */
/** What a queued field write is, in the "waiting to sync" and "Needs attention" lists. */
export const FIELD_WRITE_KIND_LABELS: Record<QueuedWriteKind, string> = {
  "visit.advance": "Visit status",
  "visit.undo_status": "Status change undone",
  "authorization.record": "Authorization",
  "attempt.log": "Attempt",
  "attempt.correct": "Attempt correction",
  "device.update": "Device facts",
  "vendor_case.record_result": "Vendor answer in",
  "vendor_case.close": "Vendor case closed",
  "vendor_case.attach_file": "Vendor file linked",
  "checklist.answer": "Checklist",
  "visit.complete": "Visit completed",
  "estimate.accept": "Estimate accepted",
  "payment.record": "Payment taken",
  "backup.upload": "File upload",
  "photo.upload": "Photo upload",
};

export function labelOf<K extends string>(labels: Record<K, string>, value: string | null | undefined): string {
  if (value == null) return "";
  return Object.hasOwn(labels, value) ? labels[value as K] : value;
}

/** "Dahua NVR NVR4108HS": brand, kind and model, as every screen and email names a device. */
export function deviceLabel(d: { brand: string; kind: string; model?: string | null }) {
  return `${labelOf(BRAND_LABELS, d.brand)} ${labelOf(KIND_LABELS, d.kind)}${d.model ? ` ${d.model}` : ""}`;
}
