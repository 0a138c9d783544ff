/**
 * The report engine's derived tables as comparable snapshots. No test-runner
 * imports: the rollup property test and the time-zone journey's check
 * (e2e/support/timezone-check.ts) both compare the rollups with a full
 * recomputation through it.
 */
import { sql } from "drizzle-orm";
import type { Executor } from "@/db/client";
import { queryRows } from "@/lib/reports/queries";

/** Every derived table of the report engine (rollups and the facts as counted), by natural content. */
const ROLLUP_QUERIES: Record<string, string> = {
  report_cum: "SELECT row_to_json(r)::text AS j FROM report_cum r",
  report_weeks: "SELECT row_to_json(r)::text AS j FROM report_weeks r",
  report_attempts: "SELECT row_to_json(r)::text AS j FROM report_attempts r",
  report_visits: "SELECT row_to_json(r)::text AS j FROM report_visits r",
  report_vendor_cases: "SELECT row_to_json(r)::text AS j FROM report_vendor_cases r",
  report_device_first: "SELECT row_to_json(r)::text AS j FROM report_device_first r",
  report_device_profiles: "SELECT row_to_json(r)::text AS j FROM report_device_profiles r",
};

/** Every rollup table's rows as sorted JSON lines, to compare two states. */
export async function snapshotRollups(db: Executor): Promise<Record<string, string[]>> {
  const out: Record<string, string[]> = {};
  for (const [t, q] of Object.entries(ROLLUP_QUERIES)) {
    const rows = await queryRows<{ j: string }>(db, sql.raw(q));
    out[t] = rows.map((r) => r.j).sort();
  }
  return out;
}
