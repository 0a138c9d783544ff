import "server-only";
import { and, desc, eq, isNull } from "drizzle-orm";
import { DateTime } from "luxon";
import { getDb, inTransaction, type Executor } from "@/db/client";
import { estimates, visits } from "@/db/schema";
import { audit } from "@/lib/audit/log";
import { requirePermission, type Actor } from "@/lib/auth/permissions";
import { billingScope, visitScope } from "@/lib/auth/scopes";
import { visitDevicesWithAttempts } from "@/lib/field/job";
import { formatDateTime } from "@/lib/format/dates";
import { ConflictError, NotFoundError, parseInput, pgError } from "@/lib/platform/errors";
import { getSettings, type CompanySettings } from "@/lib/settings/company";
import { readLines, replaceEstimateLines, priceFormLines } from "./lines";
import { queueDocumentMail } from "./mail";
import { percentToRate } from "./money";
import { priceVisit } from "./price";
import { loadPriceList, priceRules } from "./price-list";
import { acceptEstimateSchema, declineEstimateSchema, estimateDraftSchema, estimateIdSchema, estimateLinesSchema, onSiteAcceptSchema } from "./schemas";

const LOCK = {
  id: estimates.id,
  visitId: estimates.visitId,
  customerId: estimates.customerId,
  version: estimates.version,
  status: estimates.status,
  revision: estimates.revision,
  validUntil: estimates.validUntil,
  acceptedName: estimates.acceptedName,
  acceptedAt: estimates.acceptedAt,
  declinedAt: estimates.declinedAt,
  supersededAt: estimates.supersededAt,
};
type LockedEstimate = { [K in keyof typeof LOCK]: (typeof estimates.$inferSelect)[K] };

async function lockEstimate(tx: Executor, actor: Actor, id: string): Promise<LockedEstimate> {
  const [e] = await tx
    .select(LOCK)
    .from(estimates)
    .where(and(eq(estimates.id, id), billingScope(actor, estimates)))
    .for("update");
  if (!e) throw new NotFoundError("Estimate not found.");
  return e;
}

/** Why an estimate cannot be answered now, in words; null when it can. */
function answerBlocker(e: LockedEstimate, s: CompanySettings, today: string): string | null {
  if (e.supersededAt) return "This estimate was replaced by a newer version: open the latest one.";
  if (e.status === "accepted") return `This estimate was already accepted by ${e.acceptedName} on ${formatDateTime(e.acceptedAt!, s)}.`;
  if (e.status === "declined") return "This estimate was declined. Ask us for a new one if you changed your mind.";
  if (e.status === "draft") return "This estimate has not been sent yet.";
  if (e.validUntil && e.validUntil < today) return "This estimate has expired. Ask us for a new one.";
  return null;
}

/**
 * Admin: the visit's estimate to edit. Returns the current one when it is
 * still a draft; otherwise makes the next version (lines copied from the
 * current one, or priced from the visit's devices), and the current one is
 * marked replaced: an accepted estimate is never edited, only replaced.
 */
