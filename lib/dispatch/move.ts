import "server-only";
import { and, asc, eq, gt, inArray, lt, ne, sql } from "drizzle-orm";
import type { z } from "zod";
import { getDb, type Tx } from "@/db/client";
import { ACTIVE_VISIT_STATUSES, customers, sites, users, visits, type VisitStatus } from "@/db/schema";
import { audit } from "@/lib/audit/log";
import { requirePermission, type Actor } from "@/lib/auth/permissions";
import { localToInstant } from "@/lib/availability/time";
import { formatDate, formatTimeRange } from "@/lib/format/dates";
import { ConflictError, NotFoundError, pgError, ValidationError } from "@/lib/platform/errors";
import { enqueueMail } from "@/lib/mail/outbox";
import { getSettings, type CompanySettings } from "@/lib/settings/company";
import { assertTransition } from "@/lib/visits/lifecycle";
import { VISIT_STATUS_LABELS } from "@/lib/values/labels";
import { updatedCalendarAttachment } from "@/lib/booking/visit-facts";
import { visitMovedMail } from "./moved-mail";
import { placementWarnings } from "./warnings";
import { moveVisitSchema } from "./schemas";
import { emitVisitEvent } from "@/lib/webhooks/emit";

/** Only visits nobody has started on can be moved on the board. */
export const MOVABLE: VisitStatus[] = ["requested", "scheduled"];
/**
 * The customer's "your visit moved" email waits this long before it can be
 * sent, so an Undo on the board (lib/dispatch/undo.ts) can withdraw it and the
 * customer never hears of a move that did not stick.
 */
export const MOVE_MAIL_HOLD_SECONDS = 60;

/**
 * The clear message for a collision: which visit of which technician is in
 * the way, in company time ("Terry Tech already has FK-ABC123 9:00 – 10:30 AM").
 */
export async function collisionMessage(
  tx: Tx,
  p: { technicianId: string; technicianName: string; visitId: string; startsAt: Date; busyUntil: Date; day: string },
  s: CompanySettings,
) {
  const [hit] = await tx
    .select({ reference: visits.reference, startsAt: visits.startsAt, endsAt: visits.endsAt })
    .from(visits)
    .where(
      and(
        eq(visits.technicianId, p.technicianId),
        ne(visits.id, p.visitId),
        inArray(visits.status, [...ACTIVE_VISIT_STATUSES]),
        lt(visits.startsAt, p.busyUntil),
        gt(visits.busyUntil, p.startsAt),
      ),
    )
    .orderBy(asc(visits.startsAt))
    .limit(1);
  if (!hit) return "That time was just taken. Please pick another time.";
  const hitDay = formatDate(hit.startsAt, s, { weekday: true });
  const otherDay = hitDay !== formatDate(p.day, s, { weekday: true }) ? ` on ${hitDay}` : "";
  const travel = s.travelBufferMinutes > 0 ? ` Visits need ${s.travelBufferMinutes} min of travel time between them.` : "";
  return `${p.technicianName} already has ${hit.reference} ${formatTimeRange(hit.startsAt, hit.endsAt, s)}${otherDay}.${travel}`;
}

/** Who gets the customer's mail: the customer's email, else their login's. */
export async function customerEmail(tx: Tx, customerId: string) {
  const [c] = await tx.select({ email: customers.email }).from(customers).where(eq(customers.id, customerId));
  if (c?.email) return c.email;
  const [u] = await tx.select({ email: users.email }).from(users).where(eq(users.customerId, customerId)).orderBy(asc(users.createdAt)).limit(1);
  return u?.email ?? null;
}

/** The visit a move (or its undo) changes, locked until the transaction ends, with what the customer's email needs. */
export async function lockVisitForMove(tx: Tx, visitId: string) {
  const [v] = await tx
    .select({
      id: visits.id,
      reference: visits.reference,
      status: visits.status,
      technicianId: visits.technicianId,
      startsAt: visits.startsAt,
      endsAt: visits.endsAt,
      customerId: visits.customerId,
      customerName: customers.name,
      address: sql<string>`concat_ws(', ', ${sites.addressLine1}, ${sites.addressLine2}, ${sites.city}, ${sites.region} || ' ' || ${sites.postalCode})`,
    })
    .from(visits)
    .innerJoin(customers, eq(customers.id, visits.customerId))
    .innerJoin(sites, eq(sites.id, visits.siteId))
    .where(eq(visits.id, visitId))
    .for("update", { of: visits });
  if (!v) throw new NotFoundError("That visit does not exist.");
  return v;
}

/**
 * The customer's "your visit moved" email for the visit's new place, with its
 * calendar entry following the move (same UID, next SEQUENCE).
 */
