/**
 * The report from the base tables (attempts, devices, visits, vendor cases):
 * the definitions written out, for a customer filter (that customer's visits
 * through their index) and for the tests. The same row shapes as the rollups
 * (queries.ts); shape.ts turns either into the report.
 */
import { sql, type SQL } from "drizzle-orm";
import type { Executor } from "@/db/client";
import type { ReportFilters } from "./filters";
import { addHist, type Counts } from "./probes";
import type { MethodCountRow, ReportRows, TechCountRow, VendorRow, VisitRow, WeekRow } from "./queries";
import { allOf, likePattern, queryRows } from "./sql";

const RAW_AT = sql`coalesce(a.started_at, a.created_at)`;
/** A fact's company-local day, in the zone the rollups apply to it (report_state). */
export const dayOf = (instant: SQL) => sql`reports_day_of(${instant}, (SELECT s FROM report_state s WHERE s.id = 1))`;
/** The first attempt on the attempt's device: earliest by time, then seq, then id. */
export const FIRST_OF_DEVICE = sql`(SELECT b.id FROM attempts b WHERE b.device_id = a.device_id ORDER BY coalesce(b.started_at, b.created_at), b.seq, b.id LIMIT 1)`;

/** Conditions on a device row `d` for the device filters. */
export function deviceConds(f: ReportFilters, d = sql`d`): SQL[] {
  const c: SQL[] = [];
  if (f.brand) c.push(sql`${d}.brand = ${f.brand}`);
  if (f.kind) c.push(sql`${d}.kind = ${f.kind}`);
  if (f.model) c.push(sql`lower(btrim(${d}.model)) LIKE lower(${likePattern(f.model)})`);
  if (f.firmware) c.push(sql`lower(btrim(${d}.firmware)) LIKE lower(${likePattern(f.firmware)})`);
  if (f.option) c.push(sql`${d}.recovery_options ->> ${f.option} = 'yes'`);
  if (f.seal) c.push(sql`coalesce(${d}.warranty_seal, 'unknown') = ${f.seal}`);
  return c;
}

/** Conditions on `attempts a JOIN devices d JOIN visits v` for every attempt filter. */
export function rawAttemptConds(f: ReportFilters): SQL[] {
  const c = deviceConds(f);
  if (f.from) c.push(sql`${dayOf(RAW_AT)} >= ${f.from}::date`);
  if (f.to) c.push(sql`${dayOf(RAW_AT)} <= ${f.to}::date`);
  if (f.technician) c.push(sql`a.technician_id = ${f.technician}::uuid`);
  if (f.customer) c.push(sql`v.customer_id = ${f.customer}::uuid`);
  if (f.attempt === "first") c.push(sql`a.id = ${FIRST_OF_DEVICE}`);
  if (f.attempt === "later") c.push(sql`a.id <> ${FIRST_OF_DEVICE}`);
  return c;
}
export const RAW_FROM = sql`attempts a JOIN devices d ON d.id = a.device_id JOIN visits v ON v.id = a.visit_id`;

const RAW_COUNTS = sql`count(*) FILTER (WHERE a.outcome = 'succeeded')::int AS succeeded, count(*) FILTER (WHERE a.outcome = 'failed')::int AS failed,
  count(*) FILTER (WHERE a.outcome = 'abandoned')::int AS abandoned, count(*) FILTER (WHERE a.outcome = 'waiting_vendor')::int AS waiting`;

/** The first-visit facts of visit `v`, from the base tables (docs/reports.md). */
const RAW_FIXED = sql`(
  (SELECT count(*) > 0 AND count(*) = count(*) FILTER (WHERE la.outcome = 'succeeded')
     FROM visit_devices vd
     LEFT JOIN LATERAL (SELECT x.outcome FROM attempts x WHERE x.visit_id = vd.visit_id AND x.device_id = vd.device_id ORDER BY x.seq DESC LIMIT 1) la ON true
    WHERE vd.visit_id = v.id)
  AND NOT EXISTS (SELECT 1 FROM attempts x WHERE x.visit_id = v.id AND x.outcome = 'waiting_vendor')
  AND NOT EXISTS (SELECT 1 FROM vendor_cases c WHERE c.visit_id = v.id)
  AND NOT EXISTS (SELECT 1 FROM visits fu WHERE fu.follow_up_of = v.id AND fu.status <> 'cancelled'))`;