export async function startEstimate(actor: Actor | null, input: unknown, ip: string | null = null) {
  requirePermission(actor, "billing:manage");
  const { visitId } = parseInput(estimateDraftSchema, input);
  const db = await getDb();
  const s = await getSettings();
  try {
    return await db.transaction(async (tx) => {
      const [v] = await tx
        .select({ id: visits.id, customerId: visits.customerId, status: visits.status, startsAt: visits.startsAt, createdAt: visits.createdAt })
        .from(visits)
        .where(eq(visits.id, visitId))
        .for("update");
      if (!v) throw new NotFoundError("Visit not found.");
      if (v.status === "cancelled" || v.status === "no_show") throw new ConflictError("This visit is closed: no estimate can be made for it.");
      const [current] = await tx
        .select(LOCK)
        .from(estimates)
        .where(and(eq(estimates.visitId, v.id), isNull(estimates.supersededAt)));
      if (current?.status === "draft") return { estimateId: current.id, version: current.version };
      let lines;
      if (current) {
        lines = (await readLines(tx, "estimate", [current.id])).get(current.id) ?? [];
        await tx.update(estimates).set({ supersededAt: new Date() }).where(eq(estimates.id, current.id));
      } else {
        const devs = await visitDevicesWithAttempts(tx, v.id, v.status);
        lines = priceVisit({
          priceList: await loadPriceList(tx),
          rules: priceRules(s),
          devices: devs.map((d) => ({ brand: d.brand, kind: d.kind, charge: "estimate" as const })),
          startsAt: v.startsAt,
          bookedAt: v.createdAt,
        }).lines;
      }
      const [row] = await tx
        .insert(estimates)
        .values({ visitId: v.id, customerId: v.customerId, version: (current?.version ?? 0) + 1, currency: s.currency, createdBy: actor.id })
        .returning({ id: estimates.id, version: estimates.version });
      await replaceEstimateLines(tx, row!.id, lines, { bump: false });
      await audit(tx, {
        actorId: actor.id,
        action: "estimate.create",
        entityType: "estimate",
        entityId: row!.id,
        details: { visitId, version: row!.version },
        ip,
      });
      return { estimateId: row!.id, version: row!.version };
    });
  } catch (err) {
    if (pgError(err)?.constraint === "estimates_one_current_per_visit")
      throw new ConflictError("Someone else started an estimate for this visit at the same moment; reload.");
    throw err;
  }
}

/** Admin: edit the lines of a draft or sent estimate (a sent one's revision goes up: the customer must read it again before accepting). */
export async function saveEstimateLines(actor: Actor | null, input: unknown, ip: string | null = null) {
  requirePermission(actor, "billing:manage");
  const data = parseInput(estimateLinesSchema, input);
  const db = await getDb();
  const s = await getSettings();
  return db.transaction(async (tx) => {
    const e = await lockEstimate(tx, actor, data.estimateId);
    if (e.supersededAt || (e.status !== "draft" && e.status !== "sent")) {
      throw new ConflictError("This estimate was answered or replaced: it cannot change. Make a new version instead.");
    }
    const lines = await priceFormLines(tx, e.customerId, data.lines, percentToRate(s.taxRatePercent) ?? 0);
    const totals = await replaceEstimateLines(tx, e.id, lines, { bump: e.status === "sent" });
    await tx
      .update(estimates)
      .set({ notes: data.notes || null })
      .where(eq(estimates.id, e.id));
    await audit(tx, { actorId: actor.id, action: "estimate.edit", entityType: "estimate", entityId: e.id, details: { totalCents: totals.totalCents }, ip });
    return totals;
  });
}

/** Admin: send a draft to the customer (email with the PDF; the portal shows it). */
export async function sendEstimate(actor: Actor | null, input: unknown, ip: string | null = null) {
  requirePermission(actor, "billing:manage");
  const { estimateId } = parseInput(estimateIdSchema, input);
  const db = await getDb();
  const s = await getSettings();
  return db.transaction(async (tx) => {
    const e = await lockEstimate(tx, actor, estimateId);
    if (e.status !== "draft" || e.supersededAt) throw new ConflictError("Only a draft estimate can be sent.");
    const now = DateTime.now().setZone(s.timeZone);
    await tx
      .update(estimates)
      .set({ status: "sent", sentAt: now.toJSDate(), validUntil: now.plus({ days: s.estimateValidDays }).toISODate()!, updatedAt: new Date() })
      .where(eq(estimates.id, e.id));
    await audit(tx, { actorId: actor.id, action: "estimate.send", entityType: "estimate", entityId: e.id, ip });
    await queueDocumentMail(tx, "estimate", e.id, s);
    return { status: "sent" as const };
  });
}

type AcceptIn = { estimateId: string; revision: number; name: string };
async function accept(
  tx: Executor,
  actor: Actor,
  e: LockedEstimate,
  data: AcceptIn,
  via: "portal" | "on_site",
  ctx: { ip: string | null; userAgent: string | null },
  s: CompanySettings,
) {
  const blocker = answerBlocker(e, s, DateTime.now().setZone(s.timeZone).toISODate()!);
  if (blocker) throw new ConflictError(blocker);
  if (e.revision !== data.revision) throw new ConflictError("This estimate changed since it was opened. Read it again, then accept.");
  const now = new Date();
  await tx
    .update(estimates)
    .set({
      status: "accepted",
      acceptedName: data.name,
      acceptedAt: now,
      acceptedIp: ctx.ip,
      acceptedUserAgent: ctx.userAgent?.slice(0, 500) ?? null,
      acceptedBy: actor.id,
      acceptedVia: via,
      updatedAt: now,
    })
    .where(eq(estimates.id, e.id));
  await audit(tx, { actorId: actor.id, action: "estimate.accept", entityType: "estimate", entityId: e.id, details: { name: data.name, via }, ip: ctx.ip });
  return { status: "accepted" as const, acceptedAt: now };
}

