/**
 * The visit lifecycle, in one place:
 *   requested -> scheduled -> en_route -> on_site -> (waiting_vendor ->) completed
 *   cancelled / no_show from any state before completion.
 * The database CHECK constraint keeps the values valid; this table keeps the
 * moves valid. Every status change goes through `assertTransition`. What
 * people read for each status is VISIT_STATUS_LABELS in lib/values/labels.
 */
import type { VisitStatus } from "@/db/schema";
import { ConflictError } from "@/lib/platform/errors";
import { VISIT_STATUS_LABELS } from "@/lib/values/labels";

export const TRANSITIONS: Record<VisitStatus, readonly VisitStatus[]> = {
  requested: ["scheduled", "cancelled", "no_show"],
  scheduled: ["en_route", "on_site", "cancelled", "no_show", "requested"],
  en_route: ["on_site", "scheduled", "cancelled", "no_show"],
  on_site: ["waiting_vendor", "completed", "cancelled", "no_show"],
  waiting_vendor: ["on_site", "completed", "cancelled", "no_show"],
  completed: [],
  cancelled: [],
  no_show: [],
};

export function canTransition(from: VisitStatus, to: VisitStatus) {
  return TRANSITIONS[from].includes(to);
}

export function assertTransition(from: VisitStatus, to: VisitStatus) {
  if (!canTransition(from, to)) {
    throw new ConflictError(`A visit that is ${VISIT_STATUS_LABELS[from].toLowerCase()} cannot become ${VISIT_STATUS_LABELS[to].toLowerCase()}.`);
  }
}

/** Visits in these states hold the technician's time. */
export function isActive(status: VisitStatus) {
  return status === "scheduled" || status === "en_route" || status === "on_site" || status === "waiting_vendor";
}

/** A completed visit is read-only except for adding backups. */
export function isClosed(status: VisitStatus) {
  return status === "completed" || status === "cancelled" || status === "no_show";
}
