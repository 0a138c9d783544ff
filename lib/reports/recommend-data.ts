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

/** Median minutes of successful attempts per method (all-time cumulative rollups, one probe per brand × kind and method). */
export async function loadMethodMinutes(db: Executor): Promise<MethodMinutes> {
  const rows = await queryRows<{ key: string; bucket: number; n: number }>(
    db,
    // all-time totals of succeeded attempts per method: the latest cumulative row of each (brand × kind, method) key
    // over every technician (h1 first attempts, h2 later ones; index = bucket + 1), plus changes not yet folded
    sql`SELECT x.key, x.bucket, sum(x.n)::int AS n FROM (
          SELECT k.method AS key, (h.i - 1)::int AS bucket, h.n
            FROM report_devkeys dk
            JOIN report_keys k ON k.fam = 'a' AND k.devkey = dk.id AND k.method <> '' AND k.tech = ${ALL_TECHNICIANS}::uuid AND k.vendor = ''
           CROSS JOIN LATERAL (SELECT c.h1, c.h2 FROM report_cum c WHERE c.key = k.id ORDER BY c.day DESC LIMIT 1) c
           CROSS JOIN LATERAL (SELECT i, n FROM unnest(c.h1) WITH ORDINALITY u(n, i) UNION ALL SELECT i, n FROM unnest(c.h2) WITH ORDINALITY u(n, i)) h
           WHERE dk.attr = '' AND dk.brand <> '*'
          UNION ALL
          SELECT method, bucket, sign FROM report_deltas WHERE fam = 'a' AND outcome = 0 AND bucket >= 0
        ) x GROUP BY 1, 2 HAVING sum(x.n) > 0`,
  );
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

/** The same for several devices (a job's), in three queries whatever their number; results in the order given. */
export async function loadRecommendationStatsFor(db: Executor, list: readonly StatsKey[]): Promise<RecStats[]> {
  if (list.length === 0) return [];
  // Each device is a row (i, brand, kind, model) joined to the data; results come back by i.
  const wanted = (rows: SQL[]) => sql.join(rows, sql`, `);
  const pairs = sql`(VALUES ${wanted(list.map((d, i) => sql`(${i}::int, ${d.brand}::text, ${d.kind}::text)`))}) AS w(i, brand, kind)`;
  const withModel = list.map((d, i) => ({ i, d, model: d.model?.trim() ?? "" })).filter((x) => x.model !== "");
  const [folded, pending, model, minutes] = await Promise.all([
    queryRows<Row & { i: number }>(
      db,
      sql`SELECT w.i, k.method AS "methodId", (c.c1 + c.c2 + c.c3 + c.c5 + c.c6 + c.c7)::int AS n, (c.c1 + c.c5)::int AS succeeded
        FROM ${pairs}
        JOIN report_devkeys dk ON dk.brand = w.brand AND dk.kind = w.kind AND dk.attr = ''
        JOIN report_keys k ON k.fam = 'a' AND k.devkey = dk.id AND k.method <> '' AND k.tech = ${ALL_TECHNICIANS}::uuid AND k.vendor = ''
        CROSS JOIN LATERAL (SELECT * FROM report_cum c WHERE c.key = k.id ORDER BY c.day DESC LIMIT 1) c`,
    ),
    queryRows<Row & { i: number }>(
      db,
      sql`SELECT w.i, x.method AS "methodId", coalesce(sum(x.sign) FILTER (WHERE x.outcome <> 3), 0)::int AS n,
          coalesce(sum(x.sign) FILTER (WHERE x.outcome = 0), 0)::int AS succeeded
        FROM ${pairs}
        JOIN report_profiles p ON p.brand = w.brand AND p.kind = w.kind
        JOIN report_deltas x ON x.fam = 'a' AND x.profile = p.id
        GROUP BY 1, 2`,
    ),
    withModel.length
      ? queryRows<Row & { i: number }>(
          db,
          sql`SELECT w.i, a.method_id AS "methodId", count(*) FILTER (WHERE a.outcome <> 'waiting_vendor')::int AS n, count(*) FILTER (WHERE a.outcome = 'succeeded')::int AS succeeded
            FROM (VALUES ${wanted(withModel.map((x) => sql`(${x.i}::int, ${x.d.brand}::text, ${x.d.kind}::text, ${x.model}::text)`))}) AS w(i, brand, kind, model)
            JOIN devices dv ON dv.brand = w.brand AND dv.kind = w.kind AND lower(dv.model) = lower(w.model)
            JOIN attempts a ON a.device_id = dv.id
            GROUP BY 1, 2`,
        )
      : Promise.resolve([] as (Row & { i: number })[]),
    loadMethodMinutes(db),
  ]);
  const similar = (i: number) => {
    const m: MethodCounts = new Map();
    for (const r of [...folded, ...pending].filter((r) => r.i === i)) {
      const e = m.get(r.methodId) ?? { n: 0, succeeded: 0 };
      m.set(r.methodId, { n: e.n + r.n, succeeded: e.succeeded + r.succeeded });
    }
    for (const [k, v] of m) if (v.n === 0 && v.succeeded === 0) m.delete(k);
    return m;
  };
  return list.map((_, i) => ({ similar: similar(i), model: toMap(model.filter((r) => r.i === i)), minutes }));
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
