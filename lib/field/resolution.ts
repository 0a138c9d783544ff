/**
 * Where each device of a visit stands, and what still blocks completion.
 * Pure functions: the job page and the customer's visit summary show them,
 * completion enforces them. The state derives from the device's attempts on
 * this visit, its closing note, an open vendor case and the visit's status:
 *
 *   not_started     no attempt yet (and no reason given): "Not started"
 *   in_progress     the visit is on site (or waiting on a vendor) and an
 *                   attempt exists, none succeeded, no reason given
 *   not_finished    attempts, none succeeded, and the visit is no longer on
 *                   site (cancelled, no-show): it never got a final outcome
 *   waiting_vendor  a vendor case is open on it
 *   needs_outcome   its vendor case closed without saying what came of the
 *                   answer: the waiting attempt needs its outcome
 *   recovered       it has a succeeded attempt
 *   not_attempted   no attempts, and the technician gave a reason
 *   unresolved      its last attempt failed or was abandoned, with a reason
 *
 * The reason is kept in visit_devices.not_attempted_reason (the device's
 * closing note), whichever of the two it explains.
 */
import type { AttemptOutcome, VisitStatus } from "@/lib/values";

export type DeviceState = "recovered" | "not_attempted" | "unresolved" | "not_started" | "in_progress" | "not_finished" | "waiting_vendor" | "needs_outcome";

export const DEVICE_STATE_LABELS: Record<DeviceState, string> = {
  recovered: "Recovered",
  not_attempted: "Not attempted",
  unresolved: "Not recovered",
  not_started: "Not started",
  in_progress: "In progress",
  not_finished: "Left unfinished",
  waiting_vendor: "Waiting on vendor",
  needs_outcome: "Vendor answered: log the final outcome",
};

const ON_SITE: readonly VisitStatus[] = ["on_site", "waiting_vendor"];

export function deviceState(input: {
  visitStatus: VisitStatus;
  attempts: readonly { seq: number; outcome: AttemptOutcome }[];
  closingReason: string | null;
  openVendorCase: boolean;
}): DeviceState {
  if (input.openVendorCase) return "waiting_vendor";
  if (input.attempts.some((a) => a.outcome === "succeeded")) return "recovered";
  const reason = !!input.closingReason?.trim();
  if (input.attempts.length === 0) return reason ? "not_attempted" : "not_started";
  const last = input.attempts.reduce((a, b) => (b.seq > a.seq ? b : a));
  if (last.outcome === "waiting_vendor") return "needs_outcome";
  if (reason) return "unresolved";
  return ON_SITE.includes(input.visitStatus) ? "in_progress" : "not_finished";
}

/** Still without a final outcome or a reason: completion asks for one. */
export function needsOutcomeOrReason(state: DeviceState) {
  return state === "not_started" || state === "in_progress" || state === "not_finished";
}

export function isResolved(state: DeviceState) {
  return state === "recovered" || state === "not_attempted" || state === "unresolved";
}

/** May the technician give a closing reason for a device in this state? */
export function acceptsReason(state: DeviceState) {
  return needsOutcomeOrReason(state) || state === "not_attempted" || state === "unresolved";
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
    if (needsOutcomeOrReason(d.state)) out.push(`${d.label}: log a successful attempt, or give a reason it is left as it is.`);
    if (d.state === "needs_outcome") out.push(`${d.label}: log the final outcome of the vendor method.`);
  }
  if (!c.checklistAnswered) out.push("Answer the lockout-prevention checklist.");
  return out;
}
