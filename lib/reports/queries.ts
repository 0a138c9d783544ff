/**
 * The SQL behind the report page from the cumulative rollups (report_cum,
 * report_weeks): every figure is a difference of two running totals per key,
 * read by index (probes.ts); the keys are the device keys a filter selects
 * (device-plan.ts: a search of report_profiles and the model and firmware
 * names, not of the attempts). The other source, the base tables, is raw.ts; both return the
 * row shapes defined here, and shape.ts turns either into the report.
 */
import { sql, type SQL } from "drizzle-orm";
import type { Executor } from "@/db/client";
import { ALL_TECHNICIANS } from "@/db/schema";
import { addDays, splitWeeks } from "./days";
import { attemptDevkeys, devicePlan, profileConds, type DevicePlan } from "./device-plan";
import type { ReportFilters } from "./filters";
import { addCounts, addHist, CUM_COLS, diffs, histEmpty, isZero, pick, probeSql, rangeProbes, ZERO, type Counts, type CumRow, type Totals } from "./probes";
import { allOf, list, queryRows } from "./sql";

/** Histogram of durations: hist[i] attempts in bucket i (reports_duration_bucket). */
export type MethodCountRow = Counts & { brand: string; methodId: string; hist: number[] };
export type TechCountRow = Counts & { technicianId: string; hist: number[] };
export type WeekRow = Counts & { week: string };
/** brand '*' = every completed visit in the filter, else visits with a device of that brand (matching the device filters). */
export type VisitRow = { technicianId: string; brand: string; completed: number; fixed: number };
/** bucket -1 = no result yet. */
export type VendorRow = { vendor: string; bucket: number; n: number };
/** A model (or firmware version) a text filter matched, with its final attempts in the view. */
export type MatchedModel = { brand: string; name: string; attempts: number };

export type ReportRows = { methods: MethodCountRow[]; techs: TechCountRow[]; weeks: WeekRow[]; visits: VisitRow[]; vendors: VendorRow[] };

/** Where the report modules and billing have always imported them from. */
export { likePattern, optionBit, queryRows } from "./sql";

