/**
 * A booked visit afterwards: reschedule to a free slot (same technician when
 * free, else another who handles the brands) or cancel. Customers may do it
 * online until the cut-off (cancelCutoffHours before the start); after that
 * they are told to call. Admins (visits:dispatch) are not held to the cut-off.
 */
import { and, eq } from "drizzle-orm";
import { getDb, type Executor } from "@/db/client";
import { devices, visitDevices, visits, type Brand, type VisitStatus } from "@/db/schema";
import { audit } from "@/lib/audit/log";
import { can, requirePermission, type Actor } from "@/lib/auth/permissions";
import { visitScope } from "@/lib/auth/scopes";
import { ConflictError, NotFoundError, parseInput, UnauthenticatedError } from "@/lib/platform/errors";
import { getSettings, type CompanySettings } from "@/lib/settings/company";
import { assertTransition } from "@/lib/visits/lifecycle";
import { VISIT_STATUS_LABELS } from "@/lib/values/labels";
import { placeOnFreeTechnician } from "./assign";
import { cancelSchema, rescheduleSchema } from "./schemas";
import { checkSlot } from "./slot-check";
import { visitMinutes } from "./visit-length";
import { loadVisitFacts, publicSummary, queueVisitMail } from "./visit-facts";
import { emitVisitEvent } from "@/lib/webhooks/emit";

/** Statuses a customer can still change online. */
const CHANGEABLE: readonly VisitStatus[] = ["requested", "scheduled"];

export function cutoffMessage(s: Pick<CompanySettings, "cancelCutoffHours" | "companyPhone">) {
  return `Visits can be changed online until ${s.cancelCutoffHours} hours before they start. Please call us at ${s.companyPhone}.`;
}

/** Can a customer still change this visit online? (for the portal's buttons) */
export function changeableOnline(v: { status: VisitStatus; startsAt: Date }, s: Pick<CompanySettings, "cancelCutoffHours">, now = new Date()) {
  return CHANGEABLE.includes(v.status) && now.getTime() < v.startsAt.getTime() - s.cancelCutoffHours * 3600_000;
}

/** The visit, locked, if this actor may change it; otherwise "not found" (no hint it exists). */
async function lockVisit(tx: Executor, actor: Actor, visitId: string) {
  const asAdmin = can(actor, "visits:dispatch");
  if (!asAdmin) requirePermission(actor, "visits:manage-own");
  const [v] = await tx
    .select({
      id: visits.id,
      status: visits.status,
      startsAt: visits.startsAt,
      endsAt: visits.endsAt,
      technicianId: visits.technicianId,
      customerId: visits.customerId,
    })
    .from(visits)
    .where(and(eq(visits.id, visitId), visitScope(actor)))
    .for("update");
  if (!v) throw new NotFoundError("That visit does not exist.");
  return { v, asAdmin };
}

function assertChangeable(v: { status: VisitStatus; startsAt: Date }, s: CompanySettings, asAdmin: boolean, now: Date) {
  if (!CHANGEABLE.includes(v.status)) throw new ConflictError(`This visit is ${VISIT_STATUS_LABELS[v.status].toLowerCase()}, so it cannot be changed.`);
  if (!asAdmin && !changeableOnline(v, s, now)) throw new ConflictError(cutoffMessage(s));
}

export async function visitDeviceBrands(db: Executor, visitId: string) {
  const rows = await db
    .select({ brand: devices.brand })
    .from(visitDevices)
    .innerJoin(devices, eq(devices.id, visitDevices.deviceId))
    .where(eq(visitDevices.visitId, visitId));
  return { brands: [...new Set(rows.map((r) => r.brand))] as Brand[], deviceCount: rows.length };
}

export async function rescheduleVisit(actor: Actor | null, input: unknown, ip: string | null, opts: { now?: Date } = {}) {
  if (!actor) throw new UnauthenticatedError();
  const data = parseInput(rescheduleSchema, input);
  const now = opts.now ?? new Date();
  const db = await getDb();
  return db.transaction(async (tx) => {
    const { v, asAdmin } = await lockVisit(tx, actor, data.visitId);
    const s = await getSettings(tx);
    assertChangeable(v, s, asAdmin, now);
    const { brands, deviceCount } = await visitDeviceBrands(tx, v.id);
    const slot = await checkSlot(tx, s, { brands, deviceCount, ignoreVisitId: v.id }, new Date(data.slotStart), now);
    const candidates =
      v.technicianId && slot.technicianIds.includes(v.technicianId)
        ? [v.technicianId, ...slot.technicianIds.filter((t) => t !== v.technicianId)]
        : slot.technicianIds;
    const endsAt = new Date(slot.start.getTime() + visitMinutes(s, deviceCount) * 60_000);
    const { technicianId } = await placeOnFreeTechnician(tx, candidates, (sp, techId) =>
      sp
        .update(visits)
        .set({
          startsAt: slot.start,
          endsAt,
          busyUntil: new Date(endsAt.getTime() + s.travelBufferMinutes * 60_000),
          technicianId: techId,
          status: "scheduled",
          reminderSentAt: null,
          updatedAt: new Date(),
        })
        .where(eq(visits.id, v.id)),
    );
    await audit(tx, {
      actorId: actor.id,
      action: "visit.reschedule",
      entityType: "visit",
      entityId: v.id,
      details: { from: v.startsAt.toISOString(), to: slot.start.toISOString(), technicianFrom: v.technicianId, technicianTo: technicianId },
      ip,
    });
    await queueVisitMail(tx, v.id, s, { kind: "rescheduled", previous: { startsAt: v.startsAt, endsAt: v.endsAt } });
    await emitVisitEvent(tx, "visit.rescheduled", v.id, { previous: { startsAt: v.startsAt.toISOString(), technicianId: v.technicianId } });
    return publicSummary((await loadVisitFacts(tx, v.id, s))!);
  });
}

export async function cancelVisit(actor: Actor | null, input: unknown, ip: string | null, opts: { now?: Date } = {}) {
  if (!actor) throw new UnauthenticatedError();
  const data = parseInput(cancelSchema, input);
  const now = opts.now ?? new Date();
  const db = await getDb();
  return db.transaction(async (tx) => {
    const { v, asAdmin } = await lockVisit(tx, actor, data.visitId);
    const s = await getSettings(tx);
    assertChangeable(v, s, asAdmin, now);
    assertTransition(v.status, "cancelled");
    await tx
      .update(visits)
      .set({
        status: "cancelled",
        cancelledAt: now,
        cancelReason: data.reason || (asAdmin ? "Cancelled by the office" : "Cancelled by the customer"),
        updatedAt: new Date(),
      })
      .where(eq(visits.id, v.id));
    await audit(tx, {
      actorId: actor.id,
      action: "visit.cancel",
      entityType: "visit",
      entityId: v.id,
      details: { from: v.status, reason: data.reason || null },
      ip,
    });
    await queueVisitMail(tx, v.id, s, { kind: "cancelled" });
    await emitVisitEvent(tx, "visit.cancelled", v.id);
    return publicSummary((await loadVisitFacts(tx, v.id, s))!);
  });
}
