import "server-only";
import { and, eq } from "drizzle-orm";
import type { Executor } from "@/db/client";
import { authorizations, visits, type VisitStatus } from "@/db/schema";
import { requirePermission, type Actor } from "@/lib/auth/permissions";
import { visitScope } from "@/lib/auth/scopes";
import { ConflictError, NotFoundError } from "@/lib/platform/errors";
import { isClosed } from "@/lib/visits/lifecycle";
import { VISIT_STATUS_LABELS } from "@/lib/values/labels";
import { ON_SITE_FIRST } from "./labels";

/**
 * The one gate for field work on a visit: the permission, then the scope (a
 * technician only reaches visits assigned to them; an admin any visit).
 * Anything else is "not found", with no hint that the visit exists.
 */
export type WorkVisit = {
  id: string;
  reference: string;
  status: VisitStatus;
  customerId: string;
  siteId: string;
  technicianId: string | null;
  startsAt: Date;
  endsAt: Date;
};

export async function loadWorkVisit(db: Executor, actor: Actor | null, visitId: string, opts: { lock?: boolean } = {}): Promise<WorkVisit> {
  requirePermission(actor, "jobs:work");
  const where = and(eq(visits.id, visitId), visitScope(actor));
  const q = db
    .select({
      id: visits.id,
      reference: visits.reference,
      status: visits.status,
      customerId: visits.customerId,
      siteId: visits.siteId,
      technicianId: visits.technicianId,
      startsAt: visits.startsAt,
      endsAt: visits.endsAt,
    })
    .from(visits)
    .where(where);
  const [row] = opts.lock ? await q.for("update") : await q;
  if (!row) throw new NotFoundError("Visit not found.");
  return row;
}

/** Completed (or cancelled) visits are read-only. */
export function assertEditable(v: Pick<WorkVisit, "status">) {
  if (v.status === "completed") throw new ConflictError("This visit is completed and read-only.");
  if (isClosed(v.status)) throw new ConflictError(`This visit is ${VISIT_STATUS_LABELS[v.status].toLowerCase()}; it can no longer be changed.`);
}

/** Hands-on work (authorization, attempts) happens on site. */
export function assertOnSite(v: Pick<WorkVisit, "status">) {
  assertEditable(v);
  if (v.status !== "on_site" && v.status !== "waiting_vendor") throw new ConflictError(ON_SITE_FIRST);
}

export async function hasAuthorization(db: Executor, visitId: string) {
  const [row] = await db.select({ id: authorizations.id }).from(authorizations).where(eq(authorizations.visitId, visitId));
  return !!row;
}
