/** The data behind a device's recommendation (see recommend.ts for the ranking). */
import "server-only";
import { and, eq, isNull, sql } from "drizzle-orm";
import { getDb, type Executor } from "@/db/client";
import { configBackups, devices, recoveryMethods, visitDevices, visits, type Brand, type DeviceKind } from "@/db/schema";
import { requirePermission, type Actor } from "@/lib/auth/permissions";
import { NotFoundError } from "@/lib/errors";
import { queryRows } from "./queries";
import { rankMethods, type MethodCounts, type RecMethod, type RecStats, type Recommendation } from "./recommend";

type Row = { methodId: string; n: number; succeeded: number };
const toMap = (rows: Row[]): MethodCounts => new Map(rows.map((r) => [r.methodId, { n: r.n, succeeded: r.succeeded }]));

/**
 * Final results per method on devices of this brand and kind (all-time rollup,
 * a few hundred rows) and on this exact model (case-insensitive; raw attempts
 * through devices_brand_kind_model_idx).
 */
export async function loadRecommendationStats(db: Executor, d: { brand: Brand; kind: DeviceKind; model: string | null }): Promise<RecStats> {
  const similar = await queryRows<Row>(
    db,
    sql`SELECT method_id AS "methodId", sum(succeeded + failed + abandoned)::int AS n, sum(succeeded)::int AS succeeded
      FROM report_attempt_summary WHERE brand = ${d.brand} AND kind = ${d.kind} GROUP BY 1`,
  );
  const model = d.model?.trim()
    ? await queryRows<Row>(
        db,
        sql`SELECT a.method_id AS "methodId", count(*) FILTER (WHERE a.outcome <> 'waiting_vendor')::int AS n, count(*) FILTER (WHERE a.outcome = 'succeeded')::int AS succeeded
          FROM devices dv JOIN attempts a ON a.device_id = dv.id
          WHERE dv.brand = ${d.brand} AND dv.kind = ${d.kind} AND lower(dv.model) = lower(${d.model.trim()})
          GROUP BY 1`,
      )
    : [];
  return { similar: toMap(similar), model: toMap(model) };
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
    })
    .from(recoveryMethods);
}

/**
 * The ranked playbook for one device. Admins: any device. Technicians: only a
 * device on a visit assigned to them; anything else is "not found".
 */
export async function recommendForDevice(actor: Actor | null, deviceId: string): Promise<Recommendation[]> {
  requirePermission(actor, "jobs:work");
  const db = await getDb();
  const scope =
    actor.role === "admin"
      ? undefined
      : sql`EXISTS (SELECT 1 FROM ${visitDevices} JOIN ${visits} ON ${visits.id} = ${visitDevices.visitId}
          WHERE ${visitDevices.deviceId} = ${devices.id} AND ${visits.technicianId} = ${actor.id})`;
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
  const [methods, stats] = [await loadMethods(db), await loadRecommendationStats(db, device)];
  return rankMethods({ ...device, hasConfigBackup: !!backup }, methods, stats);
}
