/** The data behind a device's recommendation (see recommend.ts for the ranking). */
import "server-only";
import { and, desc, eq, inArray, isNull, sql, type SQL } from "drizzle-orm";
import { getDb, type Executor } from "@/db/client";
import { ALL_TECHNICIANS, attempts, configBackups, devices, recoveryMethods, visits, type Brand, type DeviceKind } from "@/db/schema";
import { requirePermission, type Actor } from "@/lib/auth/permissions";
import { deviceScope } from "@/lib/auth/scopes";
import { NotFoundError } from "@/lib/platform/errors";
import { queryRows } from "./queries";
import { addTo, DURATION_CAP_MIN, DURATION_EDGES_MIN, histogramCount, percentile, type Histogram } from "./buckets";
import { rankMethods, type MethodCounts, type MethodMinutes, type RecMethod, type RecStats, type Recommendation, type TriedMethod } from "./recommend";

type Row = { methodId: string; n: number; succeeded: number };
const toMap = (rows: Row[]): MethodCounts => new Map(rows.map((r) => [r.methodId, { n: r.n, succeeded: r.succeeded }]));

/**
 * Final results per method on devices of this brand and kind (all-time
 * cumulative rollups: one index probe per method, plus changes not yet
 * folded) and on this exact model (case-insensitive; raw attempts through
 * devices_brand_kind_model_idx).
 */
export async function loadRecommendationStats(db: Executor, d: StatsKey): Promise<RecStats> {
  return (await loadRecommendationStatsFor(db, [d]))[0]!;
}

type StatsKey = { brand: Brand; kind: DeviceKind; model: string | null };

/** Median minutes of successful attempts per method, from the all-time rollup's rows (one per method and bucket). */
function methodMinutes(rows: { key: string; bucket: number; n: number }[]): MethodMinutes {
  const byMethod = new Map<string, Histogram>();
  for (const r of rows) {
    let h = byMethod.get(r.key);
    if (!h) byMethod.set(r.key, (h = new Map()));
    addTo(h, r.bucket, r.n);
  }
  const out = new Map<string, { n: number; median: number }>();
  for (const [method, h] of byMethod) {
    const median = percentile(h, 0.5, DURATION_EDGES_MIN, DURATION_CAP_MIN);
    if (median !== null) out.set(method, { n: histogramCount(h), median });
  }
  return out;
}

/**
 * What was tried on these devices before (any visit): the latest outcome per
 * device and method, with the visit's reference. The playbook marks those
 * methods and moves the ones that did not work down.
 */
export async function loadTriedMethods(db: Executor, deviceIds: readonly string[]): Promise<Map<string, Map<string, TriedMethod>>> {
  const out = new Map<string, Map<string, TriedMethod>>();
  if (deviceIds.length === 0) return out;
  const rows = await db
    .selectDistinctOn([attempts.deviceId, attempts.methodId], {
      deviceId: attempts.deviceId,
      methodId: attempts.methodId,
      outcome: attempts.outcome,
      reference: visits.reference,
    })
    .from(attempts)
    .innerJoin(visits, eq(visits.id, attempts.visitId))
    .where(inArray(attempts.deviceId, [...deviceIds]))
    .orderBy(attempts.deviceId, attempts.methodId, desc(attempts.createdAt), desc(attempts.seq));
  for (const r of rows) {
    let m = out.get(r.deviceId);
    if (!m) out.set(r.deviceId, (m = new Map()));
    m.set(r.methodId, { outcome: r.outcome, reference: r.reference });
  }
  return out;
}

/**
 * The same for several devices (a job's), in one statement whatever their
 * number (the job's data is read on every sync): the brand-and-kind rollup,
 * the exact models' attempts and the methods' minutes, each row tagged with
 * its part; results in the order given.
 */
