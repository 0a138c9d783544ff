/**
 * What autovacuum does on a PostgreSQL server, for the embedded database:
 * PGlite runs PostgreSQL in this one process, without its autovacuum worker,
 * so rows deleted or updated there were never reclaimed (their space reused)
 * and the planner's statistics stayed those of the last migration, however
 * much a table grew. With autovacuum's own default thresholds, a table is
 *   vacuumed   once its dead rows pass 50 + 20 % of its rows, once the rows
 *              inserted since its last vacuum pass 1,000 + 20 % (the
 *              visibility map index-only scans read), or once its oldest
 *              transaction id is older than autovacuum_freeze_max_age;
 *   analyzed   once the rows changed since its last analyze pass 50 + 10 %.
 * The worst table first (the most times over its threshold), then the next
 * while the run's budget lasts. A VACUUM holds the one connection every
 * request shares: each pass over a table costs what changed since the last
 * (the pages whose rows all stayed visible are skipped), and thresholds in
 * proportion to the table keep that a fraction of the table.
 *
 * PGlite keeps a transaction's table counters in the process until it flushes
 * them; `pg_stat_force_next_flush()` makes the next statement flush them, or
 * pg_stat_user_tables reads 0 dead rows for ever. Nor does it keep them across
 * a restart (they start at 0 in each process): the dead rows of before would
 * wait for new ones to cross a threshold. So a table with pages that this
 * process has not vacuumed yet is due once too, after those over a threshold,
 * the smallest first; its pages whose rows all stayed visible since its last
 * vacuum are skipped (the visibility map), so that pass costs what changed.
 */
import "server-only";
import { sql } from "drizzle-orm";
import { queryRows, type Database, type DatabaseHandle } from "@/db/client";
import { letRequestsIn } from "./background";

export type Maintained = { table: string; action: "vacuum" | "analyze"; ms: number };

type Due = { table: string; vacuum: boolean; analyze: boolean };

/** The tables over a threshold, the worst first. */
export async function dueTables(db: Database): Promise<Due[]> {
  await db.execute(sql`SELECT pg_stat_force_next_flush()`);
  return queryRows<Due>(
    db,
    sql`
    WITH t AS (
      SELECT s.relname AS name, greatest(c.reltuples, 0) AS n, pg_relation_size(c.oid) AS size,
        s.n_dead_tup AS dead, s.n_ins_since_vacuum AS ins, s.n_mod_since_analyze AS mod,
        age(c.relfrozenxid)::float8 / current_setting('autovacuum_freeze_max_age')::float8 AS wrap,
        s.last_vacuum IS NULL AND s.last_autovacuum IS NULL AS unswept
      FROM pg_stat_user_tables s JOIN pg_class c ON c.oid = s.relid
      WHERE s.schemaname = 'public'
    ), r AS (
      SELECT name, size, greatest(dead / (50 + 0.2 * n), ins / (1000 + 0.2 * n), wrap, CASE WHEN unswept AND size > 0 THEN 1.0001 ELSE 0 END) AS v,
        mod / (50 + 0.1 * n) AS a
      FROM t
    )
    SELECT name AS table, v > 1 AS vacuum, a > 1 AS analyze FROM r WHERE v > 1 OR a > 1 ORDER BY greatest(v, a) DESC, size, name
  `,
  );
}

/**
 * Vacuum (and analyze) or analyze the tables that are due, the worst first, until `budgetMs` has passed (at least
 * one). SKIP_LOCKED passes a table something else holds. Returns what it did.
 */
export async function maintainEmbedded(db: Database, opts: { budgetMs?: number } = {}): Promise<Maintained[]> {
  const started = performance.now();
  const done: Maintained[] = [];
  for (const t of await dueTables(db)) {
    if (done.length && performance.now() - started >= (opts.budgetMs ?? 500)) break;
    const t0 = performance.now();
    const name = sql.identifier(t.table);
    await db.execute(t.vacuum ? sql`VACUUM (ANALYZE, SKIP_LOCKED) ${name}` : sql`ANALYZE (SKIP_LOCKED) ${name}`);
    done.push({ table: t.table, action: t.vacuum ? "vacuum" : "analyze", ms: Math.round(performance.now() - t0) });
    await letRequestsIn();
  }
  return done;
}

/** The background job's run: on the embedded database only (a PostgreSQL server's autovacuum does this there). */
export async function runEmbeddedMaintenance(handle: DatabaseHandle): Promise<Maintained[] | null> {
  if (handle.kind !== "pglite") return null;
  const done = await maintainEmbedded(handle.db);
  for (const d of done) if (d.ms > 1_000) console.warn(`[fieldkey] embedded database: ${d.action} of ${d.table} took ${d.ms} ms (every request waited for it)`);
  return done;
}
