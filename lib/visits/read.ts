import "server-only";
import { and, eq, gte, lt } from "drizzle-orm";
import { alias } from "drizzle-orm/pg-core";
import { getDb, type Executor } from "@/db/client";
import { customers, devices, sites, users, visitDevices, visits } from "@/db/schema";
import { afterCursor, cursorKey, toPage, type PageQuery } from "@/lib/platform/pagination";
import type { Actor } from "@/lib/auth/permissions";
import { visitScope } from "@/lib/auth/scopes";
import { NotFoundError } from "@/lib/platform/errors";
import type { VisitFilter } from "./filters";

const tech = alias(users, "technician");

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

/** Visits in start order, filtered, scoped to the actor, a page at a time. */
export async function listVisits(actor: Actor | null, filter: VisitFilter, page: PageQuery) {
  const scope = visitScope(actor);
  const db = await getDb();
  const rows = await selectVisits(db)
    .where(
      and(
        scope,
        filter.status ? eq(visits.status, filter.status) : undefined,
        filter.technicianId ? eq(visits.technicianId, filter.technicianId) : undefined,
        filter.customerId ? eq(visits.customerId, filter.customerId) : undefined,
        filter.from ? gte(visits.startsAt, new Date(filter.from)) : undefined,
        filter.to ? lt(visits.startsAt, new Date(filter.to)) : undefined,
        afterCursor(visits.startsAt, visits.id, page.cursor),
      ),
    )
    .orderBy(visits.startsAt, visits.id)
    .limit(page.limit + 1);
  return toPage(rows, page.limit);
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
