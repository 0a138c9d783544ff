/**
 * The one colour map for statuses (a badge's background and text, and the
 * small dot on the compact dispatch cards). Every pair keeps badge text at
 * WCAG AA contrast (4.5:1) in light mode: status-styles.test.ts checks it
 * against Tailwind's palette.
 */
import type { MailStatus, VisitStatus, WebhookDeliveryStatus } from "@/lib/values";

export type StatusTone = { badge: string; dot: string };

export const VISIT_STATUS_TONES: Record<VisitStatus, StatusTone> = {
  requested: { badge: "bg-amber-100 text-amber-900", dot: "bg-amber-500" },
  scheduled: { badge: "bg-blue-100 text-blue-900", dot: "bg-blue-600" },
  en_route: { badge: "bg-indigo-100 text-indigo-900", dot: "bg-indigo-600" },
  on_site: { badge: "bg-teal-100 text-teal-900", dot: "bg-teal-600" },
  waiting_vendor: { badge: "bg-purple-100 text-purple-900", dot: "bg-purple-600" },
  completed: { badge: "bg-green-100 text-green-900", dot: "bg-green-600" },
  cancelled: { badge: "bg-slate-200 text-slate-800", dot: "bg-slate-500" },
  no_show: { badge: "bg-red-100 text-red-900", dot: "bg-red-600" },
};

export const MAIL_STATUS_TONES: Record<MailStatus, StatusTone> = {
  pending: VISIT_STATUS_TONES.requested,
  sending: VISIT_STATUS_TONES.scheduled,
  sent: VISIT_STATUS_TONES.completed,
  failed: VISIT_STATUS_TONES.no_show,
};

export const WEBHOOK_DELIVERY_STATUS_TONES: Record<WebhookDeliveryStatus, StatusTone> = {
  pending: VISIT_STATUS_TONES.requested,
  sending: VISIT_STATUS_TONES.scheduled,
  delivered: VISIT_STATUS_TONES.completed,
  failed: VISIT_STATUS_TONES.no_show,
};