/** The attempts part: per brand × method and per technician, from the cumulative rollups. */
export async function rollupAttempts(
  db: Executor,
  f: ReportFilters,
  plan: DevicePlan,
): Promise<{ methods: MethodCountRow[]; techs: TechCountRow[]; byModel: Map<number, number>; byFirmware: Map<number, number> }> {
  const { hi, lo } = rangeProbes(f);
  const tech = f.technician ?? ALL_TECHNICIANS;
  const keys = sql`SELECT k.id, k.method, k.tech::text AS tech, dk.brand,
      coalesce(pr.model_id, substring(dk.attr FROM '^m([0-9]+)')::int) AS model,
      coalesce(pr.firmware_id, substring(dk.attr FROM '^(?:m[0-9]+)?f([0-9]+)')::int) AS firmware
    FROM report_keys k JOIN report_devkeys dk ON dk.id = k.devkey LEFT JOIN report_profiles pr ON pr.devkey = dk.id
    WHERE k.fam = 'a' AND k.vendor = '' AND k.devkey IN (${attemptDevkeys(f, plan)})
      AND ((k.method <> '' AND k.tech = ${tech}::uuid) OR (k.method = '' AND k.tech <> ${ALL_TECHNICIANS}::uuid ${f.technician ? sql`AND k.tech = ${f.technician}::uuid` : sql``}))`;
  const rows = await queryRows<CumRow & { model: number | null; firmware: number | null; method: string; tech: string; brand: string }>(
    db,
    probeSql(keys, lo ? [lo, hi] : [hi]),
  );
  const methods = new Map<string, MethodCountRow>();
  const techs = new Map<string, TechCountRow>();
  const byModel = new Map<number, number>();
  const byFirmware = new Map<number, number>();
  const count = (m: Map<number, number>, id: number | null, n: number) => {
    if (id !== null) m.set(Number(id), (m.get(Number(id)) ?? 0) + n);
  };
  for (const { row, t } of diffs(rows, hi, lo).values()) {
    const v = pick(t, f.attempt);
    if (isZero(v) && histEmpty(v.hist)) continue;
    if (row.method) {
      const k = `${row.brand}|${row.method}`;
      const m = methods.get(k) ?? methods.set(k, { brand: row.brand, methodId: row.method, ...ZERO, hist: [] }).get(k)!;
      addCounts(m, v);
      addHist(m.hist, v.hist);
      count(byModel, row.model, v.succeeded + v.failed + v.abandoned);
      count(byFirmware, row.firmware, v.succeeded + v.failed + v.abandoned);
    } else {
      const m = techs.get(row.tech) ?? techs.set(row.tech, { technicianId: row.tech, ...ZERO, hist: [] }).get(row.tech)!;
      addCounts(m, v);
      addHist(m.hist, v.hist);
    }
  }
  return { methods: [...methods.values()], techs: [...techs.values()], byModel, byFirmware };
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
          WHERE k.fam = 'w' AND k.method = '' AND k.vendor = '' AND k.tech = ${tech}::uuid AND k.devkey IN (${attemptDevkeys(f, plan)}) AND ${allOf(c)}
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
    // overall: (brand or *, kind or *, attr); per brand: (b, kind or *, attr). Several attributes (the models or
    // firmwares a text matched) add up: a visit counts once under each; the few visits with devices of two or more
    // of them are then taken off (n - 1) times, through their signature (below).
    const kind = f.kind ?? "*";
    keys = sql`SELECT k.id, k.tech::text AS tech, CASE WHEN d.brand = '*' THEN ARRAY[]::text[] ELSE ARRAY[d.brand] END AS brands,
        (d.brand = ${f.brand ?? "*"}) AS overall
      FROM report_devkeys d
      JOIN report_keys k ON k.fam = 'v' AND k.devkey = d.id AND k.method = '' AND k.vendor = ''
      WHERE d.attr IN (${list(plan.attrs)}) AND d.kind = ${kind} AND (d.brand IN (${list(plan.brands)}) OR d.brand = ${f.brand ?? "*"}) ${techCond}`;
    if (plan.attrs.length > 1) {
      // several models or firmwares matched (one attribute per value): a visit with devices of n of them counts n times
      const value = plan.multi.length === 1 ? sql.raw(`p.${plan.multi[0]}`) : sql`(p.model_id, p.firmware_id)`;
      const overlaps = sql`WITH m AS (
          SELECT s.id AS sig, p.brand, count(DISTINCT ${value})::int AS n
            FROM report_sigs s JOIN report_profiles p ON p.id = ANY (s.profiles)
           WHERE cardinality(s.profiles) > 1 AND ${allOf(profileConds(f))}
           GROUP BY 1, 2),
        t AS (SELECT sig, sum(n)::int AS n, array_agg(brand) FILTER (WHERE n > 1) AS brands, array_agg(n) FILTER (WHERE n > 1) AS ns
                FROM m GROUP BY sig HAVING sum(n) > 1)
        SELECT k.id, k.tech::text AS tech, t.n, t.brands, t.ns
          FROM t
          JOIN LATERAL (SELECT d.id FROM report_devkeys d WHERE d.brand = '*' AND d.kind = '*' AND d.attr = 'g' || t.sig LIMIT 1) d ON true
          JOIN report_keys k ON k.fam = 'v' AND k.devkey = d.id AND k.method = '' AND k.vendor = '' ${techCond}`;
      extra = await queryRows(db, probeSql(overlaps, lo ? [lo, hi] : [hi]));
    }
  } else {
    const conds = allOf(profileConds(f));
    keys = sql`SELECT k.id, k.tech::text AS tech,
        ARRAY(SELECT DISTINCT p.brand FROM report_profiles p WHERE p.id = ANY (s.profiles) AND ${conds} ORDER BY 1) AS brands, true AS overall
      FROM report_sigs s
      JOIN LATERAL (SELECT d.id FROM report_devkeys d WHERE d.brand = '*' AND d.kind = '*' AND d.attr = 'g' || s.id LIMIT 1) d ON true
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

export async function rollupReport(db: Executor, f: ReportFilters): Promise<ReportRows & { matchedModels: MatchedModel[]; matchedFirmwares: MatchedModel[] }> {
  const { plan, models, firmwares } = await devicePlan(db, f);
  const { methods, techs, byModel, byFirmware } = await rollupAttempts(db, f, plan);
  return {
    methods,
    techs,
    weeks: await rollupWeeks(db, f, plan),
    visits: await rollupVisits(db, f, plan),
    vendors: await rollupVendors(db, f, plan),
    matchedModels: models.map((m) => ({ brand: m.brand, name: m.name, attempts: byModel.get(Number(m.id)) ?? 0 })),
    matchedFirmwares: firmwares.map((w) => ({ brand: w.brand, name: w.name, attempts: byFirmware.get(Number(w.id)) ?? 0 })),
  };
}
