/**
 * The SQL behind the report page, for each source:
 *   summary  all-time rollups (no filters): a few hundred rows whatever the volume
 *   daily    day-keyed rollups + visit facts (date, brand, kind, technician filters)
 *   raw      the attempts themselves (a model-text filter, or to check the rollups)
 * Every source returns the same row shapes, and shape.ts turns any of them
 * into the report, so the views agree whichever source served them.
 */
import { sql, type SQL } from "drizzle-orm";
import type { Executor } from "@/db/client";
import type { ReportFilters, Source } from "./filters";

export type CountRow = { technicianId: string; brand: string; methodId: string; succeeded: number; failed: number; abandoned: number; waiting: number };
export type WeekRow = { week: string; succeeded: number; failed: number; abandoned: number; waiting: number };
/**
 * A duration histogram, per method (methodId set) or per technician (technicianId set):
 * counts[i] in bucket buckets[i]. One row per histogram (not per cell), so the
 * unfiltered page reads the same few dozen rows at 10,000 attempts as at 1,000,000.
 */
export type DurationRow = { methodId: string | null; technicianId: string | null; buckets: number[]; counts: number[] };
/** brand '*' = every completed visit in the filter, else visits with a device of that brand. */
export type VisitRow = { technicianId: string; brand: string; completed: number; fixed: number };
export type VendorRow = { vendor: string; bucket: number; n: number };

export type ReportRows = { attempts: CountRow[]; weeks: WeekRow[]; durations: DurationRow[]; visits: VisitRow[]; vendors: VendorRow[] };
export type ReportSql = Record<keyof ReportRows, SQL>;

/** Rows of a raw query, whichever driver (postgres.js returns an array, PGlite `{ rows }`). */
export async function queryRows<T>(db: Executor, q: SQL): Promise<T[]> {
  const r = (await db.execute(q)) as unknown;
  return (Array.isArray(r) ? r : (r as { rows: T[] }).rows) as T[];
}

const and = (conds: SQL[]) => (conds.length ? sql.join(conds, sql` AND `) : sql`true`);
export const likePattern = (text: string) => `%${text.replace(/[\\%_]/g, "\\$&")}%`;

const COUNTS = sql`sum(succeeded)::int AS succeeded, sum(failed)::int AS failed, sum(abandoned)::int AS abandoned, sum(waiting)::int AS waiting`;
const RAW_COUNTS = sql`count(*) FILTER (WHERE a.outcome = 'succeeded')::int AS succeeded, count(*) FILTER (WHERE a.outcome = 'failed')::int AS failed,
  count(*) FILTER (WHERE a.outcome = 'abandoned')::int AS abandoned, count(*) FILTER (WHERE a.outcome = 'waiting_vendor')::int AS waiting`;
const RAW_DAY = sql`(coalesce(a.started_at, a.created_at) AT TIME ZONE (SELECT reports_tz()))::date`;

/** Histogram cells ("methodId", "technicianId", bucket, n) -> one row per histogram. */
const histograms = (
  cells: SQL,
) => sql`SELECT "methodId", "technicianId", array_agg(bucket::int ORDER BY bucket) AS buckets, array_agg(n ORDER BY bucket) AS counts
  FROM (${cells}) h GROUP BY 1, 2`;

function summarySql(): ReportSql {
  return {
    attempts: sql`SELECT technician_id::text AS "technicianId", brand, method_id AS "methodId", ${COUNTS}
      FROM report_attempt_summary GROUP BY 1, 2, 3`,
    weeks: sql`SELECT week::text AS week, succeeded, failed, abandoned, waiting FROM report_week_summary ORDER BY week`,
    durations: sql`SELECT CASE WHEN scope = 'method' THEN key END AS "methodId", CASE WHEN scope = 'technician' THEN key END AS "technicianId",
      array_agg(bucket::int ORDER BY bucket) AS buckets, array_agg(n ORDER BY bucket) AS counts FROM report_duration_summary GROUP BY scope, key`,
    visits: sql`SELECT technician_id::text AS "technicianId", brand, completed, fixed FROM report_visit_summary`,
    vendors: sql`SELECT vendor, bucket::int AS bucket, n FROM report_vendor_summary`,
  };
}

/** Vendor cases have no rollup beyond the all-time one: filtered, they are read raw (thousands, not millions). */
function vendorRawSql(f: ReportFilters): SQL {
  const c: SQL[] = [];
  // local-day bounds as instants, so the sent_at index can serve them
  if (f.from) c.push(sql`vc.sent_at >= (${f.from}::date::timestamp AT TIME ZONE (SELECT reports_tz()))`);
  if (f.to) c.push(sql`vc.sent_at < ((${f.to}::date + 1)::timestamp AT TIME ZONE (SELECT reports_tz()))`);
  if (f.brand) c.push(sql`d.brand = ${f.brand}`);
  if (f.kind) c.push(sql`d.kind = ${f.kind}`);
  if (f.technician) c.push(sql`EXISTS (SELECT 1 FROM attempts a WHERE a.id = vc.attempt_id AND a.technician_id = ${f.technician}::uuid)`);
  if (f.model) c.push(sql`d.model ILIKE ${likePattern(f.model)}`);
  const devices = f.brand || f.kind || f.model ? sql`JOIN devices d ON d.id = vc.device_id` : sql``;
  return sql`SELECT vc.vendor, reports_turnaround_bucket(vc.sent_at, vc.result_received_at)::int AS bucket, count(*)::int AS n
    FROM vendor_cases vc ${devices}
    WHERE ${and(c)} GROUP BY 1, 2`;
}

