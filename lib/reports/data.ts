/**
 * The report page's data: one function, admin only. Folds pending changes,
 * reads the rollups (or, with a customer filter, that customer's facts) and
 * shapes the views (shape.ts).
 */
import "server-only";
import { inArray, sql } from "drizzle-orm";
import { getDb, type Executor } from "@/db/client";
import { customers, recoveryMethods, users } from "@/db/schema";
import { requirePermission, type Actor } from "@/lib/auth/permissions";
import { compactReports, foldInSteps, REQUEST_FOLD_MS, rollupStatus, type RollupStatus } from "./engine";
import { chooseSource, type ReportFilters, type Source } from "./filters";
import { likePattern, queryRows, rollupReport, type MatchedModel } from "./queries";
import { rawAttemptConds, RAW_FROM, rawReport } from "./raw";
import { shapeReport, type MethodInfo, type Person, type ReportData } from "./shape";

export type { ReportData } from "./shape";
export type { RollupStatus } from "./engine";

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

/** The models (or firmware versions) a text filter matches, counted from the base tables (the raw source). */
async function rawMatched(db: Executor, f: ReportFilters, what: "model" | "firmware"): Promise<MatchedModel[]> {
  const text = f[what];
  if (!text) return [];
  const conds = rawAttemptConds(f);
  const [table, column] = what === "model" ? [sql`report_models`, sql`d.model`] : [sql`report_firmwares`, sql`d.firmware`];
  return queryRows<MatchedModel>(
    db,
    sql`SELECT m.brand, m.name,
        (SELECT count(*) FROM ${RAW_FROM} WHERE d.brand = m.brand AND lower(btrim(${column})) = m.key AND a.outcome <> 'waiting_vendor'
           AND ${conds.length ? sql.join(conds, sql` AND `) : sql`true`})::int AS attempts
      FROM ${table} m WHERE m.key LIKE lower(${likePattern(text)}) ${f.brand ? sql`AND m.brand = ${f.brand}` : sql``}
      ORDER BY m.brand, m.key`,
  );
}

/**
 * Without the permission check: for the benchmark and tests that pass a
 * database. Folds pending changes first: all of them (the rollups then hold
 * every write), or those it can in `foldMs` (a request: REQUEST_FOLD_MS).
 */
export async function loadReport(db: Executor, filters: ReportFilters, source: Source = chooseSource(filters), foldMs = Infinity): Promise<ReportData> {
  await (Number.isFinite(foldMs) ? foldInSteps(db, { budgetMs: foldMs }) : compactReports(db));
  let rows, matched: { models: MatchedModel[]; firmwares: MatchedModel[] };
  if (source === "raw") {
    rows = await rawReport(db, filters);
    matched = { models: await rawMatched(db, filters, "model"), firmwares: await rawMatched(db, filters, "firmware") };
  } else {
    rows = await rollupReport(db, filters);
    matched = { models: rows.matchedModels, firmwares: rows.matchedFirmwares };
  }
  const [methods, people] = [await loadCatalogue(db), await loadFieldStaff(db)];
  return shapeReport(rows, methods, people, filters, source, matched);
}

/**
 * The whole report for these filters. `source` forces where the numbers come
 * from (tests compare the rollups with the raw facts); normally chosen.
 */
export async function getReportData(actor: Actor | null, filters: ReportFilters, opts: { source?: Source } = {}): Promise<ReportData> {
  requirePermission(actor, "reports:read");
  return loadReport(await getDb(), filters, opts.source, REQUEST_FOLD_MS);
}

/** Options for the technician filter. */
export async function listReportTechnicians(actor: Actor | null): Promise<Person[]> {
  requirePermission(actor, "reports:read");
  return loadFieldStaff(await getDb());
}

/** Customers with more than one site (businesses), for the customer filter's list; plus the one filtered on, if any. */
export async function listReportCustomers(actor: Actor | null, include?: string): Promise<Person[]> {
  requirePermission(actor, "reports:read");
  const db = await getDb();
  return queryRows<Person>(
    db,
    sql`SELECT c.id::text AS id, c.name FROM ${customers} c
      WHERE c.id IN (SELECT s.customer_id FROM sites s GROUP BY s.customer_id HAVING count(*) > 1) ${include ? sql`OR c.id = ${include}::uuid` : sql``}
      ORDER BY c.name LIMIT 500`,
  );
}

/** Whether a time-zone change is being applied to the figures, and how far along. */
export async function getRollupStatus(actor: Actor | null): Promise<RollupStatus> {
  requirePermission(actor, "reports:read");
  return rollupStatus(await getDb());
}
