/**
 * The SQL behind the report page, from either source:
 *   rollups  the cumulative rollups (report_cum, report_weeks): every figure
 *            is a difference of two running totals per key, read by index;
 *            the keys are brand × kind, or the device profiles a device-detail
 *            filter selects (a search of report_profiles, not of the attempts)
 *   raw      the base tables (attempts, devices, visits, vendor cases): the
 *            definitions written out, for a customer filter (that customer's
 *            visits through their index) and for the tests.
 * Both return the same row shapes; shape.ts turns either into the report.
 */
import { sql, type SQL } from "drizzle-orm";
import type { Executor } from "@/db/client";
import { ALL_TECHNICIANS } from "@/db/schema";
import { BRANDS, DEVICE_KINDS, RECOVERY_OPTIONS } from "@/lib/values";
import { addDays, splitWeeks } from "./days";
import type { ReportFilters } from "./filters";

export type Counts = { succeeded: number; failed: number; abandoned: number; waiting: number };
/** Histogram of durations: hist[i] attempts in bucket i (reports_duration_bucket). */
export type MethodCountRow = Counts & { brand: string; methodId: string; hist: number[] };
export type TechCountRow = Counts & { technicianId: string; hist: number[] };
export type WeekRow = Counts & { week: string };
/** brand '*' = every completed visit in the filter, else visits with a device of that brand (matching the device filters). */
export type VisitRow = { technicianId: string; brand: string; completed: number; fixed: number };
/** bucket -1 = no result yet. */
export type VendorRow = { vendor: string; bucket: number; n: number };
/** A model a model-text filter matched, with its final attempts in the view. */
export type MatchedModel = { brand: string; name: string; attempts: number };

export type ReportRows = { methods: MethodCountRow[]; techs: TechCountRow[]; weeks: WeekRow[]; visits: VisitRow[]; vendors: VendorRow[] };

/** Rows of a raw query, whichever driver (postgres.js returns an array, PGlite `{ rows }`). */
export async function queryRows<T>(db: Executor, q: SQL): Promise<T[]> {
  const r = (await db.execute(q)) as unknown;
  return (Array.isArray(r) ? r : (r as { rows: T[] }).rows) as T[];
}

const and = (conds: SQL[]) => (conds.length ? sql.join(conds, sql` AND `) : sql`true`);
const list = (xs: readonly string[]) =>
  sql.join(
    xs.map((x) => sql`${x}`),
    sql`, `,
  );
export const likePattern = (text: string) => `%${text.replace(/[\\%_]/g, "\\$&")}%`;
export const optionBit = (o: string) => 1 << RECOVERY_OPTIONS.indexOf(o as (typeof RECOVERY_OPTIONS)[number]);

const ZERO: Counts = { succeeded: 0, failed: 0, abandoned: 0, waiting: 0 };
export function addCounts(into: Counts, c: Counts) {
  into.succeeded += c.succeeded;
  into.failed += c.failed;
  into.abandoned += c.abandoned;
  into.waiting += c.waiting;
  return into;
}
const isZero = (c: Counts) => !c.succeeded && !c.failed && !c.abandoned && !c.waiting;

/** Element-wise a + sign·b (histograms as plain arrays; missing entries are 0). */
export function addHist(a: number[], b: readonly (number | null)[] | null | undefined, sign = 1): number[] {
  if (!b) return a;
  for (let i = 0; i < b.length; i++) a[i] = (a[i] ?? 0) + sign * Number(b[i] ?? 0);
  return a;
}
const histEmpty = (h: number[]) => h.every((x) => !x);

// ------------------------------------------------------------------ rollups

