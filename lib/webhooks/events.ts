import { WEBHOOK_EVENTS, type WebhookEvent } from "@/lib/values";

export { WEBHOOK_EVENTS, type WebhookEvent };

export const EVENT_LABELS: Record<WebhookEvent, string> = {
  "visit.booked": "A visit was booked",
  "visit.rescheduled": "A visit was moved to another time",
  "visit.cancelled": "A visit was cancelled",
  "visit.completed": "A visit was completed",
  "vendor_case.overdue": "A vendor case passed its due time without a result",
  "backup.uploaded": "A config backup was uploaded",
  "invoice.issued": "An invoice was issued (it has its number)",
  "invoice.paid": "An invoice was paid in full",
};
