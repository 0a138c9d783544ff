import type { MailStatus, VisitStatus, WebhookDeliveryStatus } from "@/lib/values";
import { MAIL_STATUS_LABELS, VISIT_STATUS_LABELS, WEBHOOK_DELIVERY_STATUS_LABELS } from "@/lib/values/labels";
import { MAIL_STATUS_TONES, VISIT_STATUS_TONES, WEBHOOK_DELIVERY_STATUS_TONES } from "./status-styles";

/** A visit's status as a coloured pill: the same label and colours on every screen (dispatch, portal, technician, admin). */
export function StatusBadge({ status, id, className = "" }: { status: VisitStatus; id?: string; className?: string }) {
  return (
    <span id={id} className={`badge ${VISIT_STATUS_TONES[status].badge} ${className}`.trim()} data-testid="visit-status">
      {VISIT_STATUS_LABELS[status]}
    </span>
  );
}

/** The status colour as a small dot, for cards too narrow for the badge (the label is written beside it). */
export function StatusDot({ status }: { status: VisitStatus }) {
  return <span aria-hidden className={`inline-block size-2 rounded-full ${VISIT_STATUS_TONES[status].dot}`} />;
}

/** A queued email's status, in the same style. */
export function MailStatusBadge({ status }: { status: MailStatus }) {
  return (
    <span className={`badge ${MAIL_STATUS_TONES[status].badge}`} data-testid="mail-status">
      {MAIL_STATUS_LABELS[status]}
    </span>
  );
}

/** A webhook delivery's status, in the same style. */
export function DeliveryStatusBadge({ status }: { status: WebhookDeliveryStatus }) {
  return (
    <span className={`badge ${WEBHOOK_DELIVERY_STATUS_TONES[status].badge}`} data-testid="delivery-status">
      {WEBHOOK_DELIVERY_STATUS_LABELS[status]}
    </span>
  );
}
