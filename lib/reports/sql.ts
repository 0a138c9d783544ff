/** Small SQL helpers the report queries share (and billing's, for likePattern). */
import { sql, type SQL } from "drizzle-orm";
import { RECOVERY_OPTIONS } from "@/lib/values";

export { queryRows } from "@/db/client";

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
