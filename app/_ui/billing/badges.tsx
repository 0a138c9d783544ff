import type { EstimateStatus, InvoiceStatus } from "@/lib/values";
import { ESTIMATE_STATUS_LABELS, INVOICE_STATUS_LABELS } from "@/lib/values/labels";
import { VISIT_STATUS_TONES } from "../status-styles";

const INVOICE_TONES: Record<InvoiceStatus, string> = {
  draft: VISIT_STATUS_TONES.cancelled.badge,
  issued: VISIT_STATUS_TONES.scheduled.badge,
  partially_paid: VISIT_STATUS_TONES.requested.badge,
  paid: VISIT_STATUS_TONES.completed.badge,
  void: VISIT_STATUS_TONES.cancelled.badge,
};
const ESTIMATE_TONES: Record<EstimateStatus, string> = {
  draft: VISIT_STATUS_TONES.cancelled.badge,
  sent: VISIT_STATUS_TONES.requested.badge,
  accepted: VISIT_STATUS_TONES.completed.badge,
  declined: VISIT_STATUS_TONES.no_show.badge,
};

/** An invoice's status (overdue is derived from the due date), in the status colours of every other badge. */
export function InvoiceStatusBadge({ status, overdue = false }: { status: InvoiceStatus; overdue?: boolean }) {
  return (
    <span className={`badge ${overdue ? VISIT_STATUS_TONES.no_show.badge : INVOICE_TONES[status]}`} data-testid="invoice-status">
      {INVOICE_STATUS_LABELS[status]}
      {overdue ? " · overdue" : ""}
    </span>
  );
}

export function EstimateStatusBadge({ status, superseded = false }: { status: EstimateStatus; superseded?: boolean }) {
  return (
    <span className={`badge ${superseded ? VISIT_STATUS_TONES.cancelled.badge : ESTIMATE_TONES[status]}`} data-testid="estimate-status">
      {superseded ? "Replaced" : ESTIMATE_STATUS_LABELS[status]}
    </span>
  );
}
