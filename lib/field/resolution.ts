/**
 * Where each device of a visit stands, and what still blocks completion.
 * Pure functions: the job page shows them, completion enforces them.
 *
 * A device is resolved when
 *   - recovered:     it has a succeeded attempt;
 *   - not_attempted: it has no attempts and the technician gave a reason;
 *   - unresolved:    its last attempt failed or was abandoned and the
 *                    technician gave a reason for leaving it so.
 * Otherwise it is open (no final outcome yet), waiting_vendor (a vendor case
 * is open) or needs_outcome (the vendor case closed but the final outcome of
 * that method has not been logged yet).
 * The reason is kept in visit_devices.not_attempted_reason (the device's
 * closing note), whichever of the two it explains.
 */
import type { AttemptOutcome, VisitStatus } from "@/db/schema";

export type DeviceState = "recovered" | "not_attempted" | "unresolved" | "open" | "waiting_vendor" | "needs_outcome";

export const DEVICE_STATE_LABELS: Record<DeviceState, string> = {
  recovered: "Recovered",
  not_attempted: "Not attempted",
  unresolved: "Not recovered",
  open: "In progress",
  waiting_vendor: "Waiting on vendor",
  needs_outcome: "Vendor answered: log the final outcome",
};

export function deviceState(input: {
  attempts: readonly { seq: number; outcome: AttemptOutcome }[];
  closingReason: string | null;
  openVendorCase: boolean;
}): DeviceState {
  if (input.openVendorCase) return "waiting_vendor";
  if (input.attempts.some((a) => a.outcome === "succeeded")) return "recovered";
  const reason = !!input.closingReason?.trim();
  if (input.attempts.length === 0) return reason ? "not_attempted" : "open";
  const last = input.attempts.reduce((a, b) => (b.seq > a.seq ? b : a));
  if (last.outcome === "waiting_vendor") return "needs_outcome";
  return reason ? "unresolved" : "open";
}

export function isResolved(state: DeviceState) {
  return state === "recovered" || state === "not_attempted" || state === "unresolved";
}

/** May the technician give a closing reason for a device in this state? */
export function acceptsReason(state: DeviceState) {
  return state === "open" || state === "not_attempted" || state === "unresolved";
}

export type CompletionCheck = {
  status: VisitStatus;
  hasAuthorization: boolean;
  openVendorCases: number;
  checklistAnswered: boolean;
  devices: readonly { label: string; state: DeviceState }[];
};

/** Everything that stops this visit from being completed, in words; empty = ready. */
export function completionBlockers(c: CompletionCheck): string[] {
  const out: string[] = [];
  if (c.status === "completed") return ["This visit is already completed."];
  if (c.status !== "on_site" && c.status !== "waiting_vendor") out.push("Mark the visit as on site first.");
  if (!c.hasAuthorization) out.push("Record the customer's authorization.");
  if (c.openVendorCases > 0) out.push(c.openVendorCases === 1 ? "Close the open vendor case." : `Close the ${c.openVendorCases} open vendor cases.`);
  for (const d of c.devices) {
    if (d.state === "open") out.push(`${d.label}: log a successful attempt, or give a reason it is left as it is.`);
    if (d.state === "needs_outcome") out.push(`${d.label}: log the final outcome of the vendor method.`);
  }
  if (!c.checklistAnswered) out.push("Answer the lockout-prevention checklist.");
  return out;
}
