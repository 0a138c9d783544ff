/**
 * The report page's data: one function, admin only. Picks the cheapest source
 * that can answer the filters (filters.ts `chooseSource`), runs its SQL and
 * shapes the views (shape.ts).
 */
import "server-only";
import { inArray } from "drizzle-orm";
import { getDb, type Executor } from "@/db/client";
import { recoveryMethods, users } from "@/db/schema";
import { requirePermission, type Actor } from "@/lib/auth/permissions";
import { chooseSource, type ReportFilters, type Source } from "./filters";
import { reportSql, runReportSql } from "./queries";
import { shapeReport, type MethodInfo, type Person, type ReportData } from "./shape";

export type { ReportData } from "./shape";

export async function loadCatalogue(db: Executor): Promise<MethodInfo[]> {
  return db
    .select({
      id: recoveryMethods.id,
      name: recoveryMethods.name,
      brands: recoveryMethods.brands,
      sortOrder: recoveryMethods.sortOrder,
      claimedSuccessRate: recoveryMethods.claimedSuccessRate,
      claimSource: recoveryMethods.claimSource,
    })
    .from(recoveryMethods);
}

/** People who can log attempts (technicians and admins): names for the report and the filter's options. */
export async function loadFieldStaff(db: Executor): Promise<Person[]> {
  return db
    .select({ id: users.id, name: users.name })
    .from(users)
    .where(inArray(users.role, ["technician", "admin"]))
    .orderBy(users.name);
}

/** Without the permission check: for the benchmark and tests that pass a database. */
export async function loadReport(db: Executor, filters: ReportFilters, source: Source = chooseSource(filters)): Promise<ReportData> {
  const rows = await runReportSql(db, reportSql(filters, source));
  const [methods, people] = [await loadCatalogue(db), await loadFieldStaff(db)];
  return shapeReport(rows, methods, people, filters, source);
}

/**
 * The whole report for these filters. `source` forces where the numbers come
 * from (tests compare the rollups with the raw attempts); normally chosen.
 */
export async function getReportData(actor: Actor | null, filters: ReportFilters, opts: { source?: Source } = {}): Promise<ReportData> {
  requirePermission(actor, "reports:read");
  return loadReport(await getDb(), filters, opts.source);
}

/** Options for the technician filter. */
export async function listReportTechnicians(actor: Actor | null): Promise<Person[]> {
  requirePermission(actor, "reports:read");
  return loadFieldStaff(await getDb());
}