/** Completed visits in the filters, as (id, technician, fixed): the visit views' base. */
export function rawVisitsSql(f: ReportFilters): SQL {
  const c: SQL[] = [sql`v.status = 'completed'`];
  if (f.from) c.push(sql`${dayOf(sql`v.starts_at`)} >= ${f.from}::date`);
  if (f.to) c.push(sql`${dayOf(sql`v.starts_at`)} <= ${f.to}::date`);
  if (f.technician) c.push(sql`v.technician_id = ${f.technician}::uuid`);
  if (f.customer) c.push(sql`v.customer_id = ${f.customer}::uuid`);
  const dc = deviceConds(f);
  if (dc.length) c.push(sql`EXISTS (SELECT 1 FROM visit_devices vd JOIN devices d ON d.id = vd.device_id WHERE vd.visit_id = v.id AND ${allOf(dc)})`);
  return sql`SELECT v.id, coalesce(v.technician_id, '00000000-0000-0000-0000-000000000000'::uuid)::text AS tech, ${RAW_FIXED} AS fixed
    FROM visits v WHERE ${allOf(c)}`;
}

/** Straight from the base tables: what the rollups summarise. */
export async function rawReport(db: Executor, f: ReportFilters): Promise<ReportRows> {
  const where = allOf(rawAttemptConds(f));
  const bucket = sql`reports_duration_bucket(a.duration_seconds)`;
  const counts = await queryRows<Counts & { brand: string | null; methodId: string | null; technicianId: string | null }>(
    db,
    sql`SELECT d.brand, a.method_id AS "methodId", a.technician_id::text AS "technicianId", ${RAW_COUNTS}
      FROM ${RAW_FROM} WHERE ${where} GROUP BY GROUPING SETS ((d.brand, a.method_id), (a.technician_id))`,
  );
  const durations = await queryRows<{ brand: string | null; methodId: string | null; technicianId: string | null; bucket: number; n: number }>(
    db,
    sql`SELECT d.brand, a.method_id AS "methodId", a.technician_id::text AS "technicianId", ${bucket}::int AS bucket, count(*)::int AS n
      FROM ${RAW_FROM} WHERE ${where} AND a.outcome = 'succeeded' AND a.duration_seconds IS NOT NULL
      GROUP BY GROUPING SETS ((d.brand, a.method_id, ${bucket}), (a.technician_id, ${bucket}))`,
  );
  const hist = (rows: typeof durations) => rows.reduce<number[]>((h, r) => addHist(h, Object.assign([], { [r.bucket]: r.n })), []);
  const methods: MethodCountRow[] = counts
    .filter((r) => r.methodId !== null)
    .map((r) => ({
      brand: r.brand!,
      methodId: r.methodId!,
      succeeded: r.succeeded,
      failed: r.failed,
      abandoned: r.abandoned,
      waiting: r.waiting,
      hist: hist(durations.filter((d) => d.methodId === r.methodId && d.brand === r.brand)),
    }));
  const techs: TechCountRow[] = counts
    .filter((r) => r.technicianId !== null)
    .map((r) => ({
      technicianId: r.technicianId!,
      succeeded: r.succeeded,
      failed: r.failed,
      abandoned: r.abandoned,
      waiting: r.waiting,
      hist: hist(durations.filter((d) => d.technicianId === r.technicianId)),
    }));
  const weeks = await queryRows<WeekRow>(
    db,
    sql`SELECT reports_week_of(${dayOf(RAW_AT)})::text AS week, ${RAW_COUNTS} FROM ${RAW_FROM} WHERE ${where} GROUP BY 1 ORDER BY 1`,
  );
  // visits: overall, and per brand of a device matching the device filters
  const dc = deviceConds(f);
  const visits = await queryRows<VisitRow>(
    db,
    sql`WITH vis AS (${rawVisitsSql(f)})
      SELECT tech AS "technicianId", '*' AS brand, count(*)::int AS completed, count(*) FILTER (WHERE fixed)::int AS fixed FROM vis GROUP BY 1
      UNION ALL
      SELECT vis.tech, b.brand, count(*)::int, count(*) FILTER (WHERE vis.fixed)::int
        FROM vis CROSS JOIN LATERAL (SELECT DISTINCT d.brand FROM visit_devices vd JOIN devices d ON d.id = vd.device_id
                                      WHERE vd.visit_id = vis.id AND ${allOf(dc)}) b
       GROUP BY 1, 2`,
  );
  const vc: SQL[] = deviceConds(f);
  if (f.from) vc.push(sql`${dayOf(sql`vc.sent_at`)} >= ${f.from}::date`);
  if (f.to) vc.push(sql`${dayOf(sql`vc.sent_at`)} <= ${f.to}::date`);
  if (f.technician) vc.push(sql`a.technician_id = ${f.technician}::uuid`);
  if (f.customer) vc.push(sql`v.customer_id = ${f.customer}::uuid`);
  const vendors = await queryRows<VendorRow>(
    db,
    sql`SELECT vc.vendor, reports_turnaround_bucket(vc.sent_at, vc.result_received_at)::int AS bucket, count(*)::int AS n
      FROM vendor_cases vc JOIN devices d ON d.id = vc.device_id JOIN attempts a ON a.id = vc.attempt_id JOIN visits v ON v.id = vc.visit_id
      WHERE ${allOf(vc)} GROUP BY 1, 2`,
  );
  return { methods, techs, weeks, visits, vendors };
}