/** The device profiles the device-detail filters (and brand, kind) select. */
function profileConds(f: ReportFilters): SQL[] {
  const c: SQL[] = [];
  if (f.brand) c.push(sql`p.brand = ${f.brand}`);
  if (f.kind) c.push(sql`p.kind = ${f.kind}`);
  if (f.model) c.push(sql`p.model_id IN (SELECT m.id FROM report_models m WHERE m.key LIKE lower(${likePattern(f.model)}))`);
  if (f.firmware) c.push(sql`p.firmware_id IN (SELECT w.id FROM report_firmwares w WHERE w.key LIKE lower(${likePattern(f.firmware)}))`);
  if (f.option) c.push(sql`(p.options & ${optionBit(f.option)}::int) <> 0`);
  if (f.seal) c.push(sql`p.seal = ${f.seal}`);
  return c;
}

/**
 * How the device filters select rollup keys. A device key is (brand, kind,
 * attribute): '' for brand × kind, 'm<model>', 'o<option bit>', 'w<seal>',
 * 'p<profile>'. One device detail (models matching a text, an option, a seal)
 * reads that attribute's keys; firmware, or two details at once, read the
 * keys of every matching profile. Every attempt counts once under each of its
 * attributes' keys, so sums over one attribute never double count.
 */
export type DevicePlan =
  | { by: "attr"; attrs: string[]; brands: string[]; kinds: string[] }
  | { by: "profile" }
  /** A model text that matched nothing. */
  | { by: "none" };

export async function devicePlan(db: Executor, f: ReportFilters): Promise<{ plan: DevicePlan; models: { id: number; brand: string; name: string }[] }> {
  const brands = f.brand ? [f.brand] : [...BRANDS];
  const kinds = f.kind ? [f.kind] : [...DEVICE_KINDS];
  const models = f.model
    ? await queryRows<{ id: number; brand: string; name: string }>(
        db,
        sql`SELECT m.id, m.brand, m.name FROM report_models m WHERE m.key LIKE lower(${likePattern(f.model)}) AND m.brand IN (${list(brands)}) ORDER BY m.brand, m.key`,
      )
    : [];
  const details = (["model", "firmware", "option", "seal"] as const).filter((k) => !!f[k]);
  if (details.length === 0) return { plan: { by: "attr", attrs: [""], brands, kinds }, models };
  if (details.length === 1 && f.option) return { plan: { by: "attr", attrs: [`o${RECOVERY_OPTIONS.indexOf(f.option)}`], brands, kinds }, models };
  if (details.length === 1 && f.seal) return { plan: { by: "attr", attrs: [`w${f.seal}`], brands, kinds }, models };
  if (details.length === 1 && f.model)
    return { plan: models.length ? { by: "attr", attrs: models.map((m) => `m${m.id}`), brands, kinds } : { by: "none" }, models };
  return { plan: { by: "profile" }, models };
}

/** The device keys attempts and vendor cases are counted under, for a plan. */
export function attemptDevkeys(f: ReportFilters, plan: DevicePlan): SQL {
  if (plan.by === "profile") return sql`SELECT p.devkey FROM report_profiles p WHERE ${and(profileConds(f))}`;
  if (plan.by === "none") return sql`SELECT -1`;
  return sql`SELECT d.id FROM report_devkeys d WHERE d.attr IN (${list(plan.attrs)}) AND d.brand IN (${list(plan.brands)}) AND d.kind IN (${list(plan.kinds)})`;
}

type CumRow = {
  id: number;
  probe: string;
  c1: number | null;
  c2: number | null;
  c3: number | null;
  c4: number | null;
  c5: number | null;
  c6: number | null;
  c7: number | null;
  c8: number | null;
  h1: number[] | null;
  h2: number[] | null;
};
const CUM_COLS = ["c1", "c2", "c3", "c4", "c5", "c6", "c7", "c8"] as const;

