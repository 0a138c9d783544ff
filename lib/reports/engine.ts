/**
 * Running the rollup engine (db/migrations/*_reports_engine.sql): folding
 * pending changes, applying a time-zone change in short steps, and its state
 * for the page. See docs/reports.md.
 */
import "server-only";
import os from "node:os";
import { sql } from "drizzle-orm";
import type { Database, Executor } from "@/db/client";
import { pgError } from "@/lib/platform/errors";
import { letRequestsIn } from "@/lib/platform/background";
import { queryRows } from "./queries";

const anyPending = async (db: Executor) => !!(await queryRows<{ any: boolean }>(db, sql`SELECT EXISTS (SELECT 1 FROM report_deltas) AS any`))[0]?.any;
const compact = async (db: Executor, batch: number) => Number((await queryRows<{ n: number }>(db, sql`SELECT reports_compact(${batch}::int) AS n`))[0]?.n ?? 0);

/** Fold every pending change into the rollups (a no-op read when there is none). Returns how many were folded. */
export async function compactReports(db: Executor, batch = 50_000): Promise<number> {
  if (!(await anyPending(db))) return 0;
  let total = 0;
  for (;;) {
    const n = await compact(db, batch);
    total += n;
    if (n < batch) return total;
  }
}

/**
 * The background's fold: pending changes in batches sized to take about
 * `stepMs` each, until none is left or `budgetMs` has passed (at least one
 * batch). A change's cost ranges from a few ms (an attempt on today's visit)
 * to tens (one on a visit of last year changes that visit's figures for every
 * day since: 30-70 ms at 1,000,000 attempts), so the batch starts at 20 and
 * follows the time the last one took (at most 4× larger each time). Each
 * batch is one transaction; on the embedded database every request waits for
 * the one in progress, not for a whole burst (an import, a day synced at once).
 */
export async function foldInSteps(db: Executor, opts: { budgetMs: number; stepMs?: number }): Promise<{ folded: number; left: boolean; batches: number[] }> {
  const batches: number[] = [];
  if (!(await anyPending(db))) return { folded: 0, left: false, batches };
  const started = performance.now();
  let batch = 20;
  let folded = 0;
  for (;;) {
    const t = performance.now();
    const n = await compact(db, batch);
    batches.push(batch);
    folded += n;
    if (n < batch) return { folded, left: false, batches };
    if (performance.now() - started >= opts.budgetMs) return { folded, left: true, batches };
    batch = Math.max(1, Math.min(batch * 4, Math.round((batch * (opts.stepMs ?? 200)) / Math.max(1, performance.now() - t))));
    await letRequestsIn();
  }
}

/**
 * A load of many facts in one transaction (the demo): the triggers record no
 * change per row, and one rebuild at the end computes what they would have.
 * Folding the demo's ~4,300 changes one by one took 38 s on PGlite, all of it
 * on the first report read (or the server's first background run) after it.
 */
export async function loadInBulk<T>(tx: Executor, load: () => Promise<T>): Promise<T> {
  await tx.execute(sql`SET LOCAL fieldkey.reports_bulk = 'on'`);
  const out = await load();
  await tx.execute(sql`SET LOCAL fieldkey.reports_bulk = 'off'`);
  await tx.execute(sql`SELECT reports_rebuild()`);
  return out;
}

export const INSTANCE = `${os.hostname()}:${process.pid}`;

/**
 * The folding's scratch tables and the change log are emptied with DELETE by
 * every fold, and the embedded database (PGlite, one process) has no
 * autovacuum: their dead rows were never reclaimed, and each fold scans the
 * scratch tables whole (empty, report_stage_cum had grown to 130 MB over a
 * time-zone move at 1,000,000 attempts, a step then took 100-200 ms more).
 * Past 1 MB, a plain VACUUM reclaims them and truncates the empty file (a few
 * ms at that size). On PostgreSQL autovacuum keeps them small, so this rarely
 * runs; SKIP_LOCKED leaves a table another instance is vacuuming.
 */
const SCRATCH = ["report_stage_facts", "report_stage_cum", "report_deltas"] as const;
export async function tidyScratch(db: Database, overBytes = 1 << 20): Promise<string[]> {
  const big = await queryRows<{ name: string }>(
    db,
    sql`SELECT c.relname AS name FROM pg_class c
      WHERE c.relnamespace = 'public'::regnamespace AND c.relname IN (${sql.join(
        SCRATCH.map((t) => sql`${t}`),
        sql`, `,
      )}) AND pg_relation_size(c.oid) > ${overBytes}`,
  );
  for (const t of big) await db.execute(sql`VACUUM (SKIP_LOCKED) ${sql.identifier(t.name)}`);
  return big.map((t) => t.name);
}

