import "server-only";
import { and, eq, inArray, isNull } from "drizzle-orm";
import type { Executor } from "@/db/client";
import { configBackups, type Brand, type DeviceKind, type RecoveryOptions } from "@/db/schema";
import { rankMethods, type RecStats, type TriedMethod } from "@/lib/reports/recommend";
import type { PlaybookMethod } from "./playbook";

/** Which of these devices have a (not deleted) configuration backup in the vault. */
export async function devicesWithConfigBackup(db: Executor, deviceIds: string[]): Promise<Set<string>> {
  if (deviceIds.length === 0) return new Set();
  const rows = await db
    .selectDistinct({ deviceId: configBackups.deviceId })
    .from(configBackups)
    .where(and(inArray(configBackups.deviceId, deviceIds), eq(configBackups.kind, "config"), isNull(configBackups.deletedAt)));
  return new Set(rows.map((r) => r.deviceId));
}

/**
 * The playbook order for one device from measured results of similar devices
 * (lib/reports/recommend.ts; `stats` from loadRecommendationStatsFor): a rank
 * per method and the reason to show. Callers have already checked the actor
 * may work this device.
 */
export function recommendationOrder(
  device: { brand: Brand; kind: DeviceKind; model: string | null; recoveryOptions: RecoveryOptions },
  methods: readonly PlaybookMethod[],
  hasConfigBackup: boolean,
  stats: RecStats,
  tried?: ReadonlyMap<string, TriedMethod>,
) {
  const ranked = rankMethods({ ...device, hasConfigBackup, tried }, [...methods], stats);
  return {
    rank: new Map(ranked.map((r) => [r.methodId, r.rank])),
    reasons: new Map(ranked.map((r) => [r.methodId, r.reason])),
    tried: new Map(ranked.filter((r) => r.tried).map((r) => [r.methodId, r.tried!])),
  };
}