/** For every key the query selects (it must return `id`), the running totals through each probe day. */
function probeSql(keys: SQL, days: string[]): SQL {
  const values = sql.join(
    days.map((d) => sql`(${d}::date)`),
    sql`, `,
  );
  return sql`SELECT k.*, p.day::text AS probe, c.c1, c.c2, c.c3, c.c4, c.c5, c.c6, c.c7, c.c8, c.h1, c.h2
    FROM (${keys}) k
    CROSS JOIN (VALUES ${values}) AS p(day)
    LEFT JOIN LATERAL (SELECT * FROM report_cum c WHERE c.key = k.id AND c.day <= p.day ORDER BY c.day DESC LIMIT 1) c ON true`;
}

type Totals = { c: number[]; h1: number[]; h2: number[] };
/** Running totals at `hi` minus those at `lo` (lo absent: from the start), per key. */
function diffs<R extends CumRow>(rows: R[], hi: string, lo: string | null): Map<number, { row: R; t: Totals }> {
  const out = new Map<number, { row: R; t: Totals }>();
  for (const r of rows) {
    const sign = r.probe === hi ? 1 : r.probe === lo ? -1 : 0;
    if (!sign) continue;
    const e = out.get(r.id) ?? out.set(r.id, { row: r, t: { c: [0, 0, 0, 0, 0, 0, 0, 0], h1: [], h2: [] } }).get(r.id)!;
    CUM_COLS.forEach((k, i) => {
      e.t.c[i] = (e.t.c[i] ?? 0) + sign * Number(r[k] ?? 0);
    });
    addHist(e.t.h1, r.h1, sign);
    addHist(e.t.h2, r.h2, sign);
  }
  return out;
}

/** The attempt figures of a difference, for the attempt-order filter (first attempts: c1..c4, later: c5..c8). */
function pick(t: Totals, order: ReportFilters["attempt"]): Counts & { hist: number[] } {
  const first = { succeeded: t.c[0]!, failed: t.c[1]!, abandoned: t.c[2]!, waiting: t.c[3]! };
  const later = { succeeded: t.c[4]!, failed: t.c[5]!, abandoned: t.c[6]!, waiting: t.c[7]! };
  if (order === "first") return { ...first, hist: [...t.h1] };
  if (order === "later") return { ...later, hist: [...t.h2] };
  return { ...addCounts({ ...first }, later), hist: addHist([...t.h1], t.h2) };
}

const INF = "infinity";
/** Probe days for a day range: the day before `from` (if any) and `to` (or the end of time). */
const rangeProbes = (f: { from?: string; to?: string }) => ({ hi: f.to ?? INF, lo: f.from ? addDays(f.from, -1) : null });

/** The attempts part: per brand × method and per technician, from the cumulative rollups. */
export async function rollupAttempts(
  db: Executor,
  f: ReportFilters,
  plan: DevicePlan,
): Promise<{ methods: MethodCountRow[]; techs: TechCountRow[]; byModel: Map<number, number> }> {
  const { hi, lo } = rangeProbes(f);
  const tech = f.technician ?? ALL_TECHNICIANS;
  const keys = sql`SELECT k.id, k.method, k.tech::text AS tech, dk.brand,
      coalesce(pr.model_id, CASE WHEN dk.attr LIKE 'm%' THEN substr(dk.attr, 2)::int END) AS model
    FROM report_keys k JOIN report_devkeys dk ON dk.id = k.devkey LEFT JOIN report_profiles pr ON pr.devkey = dk.id
    WHERE k.fam = 'a' AND k.vendor = '' AND k.devkey IN (${attemptDevkeys(f, plan)})
      AND ((k.method <> '' AND k.tech = ${tech}::uuid) OR (k.method = '' AND k.tech <> ${ALL_TECHNICIANS}::uuid ${f.technician ? sql`AND k.tech = ${f.technician}::uuid` : sql``}))`;
  const rows = await queryRows<CumRow & { model: number | null; method: string; tech: string; brand: string }>(db, probeSql(keys, lo ? [lo, hi] : [hi]));
  const methods = new Map<string, MethodCountRow>();
  const techs = new Map<string, TechCountRow>();
  const byModel = new Map<number, number>();
  for (const { row, t } of diffs(rows, hi, lo).values()) {
    const v = pick(t, f.attempt);
    if (isZero(v) && histEmpty(v.hist)) continue;
    if (row.method) {
      const k = `${row.brand}|${row.method}`;
      const m = methods.get(k) ?? methods.set(k, { brand: row.brand, methodId: row.method, ...ZERO, hist: [] }).get(k)!;
      addCounts(m, v);
      addHist(m.hist, v.hist);
      if (row.model !== null) byModel.set(Number(row.model), (byModel.get(Number(row.model)) ?? 0) + v.succeeded + v.failed + v.abandoned);
    } else {
      const m = techs.get(row.tech) ?? techs.set(row.tech, { technicianId: row.tech, ...ZERO, hist: [] }).get(row.tech)!;
      addCounts(m, v);
      addHist(m.hist, v.hist);
    }
  }
  return { methods: [...methods.values()], techs: [...techs.values()], byModel };
}

