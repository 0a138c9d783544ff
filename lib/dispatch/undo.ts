/**
 * Undo a move on the dispatch board: put the visit back where the last move
 * took it from (technician, start, status), if nothing has changed since and
 * the move is recent. The same rules as any move: the lifecycle, and the
 * exclusion constraint as the final word (a collision names the visit that
 * took the old place meanwhile). The customer's "moved" email is still held
 * for a minute after a move (MOVE_MAIL_HOLD_SECONDS): if it has not gone, it
 * is withdrawn and the customer hears nothing; if it has, they are told the
 * visit is back at its old time.
 */
import "server-only";
import { and, desc, eq, inArray, isNull } from "drizzle-orm";
import { DateTime } from "luxon";
import { z } from "zod";
import { getDb } from "@/db/client";
import { auditEvents, mailOutbox, users, visits, type VisitStatus } from "@/db/schema";
import { audit } from "@/lib/audit/log";
import { requirePermission, type Actor } from "@/lib/auth/permissions";
import { enqueueMail } from "@/lib/mail/outbox";
import { ConflictError, pgError } from "@/lib/platform/errors";
import { getSettings } from "@/lib/settings/company";
import { emitVisitEvent } from "@/lib/webhooks/emit";
import { assertTransition } from "@/lib/visits/lifecycle";
import { collisionMessage, customerEmail, lockVisitForMove, movedMailWithCalendar } from "./move";

/** How long after a move its Undo is offered. */
export const UNDO_MINUTES = 15;
const MOVE_ACTIONS = ["visit.assign", "visit.unassign", "visit.reassign", "visit.move"];

export const undoMoveSchema = z.object({ visitId: z.uuid("Unknown visit.") });

type Place = { technicianId: string | null; startsAt: string; status: VisitStatus };

export async function undoMove(actor: Actor | null, input: z.input<typeof undoMoveSchema>, ip: string | null, now = new Date()) {
  requirePermission(actor, "visits:dispatch");
  const { visitId } = undoMoveSchema.parse(input);
  const db = await getDb();
  const s = await getSettings(db);
  return db.transaction(async (tx) => {
    const v = await lockVisitForMove(tx, visitId);
    const [last] = await tx
      .select({ id: auditEvents.id, action: auditEvents.action, at: auditEvents.at, details: auditEvents.details })
      .from(auditEvents)
      .where(and(eq(auditEvents.entityType, "visit"), eq(auditEvents.entityId, v.id), inArray(auditEvents.action, [...MOVE_ACTIONS, "visit.move-undone"])))
      .orderBy(desc(auditEvents.at), desc(auditEvents.id))
      .limit(1);
    if (!last || last.action === "visit.move-undone") throw new ConflictError(`${v.reference} has no move to undo.`);
    if (now.getTime() - last.at.getTime() > UNDO_MINUTES * 60_000) {
      throw new ConflictError(`${v.reference} was moved more than ${UNDO_MINUTES} minutes ago; move it back with Move / reassign.`);
    }
    const from = last.details.from as Place;
    const to = last.details.to as Place;
    if (v.technicianId !== to.technicianId || v.startsAt.getTime() !== Date.parse(to.startsAt) || v.status !== to.status) {
      throw new ConflictError(`${v.reference} has changed since that move; move it with Move / reassign instead.`);
    }
    if (from.status !== v.status) assertTransition(v.status, from.status);
    const startsAt = new Date(from.startsAt);
    const endsAt = new Date(startsAt.getTime() + (v.endsAt.getTime() - v.startsAt.getTime()));
    const busyUntil = new Date(endsAt.getTime() + s.travelBufferMinutes * 60_000);

    let technicianName: string | null = null;
    if (from.technicianId) {
      const [t] = await tx.select({ name: users.name, disabledAt: users.disabledAt }).from(users).where(eq(users.id, from.technicianId));
      if (!t || t.disabledAt) throw new ConflictError(`${v.reference} cannot go back: its technician is no longer active.`);
      technicianName = t.name;
    }
    try {
      await tx.transaction(async (sp) => {
        await sp
          .update(visits)
          .set({ technicianId: from.technicianId, startsAt, endsAt, busyUntil, status: from.status, updatedAt: new Date(), reminderSentAt: null })
          .where(eq(visits.id, v.id));
      });
    } catch (err) {
      if (pgError(err)?.code !== "23P01" || !from.technicianId) throw err;
      const message = await collisionMessage(
        tx,
        {
          technicianId: from.technicianId,
          technicianName: technicianName!,
          visitId: v.id,
          startsAt,
          busyUntil,
          day: DateTime.fromJSDate(startsAt, { zone: s.timeZone }).toISODate()!,
        },
        s,
      );
      throw new ConflictError(`${v.reference} cannot go back: ${message}`);
    }

    // The move's email: withdrawn while still held; otherwise the customer is told it is back.
    const mailId = typeof last.details.mailId === "string" ? last.details.mailId : null;
    const withdrawn = mailId
      ? await tx
          .delete(mailOutbox)
          .where(and(eq(mailOutbox.id, mailId), eq(mailOutbox.status, "pending"), eq(mailOutbox.attempts, 0), isNull(mailOutbox.claimedAt)))
          .returning({ id: mailOutbox.id })
      : [];
    let emailed = false;
    const timeChanged = startsAt.getTime() !== v.startsAt.getTime();
    if (mailId && withdrawn.length === 0 && from.technicianId) {
      const address = await customerEmail(tx, v.customerId);
      if (address) {
        await enqueueMail(tx, await movedMailWithCalendar(tx, v, { to: address, startsAt, endsAt, technicianName: technicianName!, timeChanged }, s));
        emailed = true;
      }
    }
    await emitVisitEvent(tx, "visit.rescheduled", v.id, { previous: { startsAt: v.startsAt.toISOString(), technicianId: v.technicianId } });
    await audit(tx, {
      actorId: actor.id,
      action: "visit.move-undone",
      entityType: "visit",
      entityId: v.id,
      details: { undid: last.id, from: to, to: from, mailWithdrawn: withdrawn.length > 0 },
      ip,
    });
    return {
      reference: v.reference,
      technicianId: from.technicianId,
      technicianName,
      startsAt,
      status: from.status,
      mailWithdrawn: withdrawn.length > 0,
      emailed,
    };
  });
}