/** The customer, in the portal: accept with their typed name (stored with the time, address and browser). */
export async function acceptEstimate(actor: Actor | null, input: unknown, ctx: { ip: string | null; userAgent: string | null }) {
  requirePermission(actor, "billing:read-own");
  const data = parseInput(acceptEstimateSchema, input);
  const db = await getDb();
  const s = await getSettings();
  return db.transaction(async (tx) => accept(tx, actor, await lockEstimate(tx, actor, data.estimateId), data, "portal", ctx, s));
}

/** The technician on site, on their phone, like the authorization: the person present types their name. */
export async function acceptEstimateOnSite(actor: Actor | null, input: unknown, ctx: { ip: string | null; userAgent: string | null; tx?: Executor }) {
  requirePermission(actor, "billing:take-on-site");
  const data = parseInput(onSiteAcceptSchema, input);
  const s = await getSettings(ctx.tx);
  // Joins the caller's transaction when given (a field write from the phone: lib/field/writes).
  return inTransaction(ctx.tx, async (tx) => {
    const [v] = await tx
      .select({ id: visits.id })
      .from(visits)
      .where(and(eq(visits.id, data.visitId), visitScope(actor)));
    if (!v) throw new NotFoundError("Visit not found.");
    const [e] = await tx
      .select(LOCK)
      .from(estimates)
      .where(and(eq(estimates.id, data.estimateId), eq(estimates.visitId, v.id)))
      .for("update");
    if (!e) throw new NotFoundError("Estimate not found.");
    return accept(tx, actor, e, data, "on_site", ctx, s);
  });
}

/** The customer declines (with an optional reason). */
export async function declineEstimate(actor: Actor | null, input: unknown, ip: string | null = null) {
  requirePermission(actor, "billing:read-own");
  const data = parseInput(declineEstimateSchema, input);
  const db = await getDb();
  const s = await getSettings();
  return db.transaction(async (tx) => {
    const e = await lockEstimate(tx, actor, data.estimateId);
    const blocker = answerBlocker(e, s, DateTime.now().setZone(s.timeZone).toISODate()!);
    if (blocker) throw new ConflictError(blocker);
    await tx
      .update(estimates)
      .set({ status: "declined", declinedAt: new Date(), declineReason: data.reason || null, updatedAt: new Date() })
      .where(eq(estimates.id, e.id));
    await audit(tx, { actorId: actor.id, action: "estimate.decline", entityType: "estimate", entityId: e.id, details: { reason: data.reason }, ip });
    return { status: "declined" as const };
  });
}

/** The current estimate of a visit the actor may see (job page, admin visit page), with its lines. */
export async function currentEstimate(actor: Actor | null, visitId: string) {
  const db = await getDb();
  // The visit's scope in the same statement: a visit out of reach has no estimate.
  const [e] = await db
    .select({
      id: estimates.id,
      version: estimates.version,
      status: estimates.status,
      revision: estimates.revision,
      currency: estimates.currency,
      subtotalCents: estimates.subtotalCents,
      taxCents: estimates.taxCents,
      totalCents: estimates.totalCents,
      acceptedName: estimates.acceptedName,
      acceptedAt: estimates.acceptedAt,
      acceptedVia: estimates.acceptedVia,
      validUntil: estimates.validUntil,
    })
    .from(estimates)
    .innerJoin(visits, eq(visits.id, estimates.visitId))
    .where(and(eq(visits.id, visitId), visitScope(actor), isNull(estimates.supersededAt)))
    .orderBy(desc(estimates.version))
    .limit(1);
  if (!e) return null;
  return { ...e, lines: (await readLines(db, "estimate", [e.id])).get(e.id) ?? [] };
}