/** The weekly trend: whole weeks from the weekly totals, partial edge weeks from the running totals. */
async function rollupWeeks(db: Executor, f: ReportFilters, plan: DevicePlan): Promise<WeekRow[]> {
  const tech = f.technician ?? ALL_TECHNICIANS;
  const { whole, partials } = splitWeeks(f.from, f.to);
  const weeks = new Map<string, WeekRow>();
  const add = (week: string, c: Counts) => addCounts(weeks.get(week) ?? weeks.set(week, { week, ...ZERO }).get(week)!, c);
  if (whole) {
    const c: SQL[] = [];
    if (whole.lo) c.push(sql`w.week >= ${whole.lo}::date`);
    if (whole.hi) c.push(sql`w.week <= ${whole.hi}::date`);
    const rows = await queryRows<{ week: string; c1: number; c2: number; c3: number; c4: number; c5: number; c6: number; c7: number; c8: number }>(
      db,
      sql`SELECT w.week::text AS week, sum(w.c1)::int AS c1, sum(w.c2)::int AS c2, sum(w.c3)::int AS c3, sum(w.c4)::int AS c4,
            sum(w.c5)::int AS c5, sum(w.c6)::int AS c6, sum(w.c7)::int AS c7, sum(w.c8)::int AS c8
          FROM report_keys k JOIN report_weeks w ON w.key = k.id
          WHERE k.fam = 'w' AND k.method = '' AND k.vendor = '' AND k.tech = ${tech}::uuid AND k.devkey IN (${attemptDevkeys(f, plan)}) AND ${and(c)}
          GROUP BY w.week`,
    );
    for (const r of rows) {
      const v = pick({ c: CUM_COLS.map((k) => Number(r[k])), h1: [], h2: [] }, f.attempt);
      if (!isZero(v)) add(r.week, v);
    }
  }
  if (partials.length) {
    const days = partials.flatMap((p) => [addDays(p.from, -1), p.to]);
    const keys = sql`SELECT k.id FROM report_keys k
      WHERE k.fam = 'a' AND k.vendor = '' AND k.method = '' AND k.tech = ${tech}::uuid AND k.devkey IN (${attemptDevkeys(f, plan)})`;
    const rows = await queryRows<CumRow>(db, probeSql(keys, days));
    for (const p of partials) {
      const total = { c: [0, 0, 0, 0, 0, 0, 0, 0], h1: [], h2: [] } as Totals;
      for (const { t } of diffs(rows, p.to, addDays(p.from, -1)).values())
        t.c.forEach((x, i) => {
          total.c[i] = (total.c[i] ?? 0) + x;
        });
      const v = pick(total, f.attempt);
      if (!isZero(v)) add(p.week, v);
    }
  }
  return [...weeks.values()].sort((a, b) => a.week.localeCompare(b.week));
}

/**
 * Completed visits per technician: overall ('*') and per brand. With no
 * device detail, or one that selects a single attribute value, visit keys
 * (brand or any, kind or any, attribute): a visit counts once under each it
 * has a device of. Otherwise visit signatures with a matching profile: a
 * visit counts once, and once per brand it has a matching device of.
 */
