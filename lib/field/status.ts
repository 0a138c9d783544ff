import "server-only";
import { and, desc, eq, inArray, sql } from "drizzle-orm";
import { formatTimeRange } from "@/lib/format/dates";
import { inTransaction, type Executor, type WriteOptions } from "@/db/client";
import { attempts, auditEvents, authorizations, customers, mailOutbox, sites, users, visits, type VisitStatus } from "@/db/schema";
import { audit } from "@/lib/audit/log";
import type { Actor } from "@/lib/auth/permissions";
import { enqueueMail } from "@/lib/mail/outbox";
import { ConflictError, parseInput } from "@/lib/platform/errors";
import { getSettings } from "@/lib/settings/company";
import { assertTransition } from "@/lib/visits/lifecycle";
import { assertEditable, loadWorkVisit } from "./access";
import { STATUS_UNDO_SECONDS, whyNotMove } from "./moves";
import { advanceVisitSchema, undoVisitStatusSchema } from "./schemas";

export { STATUS_UNDO_SECONDS } from "./moves";

/**
 * When a status change happens: a Date (tests, "now"), or write options — a
 * queued field write carries the server's `now` and the phone's `madeAt`
 * (the tap on the visit's day counts even when it syncs after midnight).
 */
type StatusWhen = Date | (WriteOptions & { now?: Date; madeAt?: Date });
function statusWhen(when: StatusWhen) {
  if (when instanceof Date) return { opts: {} as WriteOptions, now: when, tappedAt: when };
  const now = when.now ?? new Date();
  return { opts: { tx: when.tx } as WriteOptions, now, tappedAt: when.madeAt ?? now };
}

/** What a status tap records (audit details of "visit.status"), so it can be undone. */
type StatusTap = { from: VisitStatus; to: VisitStatus; undoUntil?: string; mailId?: string | null };

/**
 * The technician's one-tap moves: scheduled -> en_route -> on_site (or
 * straight to on_site), only on the visit's day (lib/field/moves.ts). "On my
 * way" emails the customer, through the outbox, in the same transaction; the
 * email waits until the undo window has passed (the sender respects
 * next_attempt_at). waiting_vendor and completed have their own entry points
 * (vendor cases, completion).
 */
export async function advanceVisit(actor: Actor | null, input: unknown, ip: string | null = null, when: StatusWhen = {}) {
  const { opts, now, tappedAt } = statusWhen(when);
  const { visitId, to } = parseInput(advanceVisitSchema, input);
  const s = await getSettings(opts.tx);
  return inTransaction(opts.tx, async (tx) => {
    const v = await loadWorkVisit(tx, actor, visitId, { lock: true });
    assertEditable(v);
    assertTransition(v.status, to);
    const why = whyNotMove(v, to, tappedAt, s.timeZone);
    if (why) throw new ConflictError(why);
    const undoUntil = new Date(now.getTime() + STATUS_UNDO_SECONDS * 1000);
    await tx.update(visits).set({ status: to, updatedAt: now }).where(eq(visits.id, v.id));
    let mailId: string | null = null;
    if (to === "en_route") {
      const [c] = await tx
        .select({ name: customers.name, email: customers.email, tech: users.name, line1: sites.addressLine1, city: sites.city })
        .from(visits)
        .innerJoin(customers, eq(customers.id, visits.customerId))
        .innerJoin(sites, eq(sites.id, visits.siteId))
        .leftJoin(users, eq(users.id, visits.technicianId))
        .where(eq(visits.id, v.id));
      if (c?.email) {
        const window = formatTimeRange(v.startsAt, v.endsAt, s);
        mailId = await enqueueMail(tx, {
          kind: "visit.en_route",
          to: c.email,
          visitId: v.id,
          notBefore: undoUntil,
          subject: `${c.tech ?? "Your technician"} is on the way (${v.reference})`,
          text:
            `Hello ${c.name},\n\n${c.tech ?? "Your technician"} from ${s.companyName} is on the way to ${c.line1}, ${c.city} ` +
            `for visit ${v.reference} (window ${window}).\n\nPlease have the recorder's location accessible and someone ` +
            `on site who can authorize the work.\n\nQuestions? Call ${s.companyPhone}.\n\n${s.companyName}`,
        });
      }
    }
    const tap: StatusTap = { from: v.status, to, undoUntil: undoUntil.toISOString(), mailId };
    await audit(tx, { actorId: actor!.id, action: "visit.status", entityType: "visit", entityId: v.id, details: tap, ip });
    return { status: to, undoUntil: tap.undoUntil! };
  });
}