/** Completed visits with a device matching every device filter (the same device), from the per-visit facts. */
function visitSql(f: ReportFilters): SQL {
  const c: SQL[] = [];
  if (f.from) c.push(sql`f.day >= ${f.from}::date`);
  if (f.to) c.push(sql`f.day <= ${f.to}::date`);
  if (f.technician) c.push(sql`f.technician_id = ${f.technician}::uuid`);
  if (f.model) {
    const dc: SQL[] = [sql`vd.visit_id = f.visit_id`, sql`d.model ILIKE ${likePattern(f.model)}`];
    if (f.brand) dc.push(sql`d.brand = ${f.brand}`);
    if (f.kind) dc.push(sql`d.kind = ${f.kind}`);
    c.push(sql`EXISTS (SELECT 1 FROM visit_devices vd JOIN devices d ON d.id = vd.device_id WHERE ${and(dc)})`);
  } else if (f.brand && f.kind) c.push(sql`${`${f.brand}:${f.kind}`}::text = ANY (f.pairs)`);
  else if (f.brand) c.push(sql`${f.brand}::text = ANY (f.brands)`);
  else if (f.kind) c.push(sql`${f.kind}::text = ANY (f.kinds)`);
  return sql`SELECT f.technician_id::text AS "technicianId", b.brand, count(*)::int AS completed, count(*) FILTER (WHERE f.fixed)::int AS fixed
    FROM report_visit_facts f CROSS JOIN LATERAL unnest(array_prepend('*'::text, f.brands)) AS b(brand)
    WHERE ${and(c)} GROUP BY 1, 2`;
}

function dailySql(f: ReportFilters): ReportSql {
  const c: SQL[] = [];
  if (f.from) c.push(sql`day >= ${f.from}::date`);
  if (f.to) c.push(sql`day <= ${f.to}::date`);
  if (f.brand) c.push(sql`brand = ${f.brand}`);
  if (f.kind) c.push(sql`kind = ${f.kind}`);
  if (f.technician) c.push(sql`technician_id = ${f.technician}::uuid`);
  const where = and(c);
  return {
    attempts: sql`SELECT technician_id::text AS "technicianId", brand, method_id AS "methodId", ${COUNTS}
      FROM report_attempt_daily WHERE ${where} GROUP BY 1, 2, 3`,
    weeks: sql`SELECT reports_week_of(day)::text AS week, ${COUNTS} FROM report_attempt_daily WHERE ${where} GROUP BY 1 ORDER BY 1`,
    durations: histograms(sql`SELECT method_id AS "methodId", technician_id::text AS "technicianId", bucket, sum(n)::int AS n
      FROM report_duration_daily WHERE ${where} GROUP BY GROUPING SETS ((method_id, bucket), (technician_id, bucket))`),
    visits: visitSql(f),
    vendors: vendorRawSql(f),
  };
}

/** Straight from attempts ⋈ devices: what the rollups summarise. */
function rawSql(f: ReportFilters): ReportSql {
  const c: SQL[] = [];
  if (f.from) c.push(sql`${RAW_DAY} >= ${f.from}::date`);
  if (f.to) c.push(sql`${RAW_DAY} <= ${f.to}::date`);
  if (f.brand) c.push(sql`d.brand = ${f.brand}`);
  if (f.kind) c.push(sql`d.kind = ${f.kind}`);
  if (f.technician) c.push(sql`a.technician_id = ${f.technician}::uuid`);
  if (f.model) c.push(sql`d.model ILIKE ${likePattern(f.model)}`);
  const where = and(c);
  const from = sql`attempts a JOIN devices d ON d.id = a.device_id`;
  return {
    attempts: sql`SELECT a.technician_id::text AS "technicianId", d.brand, a.method_id AS "methodId", ${RAW_COUNTS}
      FROM ${from} WHERE ${where} GROUP BY 1, 2, 3`,
    weeks: sql`SELECT reports_week_of(${RAW_DAY})::text AS week, ${RAW_COUNTS} FROM ${from} WHERE ${where} GROUP BY 1 ORDER BY 1`,
    durations:
      histograms(sql`SELECT a.method_id AS "methodId", a.technician_id::text AS "technicianId", reports_duration_bucket(a.duration_seconds) AS bucket, count(*)::int AS n
      FROM ${from} WHERE ${where} AND a.outcome = 'succeeded' AND a.duration_seconds IS NOT NULL
      GROUP BY GROUPING SETS ((a.method_id, reports_duration_bucket(a.duration_seconds)), (a.technician_id, reports_duration_bucket(a.duration_seconds)))`),
    visits: visitSql(f),
    vendors: vendorRawSql(f),
  };
}

export function reportSql(f: ReportFilters, source: Source): ReportSql {
  return source === "summary" ? summarySql() : source === "daily" ? dailySql(f) : rawSql(f);
}

/** Run the statements one after another (one connection: PGlite serialises anyway). */
export async function runReportSql(db: Executor, q: ReportSql): Promise<ReportRows> {
  return {
    attempts: await queryRows<CountRow>(db, q.attempts),
    weeks: await queryRows<WeekRow>(db, q.weeks),
    durations: await queryRows<DurationRow>(db, q.durations),
    visits: await queryRows<VisitRow>(db, q.visits),
    vendors: await queryRows<VendorRow>(db, q.vendors),
  };
}
