import "server-only";
import { and, count, eq, exists, gte, inArray, isNull, lt, sql, type SQL } from "drizzle-orm";
import { alias } from "drizzle-orm/pg-core";
import { getDb, type Executor } from "@/db/client";
import { customers, devices, sites, users, visitDevices, visits } from "@/db/schema";
import { afterCursor, cursorKey, keyset, toPage, type PageQuery } from "@/lib/platform/pagination";
import type { Actor } from "@/lib/auth/permissions";
import { visitScope } from "@/lib/auth/scopes";
import { NotFoundError } from "@/lib/platform/errors";
import type { VisitFilter, VisitListFilter } from "./filters";

const tech = alias(users, "technician");
/** The technician joined beside a visit (an alias of users): for reads that build on visitColumns. */
export const visitTechnician = tech;

export const visitColumns = {
  id: visits.id,
  reference: visits.reference,
  status: visits.status,
  customerId: visits.customerId,
  customerName: customers.name,
  siteId: visits.siteId,
  siteLabel: sites.label,
  addressLine1: sites.addressLine1,
  addressLine2: sites.addressLine2,
  city: sites.city,
  region: sites.region,
  postalCode: sites.postalCode,
  technicianId: visits.technicianId,
  technicianName: tech.name,
  startsAt: visits.startsAt,
  endsAt: visits.endsAt,
  bookingNotes: visits.bookingNotes,
  cancelledAt: visits.cancelledAt,
  cancelReason: visits.cancelReason,
  completedAt: visits.completedAt,
  createdAt: visits.createdAt,
  updatedAt: visits.updatedAt,
};

/** Visits with customer, site and technician joined: the base of every visit read. */
export function selectVisits(db: Executor) {
  return db
    .select({ ...visitColumns, _k: cursorKey(visits.startsAt) })
    .from(visits)
    .innerJoin(customers, eq(customers.id, visits.customerId))
    .innerJoin(sites, eq(sites.id, visits.siteId))
    .leftJoin(tech, eq(tech.id, visits.technicianId));
}

/**
 * The WHERE of every list and count of visits: the actor's scope and the
 * filter. One builder, so a count (the overview) and the list it links to
 * always agree.
 */
export function visitConditions(actor: Actor | null, filter: VisitListFilter): SQL | undefined {
  const scope = visitScope(actor);
  return and(
    scope,
    filter.status ? eq(visits.status, filter.status) : undefined,
    filter.statuses ? inArray(visits.status, filter.statuses) : undefined,
    filter.technicianId === "none" ? isNull(visits.technicianId) : filter.technicianId ? eq(visits.technicianId, filter.technicianId) : undefined,
    filter.customerId ? eq(visits.customerId, filter.customerId) : undefined,
    filter.deviceId
      ? exists(sql`(SELECT 1 FROM ${visitDevices} WHERE ${visitDevices.visitId} = ${visits.id} AND ${visitDevices.deviceId} = ${filter.deviceId})`)
      : undefined,
    filter.from ? gte(visits.startsAt, new Date(filter.from)) : undefined,
    filter.to ? lt(visits.startsAt, new Date(filter.to)) : undefined,
  );
}

/** Visits in start order, filtered, scoped to the actor, a page at a time (forward only: the API). */
export async function listVisits(actor: Actor | null, filter: VisitFilter, page: PageQuery) {
  const where = visitConditions(actor, filter);
  const db = await getDb();
  const rows = await selectVisits(db)
    .where(and(where, afterCursor(visits.startsAt, visits.id, page.cursor)))
    .orderBy(visits.startsAt, visits.id)
    .limit(page.limit + 1);
  return toPage(rows, page.limit);
}

/**
 * The office's lists of visits (all visits, a customer's, a device's): the
 * same filter and scope as listVisits, with how many devices each covers, a
 * page at a time both ways (Previous and Next), by start time, earliest or
 * latest first.
 */
export async function listVisitPage(actor: Actor | null, filter: VisitListFilter, page: PageQuery, order: "asc" | "desc" = "asc") {
  const where = visitConditions(actor, filter);
  const pager = keyset(visits.startsAt, visits.id, page, "timestamptz", order);
  const db = await getDb();
  const rows = await db
    .select({
      ...visitColumns,
      devices: sql<number>`(SELECT count(*) FROM ${visitDevices} WHERE ${visitDevices.visitId} = ${visits.id})`.mapWith(Number),
      _k: cursorKey(visits.startsAt),
    })
    .from(visits)
    .innerJoin(customers, eq(customers.id, visits.customerId))
    .innerJoin(sites, eq(sites.id, visits.siteId))
    .leftJoin(tech, eq(tech.id, visits.technicianId))
    .where(and(where, pager.where))
    .orderBy(...pager.orderBy)
    .limit(pager.limit);
  return pager.page(rows);
}
export type VisitListRow = Awaited<ReturnType<typeof listVisitPage>>["data"][number];

/** How many visits the same filter lists. */
export async function countVisits(actor: Actor | null, filter: VisitListFilter): Promise<number> {
  const where = visitConditions(actor, filter);
  const db = await getDb();
  const [row] = await db.select({ n: count() }).from(visits).where(where);
  return row?.n ?? 0;
}

/** How many visits the same filter lists, per technician (null: nobody yet) and status. */
export async function countVisitsByTechnicianAndStatus(actor: Actor | null, filter: VisitListFilter) {
  const where = visitConditions(actor, filter);
  const db = await getDb();
  return db
    .select({ technicianId: visits.technicianId, technicianName: tech.name, status: visits.status, n: count() })
    .from(visits)
    .leftJoin(tech, eq(tech.id, visits.technicianId))
    .where(where)
    .groupBy(visits.technicianId, tech.name, visits.status);
}

/** One visit with its devices, if this actor may read it; NotFoundError otherwise. */
export async function getVisit(actor: Actor | null, id: string) {
  const scope = visitScope(actor);
  const db = await getDb();
  const [row] = await selectVisits(db).where(and(scope, eq(visits.id, id)));
  if (!row) throw new NotFoundError("That visit does not exist.");
  const deviceRows = await db
    .select({ deviceId: devices.id, brand: devices.brand, kind: devices.kind, model: devices.model, problem: visitDevices.problem })
    .from(visitDevices)
    .innerJoin(devices, eq(devices.id, visitDevices.deviceId))
    .where(eq(visitDevices.visitId, id))
    .orderBy(visitDevices.position, devices.createdAt, devices.id);
  const { _k, ...visit } = row;
  void _k;
  return { ...visit, devices: deviceRows };
}
