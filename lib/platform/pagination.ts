import { sql, type AnyColumn, type SQL } from "drizzle-orm";
import { z } from "zod";
import { ValidationError } from "@/lib/platform/errors";

/** `?limit=&cursor=` on every list endpoint. */
export const pageQuerySchema = z.object({
  limit: z.coerce.number().int("Use a whole number.").min(1, "Use at least 1.").max(100, "Use at most 100.").default(25),
  cursor: z.string().max(500).optional(),
});
export type PageQuery = z.output<typeof pageQuerySchema>;

export type Page<T> = { data: T[]; nextCursor: string | null };

type CursorValue = { k: string; id: string };
const TIMESTAMP_TEXT = /^\d{4}-\d{2}-\d{2}[ T]\d{2}:\d{2}:\d{2}(\.\d{1,6})?([+-]\d{2}(:?\d{2})?|Z)?$/;

/**
 * An opaque cursor: the sort key (a timestamp as PostgreSQL prints it, so
 * microseconds survive) and the id of the last row of the previous page.
 */
export function encodeCursor(v: CursorValue): string {
  return Buffer.from(JSON.stringify([v.k, v.id])).toString("base64url");
}

export function decodeCursor(cursor: string): CursorValue {
  try {
    const [k, id] = JSON.parse(Buffer.from(cursor, "base64url").toString("utf8")) as unknown[];
    if (typeof k === "string" && typeof id === "string" && /^[0-9a-f-]{36}$/i.test(id) && TIMESTAMP_TEXT.test(k)) return { k, id };
  } catch {
    // fall through
  }
  throw new ValidationError("The cursor is not valid; use nextCursor from a previous page.", { cursor: ["The cursor is not valid."] });
}

/** Rows after the cursor, in (sortColumn, id) order: keyset pagination, stable under inserts. */
export function afterCursor(sortColumn: AnyColumn, idColumn: AnyColumn, cursor: string | undefined): SQL | undefined {
  if (!cursor) return undefined;
  const c = decodeCursor(cursor);
  return sql`(${sortColumn}, ${idColumn}) > (${c.k}::timestamptz, ${c.id}::uuid)`;
}

/** The sort key to select beside each row, for its cursor. */
export const cursorKey = (sortColumn: AnyColumn) => sql<string>`${sortColumn}::text`;

/** Given limit + 1 rows (each with `_k`, the sort key), the page and the cursor to the next one. */
export function toPage<T extends { id: string; _k: string }>(rows: T[], limit: number): Page<Omit<T, "_k">> {
  const more = rows.length > limit;
  const slice = rows.slice(0, limit);
  const last = slice[slice.length - 1];
  return {
    data: slice.map(({ _k, ...rest }) => rest),
    nextCursor: more && last ? encodeCursor({ k: last._k, id: last.id }) : null,
  };
}
