/**
 * Row counts of every table in the public schema, for the bad-input suites:
 * a refused input must leave every count unchanged.
 *
 * Counting ~35 tables after each of 10,000 inputs is most of the suites' time,
 * so `RowCountWatch` adds a fast path: a statement trigger on every table
 * bumps one counter row on INSERT, DELETE or TRUNCATE. The bump is part of the
 * writing transaction, so it is rolled back with it. While the counter has not
 * moved, no statement that could change a row count has committed and the
 * counts are unchanged; as soon as it moves, every table is counted again
 * (one query) and compared table by table.
 */
import { sql } from "drizzle-orm";
import { getDb } from "@/db/client";

/**
 * Bookkeeping that refused requests are meant to write: the rate-limit
 * buckets count every request, refused ones included (that is their job), and
 * a refused field write is stored so a replay gets the same answer
 * (test/fuzz/field-writes.test.ts checks it is one row at most).
 */
export const COUNTED_ON_REFUSAL = new Set(["rate_limit_buckets", "field_writes"]);
const COUNTER = "fuzz_write_counter";

export type RowCounts = Record<string, number>;

type Rows<T> = { rows?: T[] } | T[];
const rowsOf = <T>(res: unknown): T[] => (Array.isArray(res) ? (res as T[]) : ((res as Rows<T> & { rows?: T[] }).rows ?? []));

async function tableNames(): Promise<string[]> {
  const db = await getDb();
  const res = await db.execute(
    sql`select table_name as name from information_schema.tables where table_schema = 'public' and table_type = 'BASE TABLE' order by table_name`,
  );
  const names = rowsOf<{ name: string }>(res)
    .map((r) => r.name)
    .filter((n) => !COUNTED_ON_REFUSAL.has(n) && n !== COUNTER && !n.startsWith("__drizzle"));
  if (names.length < 10) throw new Error(`expected the app's tables, found ${names.join(", ")}`);
  return names;
}

/** { table: count } for every table, in one query. */
export async function rowCounts(names?: string[]): Promise<RowCounts> {
  const tables = names ?? (await tableNames());
  const db = await getDb();
  const res = await db.execute(sql.raw("select " + tables.map((n) => `(select count(*) from "${n}")::int as "${n}"`).join(", ")));
  const row = rowsOf<RowCounts>(res)[0];
  if (!row) throw new Error("row counts: no row");
  return Object.fromEntries(Object.entries(row).map(([k, v]) => [k, Number(v)]));
}

/** The tables whose counts differ, as "table: before -> after" (empty when equal). */
export function countChanges(before: RowCounts, after: RowCounts): string[] {
  const names = new Set([...Object.keys(before), ...Object.keys(after)]);
  return [...names].filter((n) => before[n] !== after[n]).map((n) => `${n}: ${before[n]} -> ${after[n]}`);
}

export class RowCountWatch {
  private names: string[] = [];
  private baseline: RowCounts = {};
  private lastWrites = -1;
  /** How many times every table was counted (the fast path was not enough). */
  fullCounts = 0;

  /** Put the write counter and its triggers in place (test databases only), and take the first counts. */
  async install() {
    this.names = await tableNames();
    const db = await getDb();
    await db.execute(sql.raw(`create table if not exists ${COUNTER} (n bigint not null)`));
    await db.execute(sql.raw(`insert into ${COUNTER} select 0 where not exists (select 1 from ${COUNTER})`));
    await db.execute(
      sql.raw(`create or replace function ${COUNTER}_bump() returns trigger language plpgsql as $$ begin update ${COUNTER} set n = n + 1; return null; end $$`),
    );
    for (const n of this.names) {
      await db.execute(sql.raw(`drop trigger if exists ${COUNTER}_t on "${n}"`));
      await db.execute(
        sql.raw(`create trigger ${COUNTER}_t after insert or delete or truncate on "${n}" for each statement execute function ${COUNTER}_bump()`),
      );
    }
    await this.reset();
  }

  private async writes(): Promise<number> {
    const db = await getDb();
    return Number(rowsOf<{ n: string | number }>(await db.execute(sql.raw(`select n from ${COUNTER}`)))[0]?.n ?? -1);
  }

  /** Take the current counts as the baseline. */
  async reset() {
    this.lastWrites = await this.writes();
    this.baseline = await rowCounts(this.names);
    this.fullCounts++;
  }

  /** Count changes since the last call ("table: before -> after"), then move the baseline to now. */
  async changes(): Promise<string[]> {
    const n = await this.writes();
    if (n === this.lastWrites) return [];
    const after = await rowCounts(this.names);
    this.fullCounts++;
    const changed = countChanges(this.baseline, after);
    this.baseline = after;
    this.lastWrites = n;
    return changed;
  }
}
