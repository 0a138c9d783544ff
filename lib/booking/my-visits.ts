/**
 * The customer's view of their visits (portal): upcoming and past, and one
 * visit in detail (what was done comes from lib/field/summary.ts). Built on
 * the visit reads of lib/visits/read.ts and scoped by visitScope (a customer:
 * their own visits); another customer's visit is "not found".
 */
import "server-only";
import { and, asc, eq, gte, not, notInArray } from "drizzle-orm";
import { getDb } from "@/db/client";
import { customers, devices, sites, visitDevices, visits, type Brand, type DeviceKind, type VisitStatus } from "@/db/schema";
import { requirePermission, type Actor } from "@/lib/auth/permissions";
import { visitScope } from "@/lib/auth/scopes";
import { NotFoundError } from "@/lib/platform/errors";
import { formatVisitWindow } from "@/lib/format/dates";
import { getSettings } from "@/lib/settings/company";
import { deviceLabel } from "@/lib/values/labels";
import { cursorKey, keyset, type PageQuery } from "@/lib/platform/pagination";
import { visitColumns, visitTechnician as tech } from "@/lib/visits/read";
import { changeableOnline, cutoffMessage } from "./manage";
import { currentCalendar, firstName, formatAddress, loadVisitFacts } from "./visit-facts";

export type MyVisitRow = {
  id: string;
  reference: string;
  status: VisitStatus;
  window: string;
  startsAt: Date;
  technicianName: string | null;
  address: string;
  canChange: boolean;
};

/** Still ahead (or started in the last 12 hours) and not closed: what "upcoming" means on the portal. */
const RECENT_MS = 12 * 3600_000;
const CLOSED_STATUSES: VisitStatus[] = ["completed", "cancelled", "no_show"];
function upcomingCondition(now: Date) {
  return and(notInArray(visits.status, CLOSED_STATUSES), gte(visits.startsAt, new Date(now.getTime() - RECENT_MS)))!;
}

/**
 * The customer's visits, a page at a time: upcoming ones soonest first, or
 * past and cancelled ones latest first (Previous and Next on each).
 */
export async function listMyVisits(actor: Actor | null, which: "upcoming" | "past", page: PageQuery, now = new Date()) {
  requirePermission(actor, "visits:read-own");
  const db = await getDb();
  const s = await getSettings(db);
  const pager = keyset(visits.startsAt, visits.id, page, "timestamptz", which === "upcoming" ? "asc" : "desc");
  const upcoming = upcomingCondition(now);
  const rows = await db
    .select({ ...visitColumns, _k: cursorKey(visits.startsAt) })
    .from(visits)
    .innerJoin(customers, eq(customers.id, visits.customerId))
    .innerJoin(sites, eq(sites.id, visits.siteId))
    .leftJoin(tech, eq(tech.id, visits.technicianId))
    .where(and(visitScope(actor), which === "upcoming" ? upcoming : not(upcoming), pager.where))
    .orderBy(...pager.orderBy)
    .limit(pager.limit);
  const p = pager.page(rows);
  const data: MyVisitRow[] = p.data.map((r) => ({
    id: r.id,
    reference: r.reference,
    status: r.status,
    startsAt: r.startsAt,
    window: formatVisitWindow(r.startsAt, r.endsAt, s),
    technicianName: firstName(r.technicianName),
    address: formatAddress(r),
    canChange: changeableOnline(r, s, now),
  }));
  return { ...p, data, companyPhone: s.companyPhone, cancelCutoffHours: s.cancelCutoffHours };
}

export type DeviceWork = {
  deviceId: string;
  label: string;
  brand: Brand;
  kind: DeviceKind;
  problem: string | null;
};

export async function getMyVisit(actor: Actor | null, visitId: string, now = new Date()) {
  requirePermission(actor, "visits:read-own");
  const db = await getDb();
  const [own] = await db
    .select({ id: visits.id, bookingNotes: visits.bookingNotes, cancelReason: visits.cancelReason })
    .from(visits)
    .where(and(eq(visits.id, visitId), visitScope(actor)));
  if (!own) throw new NotFoundError("That visit does not exist.");
  const s = await getSettings(db);
  const f = (await loadVisitFacts(db, own.id, s))!;
  const devs = await db
    .select({ deviceId: devices.id, brand: devices.brand, kind: devices.kind, model: devices.model, problem: visitDevices.problem })
    .from(visitDevices)
    .innerJoin(devices, eq(devices.id, visitDevices.deviceId))
    .where(eq(visitDevices.visitId, own.id))
    .orderBy(asc(visitDevices.position), asc(devices.createdAt), asc(devices.id));
  const work: DeviceWork[] = devs.map((d) => ({
    deviceId: d.deviceId,
    label: deviceLabel(d),
    brand: d.brand,
    kind: d.kind,
    problem: d.problem,
  }));
  return {
    visit: f,
    bookingNotes: own.bookingNotes,
    cancelReason: own.cancelReason,
    devices: work,
    canChange: changeableOnline({ status: f.status, startsAt: f.start }, s, now),
    cutoffMessage: cutoffMessage(s),
    companyPhone: s.companyPhone,
  };
}

/** The visit's calendar file, for the customer's download link. */
export async function myVisitCalendar(actor: Actor | null, visitId: string) {
  requirePermission(actor, "visits:read-own");
  const db = await getDb();
  const [own] = await db
    .select({ id: visits.id })
    .from(visits)
    .where(and(eq(visits.id, visitId), visitScope(actor)));
  if (!own) throw new NotFoundError("That visit does not exist.");
  const s = await getSettings(db);
  const f = (await loadVisitFacts(db, own.id, s))!;
  return { filename: `visit-${f.reference}.ics`, ics: await currentCalendar(db, f, s) };
}
