/**
 * Row counts of every table in the public schema, in one query, for the
 * bad-input suites: a refused input must leave every count unchanged.
 */
import { sql } from "drizzle-orm";
import { getDb } from "@/db/client";

/**
 * Bookkeeping that refused requests are meant to write: the rate-limit
 * buckets count every request, refused ones included (that is their job).
 */
export const COUNTED_ON_REFUSAL = new Set(["rate_limit_buckets"]);

let query: string | undefined;

async function buildQuery() {
  const db = await getDb();
  const rows = (await db.execute(
    sql`select table_name as name from information_schema.tables where table_schema = 'public' and table_type = 'BASE TABLE' order by table_name`,
  )) as unknown as { rows?: { name: string }[] } | { name: string }[];
  const names = (Array.isArray(rows) ? rows : (rows.rows ?? [])).map((r) => r.name).filter((n) => !COUNTED_ON_REFUSAL.has(n) && !n.startsWith("__drizzle"));
  if (names.length < 10) throw new Error(`expected the app's tables, found ${names.join(", ")}`);
  return "select " + names.map((n) => `(select count(*) from "${n}")::int as "${n}"`).join(", ");
}

export type RowCounts = Record<string, number>;

/** { table: count } for every table (one round trip). */
export async function rowCounts(): Promise<RowCounts> {
  query ??= await buildQuery();
  const db = await getDb();
  const res = (await db.execute(sql.raw(query))) as unknown as { rows?: RowCounts[] } | RowCounts[];
  const row = Array.isArray(res) ? res[0] : res.rows?.[0];
  if (!row) throw new Error("row counts: no row");
  return Object.fromEntries(Object.entries(row).map(([k, v]) => [k, Number(v)]));
}

/** The tables whose counts differ, as "table: before -> after" (empty when equal). */
export function countChanges(before: RowCounts, after: RowCounts): string[] {
  const names = new Set([...Object.keys(before), ...Object.keys(after)]);
  return [...names].filter((n) => before[n] !== after[n]).map((n) => `${n}: ${before[n]} -> ${after[n]}`);
}