export async function rollupVisits(db: Executor, f: ReportFilters, plan: DevicePlan): Promise<VisitRow[]> {
  if (plan.by === "none") return [];
  const { hi, lo } = rangeProbes(f);
  const techCond = f.technician ? sql`AND k.tech = ${f.technician}::uuid` : sql``;
  let keys: SQL;
  let extra: (CumRow & { tech: string; n: number; brands: string[] | null; ns: number[] | null })[] = [];
  if (plan.by === "attr") {
    // overall: (brand or *, kind or *, attr); per brand: (b, kind or *, attr). Several attributes (the models a
    // text matched) add up: a visit counts once under each; the few visits with devices of two or more of them
    // are then taken off (n - 1) times, through their signature (below).
    const kind = f.kind ?? "*";
    keys = sql`SELECT k.id, k.tech::text AS tech, CASE WHEN d.brand = '*' THEN ARRAY[]::text[] ELSE ARRAY[d.brand] END AS brands,
        (d.brand = ${f.brand ?? "*"}) AS overall
      FROM report_devkeys d
      JOIN report_keys k ON k.fam = 'v' AND k.devkey = d.id AND k.method = '' AND k.vendor = ''
      WHERE d.attr IN (${list(plan.attrs)}) AND d.kind = ${kind} AND (d.brand IN (${list(plan.brands)}) OR d.brand = ${f.brand ?? "*"}) ${techCond}`;
    if (plan.attrs.length > 1) {
      const ids = plan.attrs.map((a) => a.slice(1));
      const overlaps = sql`WITH m AS (
          SELECT s.id AS sig, p.brand, count(DISTINCT p.model_id)::int AS n
            FROM report_sigs s JOIN report_profiles p ON p.id = ANY (s.profiles)
           WHERE cardinality(s.profiles) > 1 AND p.model_id::text IN (${list(ids)}) ${f.kind ? sql`AND p.kind = ${f.kind}` : sql``}
           GROUP BY 1, 2),
        t AS (SELECT sig, sum(n)::int AS n, array_agg(brand) FILTER (WHERE n > 1) AS brands, array_agg(n) FILTER (WHERE n > 1) AS ns
                FROM m GROUP BY sig HAVING sum(n) > 1)
        SELECT k.id, k.tech::text AS tech, t.n, t.brands, t.ns
          FROM t
          JOIN report_devkeys d ON d.brand = '*' AND d.kind = '*' AND d.attr = 'g' || t.sig
          JOIN report_keys k ON k.fam = 'v' AND k.devkey = d.id AND k.method = '' AND k.vendor = '' ${techCond}`;
      extra = await queryRows(db, probeSql(overlaps, lo ? [lo, hi] : [hi]));
    }
  } else {
    const conds = and(profileConds(f));
    keys = sql`SELECT k.id, k.tech::text AS tech,
        ARRAY(SELECT DISTINCT p.brand FROM report_profiles p WHERE p.id = ANY (s.profiles) AND ${conds} ORDER BY 1) AS brands, true AS overall
      FROM report_sigs s
      JOIN report_devkeys d ON d.brand = '*' AND d.kind = '*' AND d.attr = 'g' || s.id
      JOIN report_keys k ON k.fam = 'v' AND k.devkey = d.id AND k.method = '' AND k.vendor = ''
      WHERE s.profiles && ARRAY(SELECT p.id FROM report_profiles p WHERE ${conds}) ${techCond}`;
  }
  const rows = await queryRows<CumRow & { tech: string; brands: string[]; overall: boolean }>(db, probeSql(keys, lo ? [lo, hi] : [hi]));
  const out = new Map<string, VisitRow>();
  const add = (tech: string, brand: string, completed: number, fixed: number) => {
    const k = `${tech}|${brand}`;
    const r = out.get(k) ?? out.set(k, { technicianId: tech, brand, completed: 0, fixed: 0 }).get(k)!;
    r.completed += completed;
    r.fixed += fixed;
  };
  for (const { row, t } of diffs(rows, hi, lo).values()) {
    const [completed, fixed] = [t.c[0]!, t.c[1]!];
    if (!completed && !fixed) continue;
    if (row.overall) add(row.tech, "*", completed, fixed);
    for (const b of row.brands) add(row.tech, b, completed, fixed);
  }
  // visits counted under n > 1 of the attributes: n - 1 off overall (with a brand filter the matched models are
  // that brand's), n_b - 1 off per brand
  for (const { row, t } of diffs(extra, hi, lo).values()) {
    const [completed, fixed] = [t.c[0]!, t.c[1]!];
    if (!completed && !fixed) continue;
    add(row.tech, "*", -(row.n - 1) * completed, -(row.n - 1) * fixed);
    (row.brands ?? []).forEach((b, i) => add(row.tech, b, -(row.ns![i]! - 1) * completed, -(row.ns![i]! - 1) * fixed));
  }
  for (const [k, r] of out) if (!r.completed && !r.fixed) out.delete(k);
  return [...out.values()];
}