export async function loadRecommendationStatsFor(db: Executor, list: readonly StatsKey[]): Promise<RecStats[]> {
  if (list.length === 0) return [];
  // Each device is a row (i, brand, kind, model) joined to the data; results come back by i.
  const wanted = (rows: SQL[]) => sql.join(rows, sql`, `);
  const pairs = sql`(VALUES ${wanted(list.map((d, i) => sql`(${i}::int, ${d.brand}::text, ${d.kind}::text)`))}) AS w(i, brand, kind)`;
  const withModel = list.map((d, i) => ({ i, d, model: d.model?.trim() ?? "" })).filter((x) => x.model !== "");
  // Brand and kind: the latest cumulative row of each (brand × kind, method) key over every technician (one index probe
  // per key), plus the changes not yet folded into it.
  const similar = sql`SELECT 'similar' AS part, x.i, x.method AS "methodId", sum(x.n)::int AS n, sum(x.succeeded)::int AS succeeded, NULL::int AS bucket
    FROM (
      SELECT w.i, k.method, c.c1 + c.c2 + c.c3 + c.c5 + c.c6 + c.c7 AS n, c.c1 + c.c5 AS succeeded
        FROM ${pairs}
        JOIN report_devkeys dk ON dk.brand = w.brand AND dk.kind = w.kind AND dk.attr = ''
        JOIN report_keys k ON k.fam = 'a' AND k.devkey = dk.id AND k.method <> '' AND k.tech = ${ALL_TECHNICIANS}::uuid AND k.vendor = ''
        CROSS JOIN LATERAL (SELECT * FROM report_cum c WHERE c.key = k.id ORDER BY c.day DESC LIMIT 1) c
      UNION ALL
      SELECT w.i, d.method, CASE WHEN d.outcome <> 3 THEN d.sign ELSE 0 END, CASE WHEN d.outcome = 0 THEN d.sign ELSE 0 END
        FROM ${pairs}
        JOIN report_profiles p ON p.brand = w.brand AND p.kind = w.kind
        JOIN report_deltas d ON d.fam = 'a' AND d.profile = p.id
    ) x
    GROUP BY 2, 3
    HAVING sum(x.n) <> 0 OR sum(x.succeeded) <> 0`;
  const model = withModel.length
    ? sql`SELECT 'model', w.i, a.method_id, count(*) FILTER (WHERE a.outcome <> 'waiting_vendor')::int, count(*) FILTER (WHERE a.outcome = 'succeeded')::int, NULL::int
        FROM (VALUES ${wanted(withModel.map((x) => sql`(${x.i}::int, ${x.d.brand}::text, ${x.d.kind}::text, ${x.model}::text)`))}) AS w(i, brand, kind, model)
        JOIN devices dv ON dv.brand = w.brand AND dv.kind = w.kind AND lower(dv.model) = lower(w.model)
        JOIN attempts a ON a.device_id = dv.id
        GROUP BY 2, 3`
    : null;
  // Method minutes: all-time succeeded attempts per method and duration bucket, from the latest cumulative row of each
  // (brand × kind, method) key over every technician (h1 first attempts, h2 later ones; index = bucket + 1), plus the
  // changes not yet folded.
  const minutes = sql`SELECT 'minutes', NULL::int, x.key, sum(x.n)::int, NULL::int, x.bucket
    FROM (
      SELECT k.method AS key, (h.i - 1)::int AS bucket, h.n
        FROM report_devkeys dk
        JOIN report_keys k ON k.fam = 'a' AND k.devkey = dk.id AND k.method <> '' AND k.tech = ${ALL_TECHNICIANS}::uuid AND k.vendor = ''
        CROSS JOIN LATERAL (SELECT c.h1, c.h2 FROM report_cum c WHERE c.key = k.id ORDER BY c.day DESC LIMIT 1) c
        CROSS JOIN LATERAL (SELECT i, n FROM unnest(c.h1) WITH ORDINALITY u(n, i) UNION ALL SELECT i, n FROM unnest(c.h2) WITH ORDINALITY u(n, i)) h
       WHERE dk.attr = '' AND dk.brand <> '*'
      UNION ALL
      SELECT method, bucket, sign FROM report_deltas WHERE fam = 'a' AND outcome = 0 AND bucket >= 0
    ) x
    GROUP BY 3, 6
    HAVING sum(x.n) > 0`;
  const rows = await queryRows<Row & { part: "similar" | "model" | "minutes"; i: number | null; bucket: number | null }>(
    db,
    sql.join([sql`(${similar})`, ...(model ? [sql`(${model})`] : []), sql`(${minutes})`], sql` UNION ALL `),
  );
  const minuteRows = rows.filter((r) => r.part === "minutes").map((r) => ({ key: r.methodId, bucket: r.bucket!, n: r.n }));
  const shared = methodMinutes(minuteRows);
  const of = (part: "similar" | "model", i: number) => toMap(rows.filter((r) => r.part === part && r.i === i));
  return list.map((_, i) => ({ similar: of("similar", i), model: of("model", i), minutes: shared }));
}

export async function loadMethods(db: Executor): Promise<RecMethod[]> {
  return db
    .select({
      id: recoveryMethods.id,
      name: recoveryMethods.name,
      brands: recoveryMethods.brands,
      kinds: recoveryMethods.kinds,
      requiresOptions: recoveryMethods.requiresOptions,
      wipesConfig: recoveryMethods.wipesConfig,
      sortOrder: recoveryMethods.sortOrder,
      active: recoveryMethods.active,
      vendorPending: recoveryMethods.vendorPending,
      typicalTime: recoveryMethods.typicalTime,
      typicalMinutes: recoveryMethods.typicalMinutes,
      vendorWaitMinutes: recoveryMethods.vendorWaitMinutes,
    })
    .from(recoveryMethods);
}

/**
 * The ranked playbook for one device. Admins: any device. Technicians: only a
 * device on a visit assigned to them (deviceScope); anything else is "not found".
 */
export async function recommendForDevice(actor: Actor | null, deviceId: string): Promise<Recommendation[]> {
  requirePermission(actor, "jobs:work");
  const db = await getDb();
  const scope = deviceScope(actor);
  const [device] = await db
    .select({ brand: devices.brand, kind: devices.kind, model: devices.model, recoveryOptions: devices.recoveryOptions })
    .from(devices)
    .where(and(eq(devices.id, deviceId), scope));
  if (!device) throw new NotFoundError();
  const [backup] = await db
    .select({ id: configBackups.id })
    .from(configBackups)
    .where(and(eq(configBackups.deviceId, deviceId), eq(configBackups.kind, "config"), isNull(configBackups.deletedAt)))
    .limit(1);
  const [methods, stats, tried] = [await loadMethods(db), await loadRecommendationStats(db, device), await loadTriedMethods(db, [deviceId])];
  return rankMethods({ ...device, hasConfigBackup: !!backup, tried: tried.get(deviceId) }, methods, stats);
}