/** The last status change of each visit, when it was this actor's tap and can still be undone at `now`. */
export async function recentStatusChanges(db: Executor, actor: Actor, visitIds: string[], now = new Date()) {
  const out = new Map<string, { from: VisitStatus; to: VisitStatus; undoUntil: string }>();
  if (visitIds.length === 0) return out;
  const rows = await db
    .selectDistinctOn([auditEvents.entityId], {
      visitId: auditEvents.entityId,
      action: auditEvents.action,
      actorId: auditEvents.actorId,
      details: auditEvents.details,
    })
    .from(auditEvents)
    .where(and(eq(auditEvents.entityType, "visit"), inArray(auditEvents.entityId, visitIds), sql`${auditEvents.action} LIKE 'visit.status%'`))
    .orderBy(auditEvents.entityId, desc(auditEvents.id));
  const current = new Map(
    (await db.select({ id: visits.id, status: visits.status }).from(visits).where(inArray(visits.id, visitIds))).map((r) => [r.id, r.status]),
  );
  for (const r of rows) {
    const tap = r.details as StatusTap;
    if (r.action !== "visit.status" || r.actorId !== actor.id || !tap.undoUntil) continue;
    if (new Date(tap.undoUntil).getTime() <= now.getTime() || current.get(r.visitId!) !== tap.to) continue;
    out.set(r.visitId!, { from: tap.from, to: tap.to, undoUntil: tap.undoUntil });
  }
  return out;
}

/**
 * Undo the last status tap on a visit, within STATUS_UNDO_SECONDS, by who
 * made it: the visit goes back to where it was and the "on my way" email,
 * still waiting in the outbox, is dropped (never sent). Refused once the
 * window has passed, once the sender has taken the email, or once anything
 * was recorded on site (authorization, attempts). Audited.
 */
export async function undoVisitStatus(actor: Actor | null, input: unknown, ip: string | null = null, when: StatusWhen = {}) {
  const { opts, now } = statusWhen(when);
  const { visitId } = parseInput(undoVisitStatusSchema, input);
  return inTransaction(opts.tx, async (tx) => {
    const v = await loadWorkVisit(tx, actor, visitId, { lock: true });
    assertEditable(v);
    const [last] = await tx
      .select({ action: auditEvents.action, actorId: auditEvents.actorId, details: auditEvents.details })
      .from(auditEvents)
      .where(and(eq(auditEvents.entityType, "visit"), eq(auditEvents.entityId, v.id), sql`${auditEvents.action} LIKE 'visit.status%'`))
      .orderBy(desc(auditEvents.id))
      .limit(1);
    const tap = last?.details as StatusTap | undefined;
    if (!last || last.action !== "visit.status" || !tap?.undoUntil || tap.to !== v.status) throw new ConflictError("There is nothing to undo on this visit.");
    if (last.actorId !== actor!.id) throw new ConflictError("Only the person who tapped it can undo this status change.");
    if (new Date(tap.undoUntil).getTime() <= now.getTime()) throw new ConflictError("Too late to undo: the change stands.");
    if (v.status === "on_site") {
      const [[auth], [att]] = await Promise.all([
        tx.select({ id: authorizations.id }).from(authorizations).where(eq(authorizations.visitId, v.id)).limit(1),
        tx.select({ id: attempts.id }).from(attempts).where(eq(attempts.visitId, v.id)).limit(1),
      ]);
      if (auth || att) throw new ConflictError("Work was already recorded on site: the visit stays on site.");
    }
    let cancelledMail = false;
    if (tap.mailId) {
      const dropped = await tx
        .delete(mailOutbox)
        .where(and(eq(mailOutbox.id, tap.mailId), eq(mailOutbox.status, "pending")))
        .returning({ id: mailOutbox.id });
      if (dropped.length === 0) throw new ConflictError("Too late to undo: the customer's email is already on its way.");
      cancelledMail = true;
    }
    await tx.update(visits).set({ status: tap.from, updatedAt: now }).where(eq(visits.id, v.id));
    await audit(tx, {
      actorId: actor!.id,
      action: "visit.status.undo",
      entityType: "visit",
      entityId: v.id,
      details: { from: v.status, to: tap.from, cancelledMail },
      ip,
    });
    return { status: tap.from };
  });
}