/**
 * One step of a time-zone change: up to the `maxRows`-th fact whose local
 * day changes (its cost is folding those), looking at most 10 × `maxRows`
 * facts of each kind ahead (migration 0023). On PGlite at 1,000,000
 * attempts a step of 20 moved facts took 200-600 ms (the longest of 200:
 * 941 ms), of 40 up to 1.1 s. In a REPEATABLE READ transaction so that
 * the changes it folds and the facts it moves are the same moment. Returns
 * true while there is more to do. A step that meets a concurrent one
 * (serialization failure) is simply retried later.
 */
export async function migrateStep(db: Database, maxRows = 20, who = INSTANCE): Promise<boolean> {
  let more: boolean;
  try {
    more = await db.transaction(
      async (tx) => {
        const [r] = await queryRows<{ more: boolean }>(tx, sql`SELECT reports_migrate_step(${maxRows}::int, ${who}) AS more`);
        return !!r?.more;
      },
      { isolationLevel: "repeatable read" },
    );
  } catch (err) {
    if (pgError(err)?.code === "40001") return true;
    throw err;
  }
  await tidyScratch(db);
  return more;
}

/**
 * What a request folds before it reads the rollups: pending changes for up to
 * 2 s, in the background's batches, so that after a burst (an office correcting
 * old visits, a device edited with a long history) a page waits at most that
 * long, and on the embedded database so does every other request. What is
 * left the background folds within seconds; the reports page says how many
 * changes its figures do not hold yet (`RollupStatus.pending`).
 */
export const REQUEST_FOLD_MS = 2_000;
export const foldForRequest = (db: Executor) => foldInSteps(db, { budgetMs: REQUEST_FOLD_MS });

/** Fold pending changes, then advance a time-zone change, for up to `budgetMs` in all. Returns the steps taken. */
export async function runReportsWork(db: Database, opts: { budgetMs?: number; maxRows?: number } = {}) {
  const started = performance.now();
  // changes left means the budget is spent: no step (it would fold the rest at once), the next run goes on
  await foldInSteps(db, { budgetMs: opts.budgetMs ?? 800 });
  await tidyScratch(db);
  let steps = 0;
  while (performance.now() - started < (opts.budgetMs ?? 800)) {
    steps++;
    if (!(await migrateStep(db, opts.maxRows))) break;
    await letRequestsIn();
  }
  return steps;
}

/** Run a time-zone change to its end now (tests, scripts). */
export async function finishMigration(db: Database, maxRows = 20_000) {
  let steps = 0;
  while (await migrateStep(db, maxRows)) steps++;
  return steps;
}

export type RollupStatus = {
  /** The zone the figures use (the old one while a change is applied). */
  timeZone: string;
  /** Changes written but not folded into the figures yet (a burst the background is still folding). */
  pending: number;
  change: null | {
    from: string;
    to: string;
    /** 0..1, share of the history's span already moved to the new zone. */
    progress: number;
    startedAt: string | null;
    updatedAt: string | null;
    /** Set again while this change was being applied: applied next. */
    next: string | null;
  };
};

export async function rollupStatus(db: Executor): Promise<RollupStatus> {
  const [s] = await queryRows<{
    from_tz: string;
    to_tz: string;
    migrating: boolean;
    progress: number | null;
    started_at: string | null;
    updated_at: string | null;
    pending_tz: string | null;
    pending: number;
  }>(
    db,
    sql`SELECT from_tz, to_tz, cursor IS NOT NULL AS migrating, pending_tz, (SELECT count(*) FROM report_deltas)::int AS pending,
          to_char(started_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS"Z"') AS started_at,
          to_char(updated_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS"Z"') AS updated_at,
          CASE WHEN cursor IS NULL THEN NULL
               WHEN cursor = '-infinity' OR lo IS NULL OR hi IS NULL OR hi <= lo THEN 0
               ELSE least(1, greatest(0, extract(epoch FROM cursor - lo) / extract(epoch FROM hi - lo))) END::float8 AS progress
        FROM report_state WHERE id = 1`,
  );
  if (!s) return { timeZone: "America/New_York", pending: 0, change: null };
  const pending = Number(s.pending);
  if (!s.migrating) return { timeZone: s.to_tz, pending, change: null };
  return {
    timeZone: s.from_tz,
    pending,
    change: { from: s.from_tz, to: s.to_tz, progress: Number(s.progress ?? 0), startedAt: s.started_at, updatedAt: s.updated_at, next: s.pending_tz },
  };
}