export async function movedMailWithCalendar(
  tx: Tx,
  v: Awaited<ReturnType<typeof lockVisitForMove>>,
  p: { to: string; startsAt: Date; endsAt: Date; technicianName: string; timeChanged: boolean },
  s: CompanySettings,
) {
  const mail = visitMovedMail({ ...p, visitId: v.id, customerName: v.customerName, reference: v.reference, address: v.address, settings: s });
  const ics = await updatedCalendarAttachment(tx, v.id, s);
  return { ...mail, attachments: ics ? [ics] : undefined };
}

/**
 * Assign, reassign, unassign and/or move a visit to a new start (its length
 * is kept; busy_until = ends_at + travel buffer). Status changes go through
 * the lifecycle (assigning a requested visit schedules it; unassigning makes
 * it requested again). The exclusion constraint visits_no_overlap is the
 * final word; a collision becomes a message naming the visit in the way.
 * The customer is emailed (same transaction) when the time or technician changes.
 */
export async function moveVisit(actor: Actor | null, input: z.input<typeof moveVisitSchema>, ip: string | null, now = new Date()) {
  requirePermission(actor, "visits:dispatch");
  const data = moveVisitSchema.parse(input);
  const db = await getDb();
  const s = await getSettings(db);
  const startsAt = localToInstant(data.date, data.time, s.timeZone, "time");
  if (startsAt.getTime() < now.getTime()) throw new ValidationError("Please correct the highlighted fields.", { time: ["Pick a time in the future."] });
  const technicianId = data.technicianId || null;

  return db.transaction(async (tx) => {
    const v = await lockVisitForMove(tx, data.visitId);
    if (!MOVABLE.includes(v.status)) throw new ConflictError(`A visit that is ${VISIT_STATUS_LABELS[v.status].toLowerCase()} cannot be moved or reassigned.`);

    let technicianName: string | null = null;
    if (technicianId) {
      const [t] = await tx.select({ name: users.name, role: users.role, disabledAt: users.disabledAt }).from(users).where(eq(users.id, technicianId));
      if (!t || t.role !== "technician" || t.disabledAt) {
        throw new ValidationError("Please correct the highlighted fields.", { technicianId: ["Choose an active technician."] });
      }
      technicianName = t.name;
    }

    const status: VisitStatus = technicianId ? (v.status === "requested" ? "scheduled" : v.status) : v.status === "scheduled" ? "requested" : v.status;
    if (status !== v.status) assertTransition(v.status, status);
    const endsAt = new Date(startsAt.getTime() + (v.endsAt.getTime() - v.startsAt.getTime()));
    const busyUntil = new Date(endsAt.getTime() + s.travelBufferMinutes * 60_000);
    const timeChanged = startsAt.getTime() !== v.startsAt.getTime();
    const techChanged = technicianId !== v.technicianId;
    if (!timeChanged && !techChanged && status === v.status)
      return { changed: false, reference: v.reference, status, startsAt, emailed: false, warnings: [] as string[] };

    try {
      await tx.transaction(async (sp) => {
        await sp
          .update(visits)
          .set({ technicianId, startsAt, endsAt, busyUntil, status, updatedAt: new Date(), ...(timeChanged ? { reminderSentAt: null } : {}) })
          .where(eq(visits.id, v.id));
      });
    } catch (err) {
      if (pgError(err)?.code !== "23P01" || !technicianId) throw err;
      const message = await collisionMessage(tx, { technicianId, technicianName: technicianName!, visitId: v.id, startsAt, busyUntil, day: data.date }, s);
      throw new ConflictError(message, { time: [message] });
    }

    if (timeChanged || techChanged) {
      await emitVisitEvent(tx, "visit.rescheduled", v.id, { previous: { startsAt: v.startsAt.toISOString(), technicianId: v.technicianId } });
    }
    let emailed = false;
    let mailId: string | null = null;
    const to = technicianId && (timeChanged || techChanged) ? await customerEmail(tx, v.customerId) : null;
    if (to) {
      const mail = await movedMailWithCalendar(tx, v, { to, startsAt, endsAt, technicianName: technicianName!, timeChanged }, s);
      mailId = await enqueueMail(tx, { ...mail, notBefore: new Date(now.getTime() + MOVE_MAIL_HOLD_SECONDS * 1000) });
      emailed = true;
    }
    const action =
      !v.technicianId && technicianId ? "visit.assign" : v.technicianId && !technicianId ? "visit.unassign" : techChanged ? "visit.reassign" : "visit.move";
    await audit(tx, {
      actorId: actor.id,
      action,
      entityType: "visit",
      entityId: v.id,
      details: {
        from: { technicianId: v.technicianId, startsAt: v.startsAt.toISOString(), status: v.status },
        to: { technicianId, startsAt: startsAt.toISOString(), status },
        mailId,
      },
      ip,
    });

    const warnings = technicianId
      ? await placementWarnings(tx, { visitId: v.id, technicianId, technicianName: technicianName!, startsAt, endsAt, settings: s })
      : [];
    return { changed: true, reference: v.reference, status, startsAt, emailed, action, warnings };
  });
}