/** Vendor cases by vendor and turnaround bucket. */
async function rollupVendors(db: Executor, f: ReportFilters, plan: DevicePlan): Promise<VendorRow[]> {
  const { hi, lo } = rangeProbes(f);
  const keys = sql`SELECT k.id, k.vendor FROM report_keys k
    WHERE k.fam = 'c' AND k.method = '' AND k.tech = ${f.technician ?? ALL_TECHNICIANS}::uuid AND k.devkey IN (${attemptDevkeys(f, plan)})`;
  const rows = await queryRows<CumRow & { vendor: string }>(db, probeSql(keys, lo ? [lo, hi] : [hi]));
  const out = new Map<string, VendorRow>();
  for (const { row, t } of diffs(rows, hi, lo).values()) {
    t.h1.forEach((n, i) => {
      if (!n) return;
      const bucket = i - 1; // index 0 = bucket -1 (no result yet)
      const k = `${row.vendor}|${bucket}`;
      const r = out.get(k) ?? out.set(k, { vendor: row.vendor, bucket, n: 0 }).get(k)!;
      r.n += n;
    });
  }
  return [...out.values()];
}

export async function rollupReport(db: Executor, f: ReportFilters): Promise<ReportRows & { matchedModels: MatchedModel[] }> {
  const { plan, models } = await devicePlan(db, f);
  const { methods, techs, byModel } = await rollupAttempts(db, f, plan);
  return {
    methods,
    techs,
    weeks: await rollupWeeks(db, f, plan),
    visits: await rollupVisits(db, f, plan),
    vendors: await rollupVendors(db, f, plan),
    matchedModels: models.map((m) => ({ brand: m.brand, name: m.name, attempts: byModel.get(Number(m.id)) ?? 0 })),
  };
}

// ---------------------------------------------------------------------- raw

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
  if (dc.length) c.push(sql`EXISTS (SELECT 1 FROM visit_devices vd JOIN devices d ON d.id = vd.device_id WHERE vd.visit_id = v.id AND ${and(dc)})`);
  return sql`SELECT v.id, coalesce(v.technician_id, '00000000-0000-0000-0000-000000000000'::uuid)::text AS tech, ${RAW_FIXED} AS fixed
    FROM visits v WHERE ${and(c)}`;
}

/** Straight from the base tables: what the rollups summarise. */
export async function rawReport(db: Executor, f: ReportFilters): Promise<ReportRows> {
  const where = and(rawAttemptConds(f));
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
                                      WHERE vd.visit_id = vis.id AND ${and(dc)}) b
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
      WHERE ${and(vc)} GROUP BY 1, 2`,
  );
  return { methods, techs, weeks, visits, vendors };
}
