/**
 * After the time-zone journey: the rollups as the steps left them, compared
 * with a full recomputation (reports_rebuild, in a transaction rolled back),
 * table by table; and the engine's state. Run while no server holds an
 * embedded database:
 *   FAULTS_OUT=<json file> tsx --conditions=react-server e2e/support/timezone-check.ts
 */
import fs from "node:fs";
import { sql, TransactionRollbackError } from "drizzle-orm";
import { getDatabaseHandle } from "@/db/client";
import { queryRows } from "@/lib/reports/queries";
import { snapshotRollups } from "@/test/support/rollup-snapshot";

export type TimeZoneCheck = {
  /** Per derived table: its rows, and how many are only in the stepped rollups (extra) or only in the recomputation (missing). */
  tables: { table: string; rows: number; extra: number; missing: number }[];
  state: { fromTz: string; toTz: string; moving: boolean; pendingTz: string | null };
};

async function main() {
  const out = process.env.FAULTS_OUT;
  if (!out) throw new Error("set FAULTS_OUT");
  const handle = await getDatabaseHandle();
  const db = handle.db;
  const [state] = await queryRows<TimeZoneCheck["state"]>(
    db,
    sql`SELECT from_tz AS "fromTz", to_tz AS "toTz", cursor IS NOT NULL AS moving, pending_tz AS "pendingTz" FROM report_state WHERE id = 1`,
  );
  const stepped = await snapshotRollups(db);
  let rebuilt: Record<string, string[]> = {};
  try {
    await db.transaction(async (tx) => {
      await tx.execute(sql`SELECT reports_rebuild()`);
      rebuilt = await snapshotRollups(tx);
      tx.rollback();
    });
  } catch (err) {
    if (!(err instanceof TransactionRollbackError)) throw err;
  }
  const tables = Object.entries(stepped).map(([table, rows]) => {
    const mine = new Set(rows);
    const theirs = new Set(rebuilt[table] ?? []);
    return { table, rows: rows.length, extra: rows.filter((r) => !theirs.has(r)).length, missing: [...theirs].filter((r) => !mine.has(r)).length };
  });
  const result: TimeZoneCheck = { tables, state: state! };
  fs.writeFileSync(out, JSON.stringify(result));
  await handle.close();
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
