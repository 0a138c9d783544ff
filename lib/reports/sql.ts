/** Small SQL helpers the report queries share (and billing's, for queryRows and likePattern). */
import { sql, type SQL } from "drizzle-orm";
import type { Executor } from "@/db/client";
import { RECOVERY_OPTIONS } from "@/lib/values";

/** Rows of a raw query, whichever driver (postgres.js returns an array, PGlite `{ rows }`). */
export async function queryRows<T>(db: Executor, q: SQL): Promise<T[]> {
  const r = (await db.execute(q)) as unknown;
  return (Array.isArray(r) ? r : (r as { rows: T[] }).rows) as T[];
}

/** Conditions joined by AND (`true` when there are none). */
export const allOf = (conds: SQL[]) => (conds.length ? sql.join(conds, sql` AND `) : sql`true`);
/** Values as a comma-separated SQL list. */
export const list = (xs: readonly string[]) =>
  sql.join(
    xs.map((x) => sql`${x}`),
    sql`, `,
  );
export const likePattern = (text: string) => `%${text.replace(/[\\%_]/g, "\\$&")}%`;
export const optionBit = (o: string) => 1 << RECOVERY_OPTIONS.indexOf(o as (typeof RECOVERY_OPTIONS)[number]);
