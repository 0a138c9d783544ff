import "server-only";
import { and, eq, sql } from "drizzle-orm";
import { getDb } from "@/db/client";
import { vendorCases, visits, type VendorCaseStatus } from "@/db/schema";
import { afterCursor, cursorKey, toPage, type PageQuery } from "@/lib/platform/pagination";
import type { Actor } from "@/lib/auth/permissions";
import { visitScope } from "@/lib/auth/scopes";

/**
 * Vendor cases, by due time, a page at a time. Whoever may read a visit may
 * read its vendor cases (admins all, technicians theirs, customers their own).
 */
export async function listVendorCases(actor: Actor | null, filter: { status?: VendorCaseStatus; overdue?: boolean }, page: PageQuery) {
  const scope = visitScope(actor);
  const db = await getDb();
  const overdue = sql<boolean>`(${vendorCases.status} = 'open' AND ${vendorCases.dueAt} < now())`;
  const rows = await db
    .select({
      id: vendorCases.id,
      visitId: vendorCases.visitId,
      visitReference: visits.reference,
      deviceId: vendorCases.deviceId,
      attemptId: vendorCases.attemptId,
      vendor: vendorCases.vendor,
      whatWasSent: vendorCases.whatWasSent,
      status: vendorCases.status,
      sentAt: vendorCases.sentAt,
      dueAt: vendorCases.dueAt,
      overdue,
      resultReceivedAt: vendorCases.resultReceivedAt,
      closedAt: vendorCases.closedAt,
      createdAt: vendorCases.createdAt,
      _k: cursorKey(vendorCases.dueAt),
    })
    .from(vendorCases)
    .innerJoin(visits, eq(visits.id, vendorCases.visitId))
    .where(
      and(
        scope,
        filter.status ? eq(vendorCases.status, filter.status) : undefined,
        filter.overdue === undefined ? undefined : filter.overdue ? overdue : sql`NOT ${overdue}`,
        afterCursor(vendorCases.dueAt, vendorCases.id, page.cursor),
      ),
    )
    .orderBy(vendorCases.dueAt, vendorCases.id)
    .limit(page.limit + 1);
  return toPage(rows, page.limit);
}
