import "server-only";
import { and, count, eq, gte, inArray, lt, sql } from "drizzle-orm";
import { alias } from "drizzle-orm/pg-core";
import { getDb } from "@/db/client";
import { attempts, customers, devices, recoveryMethods, users, vendorCases, visits, type VendorCaseStatus } from "@/db/schema";
import type { Actor } from "@/lib/auth/permissions";
import { visitScope } from "@/lib/auth/scopes";
import { cursorKey, keyset, type PageQuery } from "@/lib/platform/pagination";
import { OPEN_CASE_STATUSES } from "./open";

const technician = alias(users, "technician");

export type VendorCaseFilter = {
  status?: VendorCaseStatus;
  /** Only cases still waiting or still to be applied (open, result received): what blocks a visit's completion. */
  open?: boolean;
  /** Only open cases (as above) past (true) or not past (false) their due time. */
  overdue?: boolean;
  /** Only open cases not yet overdue whose due time comes within this many hours: the answer the office must chase next. */
  dueWithinHours?: number;
};

/** "Due soon" on the office's pages: the answers to chase next. */
export const DUE_SOON_HOURS = 24;

/** The views of the office's page (?due=): every open case, the overdue ones, the ones due soon. */
export const VENDOR_CASE_VIEWS = {
  open: { label: "All open", filter: { open: true } as VendorCaseFilter },
  overdue: { label: "Overdue", filter: { open: true, overdue: true } as VendorCaseFilter },
  soon: { label: `Due within ${DUE_SOON_HOURS} h`, filter: { open: true, overdue: false, dueWithinHours: DUE_SOON_HOURS } as VendorCaseFilter },
};
export type VendorCaseView = keyof typeof VENDOR_CASE_VIEWS;
/** The view a `?due=` value asks for (anything else: every open case). */
export const vendorCaseView = (due: unknown): VendorCaseView => (due === "overdue" || due === "soon" ? due : "open");

/** Open (waiting, or the answer in but not yet applied) and past its due time. */
const overdueSql = (now: Date) =>
  sql<boolean>`(${inArray(vendorCases.status, OPEN_CASE_STATUSES)} AND ${vendorCases.dueAt} < ${now.toISOString()}::timestamptz)`;

/** The WHERE of the list and its count (the overview's numbers and the page they open agree). */
function vendorCaseConditions(actor: Actor | null, filter: VendorCaseFilter, now: Date) {
  const overdue = overdueSql(now);
  return and(
    visitScope(actor),
    filter.status ? eq(vendorCases.status, filter.status) : undefined,
    filter.open || filter.dueWithinHours !== undefined ? inArray(vendorCases.status, OPEN_CASE_STATUSES) : undefined,
    filter.overdue === undefined ? undefined : filter.overdue ? overdue : sql`NOT ${overdue}`,
    filter.dueWithinHours !== undefined
      ? and(gte(vendorCases.dueAt, now), lt(vendorCases.dueAt, new Date(now.getTime() + filter.dueWithinHours * 3_600_000)))
      : undefined,
  );
}

/** How many vendor cases the same filter lists. */
export async function countVendorCases(actor: Actor | null, filter: VendorCaseFilter, now = new Date()): Promise<number> {
  const where = vendorCaseConditions(actor, filter, now);
  const db = await getDb();
  const [row] = await db.select({ n: count() }).from(vendorCases).innerJoin(visits, eq(visits.id, vendorCases.visitId)).where(where);
  return row?.n ?? 0;
}

/**
 * Vendor cases by due time, a page at a time: the one read path of the
 * office's page (/admin/vendor-cases: open cases with customer, technician,
 * device, age, overdue) and of /api/v1/vendor-cases. Whoever may read a visit
 * may read its vendor cases (visitScope: admins all, technicians theirs,
 * customers their own). A case is overdue when it is still open (waiting on
 * the vendor, or the answer in but not yet applied) past its due time: a
 * vendor's answer is short-lived.
 */
export async function listVendorCases(actor: Actor | null, filter: VendorCaseFilter, page: PageQuery, now = new Date()) {
  const where = vendorCaseConditions(actor, filter, now);
  const db = await getDb();
  const pager = keyset(vendorCases.dueAt, vendorCases.id, page);
  const overdue = overdueSql(now);
  const rows = await db
    .select({
      id: vendorCases.id,
      visitId: vendorCases.visitId,
      visitReference: visits.reference,
      deviceId: vendorCases.deviceId,
      attemptId: vendorCases.attemptId,
      methodId: attempts.methodId,
      methodName: recoveryMethods.name,
      doNotReboot: recoveryMethods.doNotReboot,
      vendor: vendorCases.vendor,
      whatWasSent: vendorCases.whatWasSent,
      status: vendorCases.status,
      sentAt: vendorCases.sentAt,
      dueAt: vendorCases.dueAt,
      overdue,
      resultReceivedAt: vendorCases.resultReceivedAt,
      expiresAt: vendorCases.expiresAt,
      closedAt: vendorCases.closedAt,
      closedReason: vendorCases.closedReason,
      createdAt: vendorCases.createdAt,
      customerId: visits.customerId,
      customerName: customers.name,
      technicianName: technician.name,
      brand: devices.brand,
      kind: devices.kind,
      model: devices.model,
      serial: devices.serial,
      _k: cursorKey(vendorCases.dueAt),
    })
    .from(vendorCases)
    .innerJoin(visits, eq(visits.id, vendorCases.visitId))
    .innerJoin(customers, eq(customers.id, visits.customerId))
    .innerJoin(devices, eq(devices.id, vendorCases.deviceId))
    .innerJoin(attempts, eq(attempts.id, vendorCases.attemptId))
    .innerJoin(recoveryMethods, eq(recoveryMethods.id, attempts.methodId))
    .leftJoin(technician, eq(technician.id, visits.technicianId))
    .where(and(where, pager.where))
    .orderBy(...pager.orderBy)
    .limit(pager.limit);
  const p = pager.page(rows);
  return {
    ...p,
    data: p.data.map(({ brand, kind, model, serial, ...c }) => ({
      ...c,
      device: { brand, kind, model, serial },
      ageHours: Math.max(0, (now.getTime() - c.sentAt.getTime()) / 3_600_000),
    })),
  };
}

export type VendorCaseRow = Awaited<ReturnType<typeof listVendorCases>>["data"][number];
