import { asc, desc, sql, type AnyColumn, type SQL } from "drizzle-orm";
import { z } from "zod";
import { ValidationError } from "@/lib/platform/errors";
import { SUPPORTED_YEARS } from "@/lib/availability/time";

/** `?limit=&cursor=` on every list endpoint. */
export const pageQuerySchema = z.object({
  limit: z.coerce.number().int("Use a whole number.").min(1, "Use at least 1.").max(100, "Use at most 100.").default(25),
  cursor: z.string().max(500).optional(),
});
export type PageQuery = z.output<typeof pageQuerySchema>;

export type Page<T> = { data: T[]; nextCursor: string | null };

type CursorValue = { k: string; id: string; /** Points backwards: the page before this row (Previous). */ back?: boolean };
/** What a list sorts by: a timestamp (most lists: oldest first) or text (e.g. names). */
export type SortKey = "timestamptz" | "text";
const TIMESTAMP_TEXT = /^(\d{4})-(\d{2})-(\d{2})[ T](\d{2}):(\d{2}):(\d{2})(\.\d{1,6})?(?:([+-])(\d{2})(?::?(\d{2}))?|Z)?$/;

/**
 * A timestamp as PostgreSQL prints it, that really exists and that the database can store: the shape is
 * not enough ("2026-13-45 99:99:99" has it), every field is checked, and the year is a supported one.
 */
export function isStorableTimestamp(k: string): boolean {
  const m = TIMESTAMP_TEXT.exec(k);
  if (!m) return false;
  const [y, mo, d, h, mi, s, , , oh, om] = m.slice(1).map((x) => (x === undefined ? undefined : Number(x)));
  if (y! < SUPPORTED_YEARS.min || y! > SUPPORTED_YEARS.max || mo! < 1 || mo! > 12 || h! > 23 || mi! > 59 || s! > 59) return false;
  if (d! < 1 || d! > new Date(Date.UTC(y!, mo!, 0)).getUTCDate()) return false;
  return (oh ?? 0) <= 15 && (om ?? 0) <= 59;
}

/**
 * An opaque cursor: the sort key (a timestamp as PostgreSQL prints it, so
 * microseconds survive, or a text key) and the id of the last row of the
 * previous page (or, pointing back, the first row of the next one).
 */
export function encodeCursor(v: CursorValue): string {
  return Buffer.from(JSON.stringify(v.back ? [v.k, v.id, "back"] : [v.k, v.id])).toString("base64url");
}

const badCursor = () => new ValidationError("The cursor is not valid; use nextCursor from a previous page.", { cursor: ["The cursor is not valid."] });

export function decodeCursor(cursor: string, key: SortKey = "timestamptz"): CursorValue {
  try {
    const [k, id, dir, ...rest] = JSON.parse(Buffer.from(cursor, "base64url").toString("utf8")) as unknown[];
    const keyOk = typeof k === "string" && (key === "text" ? k.length <= 1000 && !k.includes("\u0000") : isStorableTimestamp(k));
    if (keyOk && typeof id === "string" && /^[0-9a-f-]{36}$/i.test(id) && (dir === undefined || dir === "back") && rest.length === 0) {
      return dir === "back" ? { k: k as string, id, back: true } : { k: k as string, id };
    }
  } catch {
    // fall through
  }
  throw badCursor();
}

const cast = (key: SortKey) => (key === "text" ? sql`::text` : sql`::timestamptz`);

/** Rows after the cursor, in (sortColumn, id) order: keyset pagination, stable under inserts. Forward only. */
export function afterCursor(sortColumn: AnyColumn, idColumn: AnyColumn, cursor: string | undefined, key: SortKey = "timestamptz"): SQL | undefined {
  if (!cursor) return undefined;
  const c = decodeCursor(cursor, key);
  if (c.back) throw badCursor(); // this list only pages forward
  return sql`(${sortColumn}, ${idColumn}) > (${c.k}${cast(key)}, ${c.id}::uuid)`;
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

/**
 * Keyset pagination both ways, for lists with Previous and Next: the filter,
 * order and limit for this page's query, and `page(rows)` to turn the rows
 * (each with `_k`, the sort key) into the page with both cursors. `order`
 * "desc" lists newest (or last) first: Next then reads smaller keys.
 */
export function keyset(sortColumn: AnyColumn, idColumn: AnyColumn, page: PageQuery, key: SortKey = "timestamptz", order: "asc" | "desc" = "asc") {
  const c = page.cursor ? decodeCursor(page.cursor, key) : null;
  const back = !!c?.back;
  // Read upwards (ascending) when the list is ascending and we go forward, or descending and we go back.
  const up = (order === "asc") !== back;
  return {
    where: c ? sql`(${sortColumn}, ${idColumn}) ${up ? sql`>` : sql`<`} (${c.k}${cast(key)}, ${c.id}::uuid)` : undefined,
    orderBy: up ? [asc(sortColumn), asc(idColumn)] : [desc(sortColumn), desc(idColumn)],
    limit: page.limit + 1,
    page<T extends { id: string; _k: string }>(rows: T[]): Page<Omit<T, "_k">> & { prevCursor: string | null } {
      const more = rows.length > page.limit;
      const slice = rows.slice(0, page.limit);
      if (back) slice.reverse();
      const first = slice[0];
      const last = slice[slice.length - 1];
      // Going back, what follows is where we came from; going forward, what precedes is.
      const hasNext = back ? true : more;
      const hasPrev = back ? more : !!c;
      return {
        data: slice.map(({ _k, ...rest }) => rest),
        nextCursor: hasNext && last ? encodeCursor({ k: last._k, id: last.id }) : null,
        prevCursor: hasPrev && first ? encodeCursor({ k: first._k, id: first.id, back: true }) : null,
      };
    },
  };
}

/**
 * One page of a list, read from a link's cursor; a cursor that no longer reads (an old or
 * edited link) starts again from the first page, and `stale` says so (app/_ui/pager.tsx has
 * the note that tells the reader).
 */
export async function readPageOrFirst<T>(cursor: string | undefined, read: (cursor: string | undefined) => Promise<T>): Promise<{ page: T; stale: boolean }> {
  try {
    return { page: await read(cursor), stale: false };
  } catch (err) {
    if (!(err instanceof ValidationError) || !cursor) throw err;
    return { page: await read(undefined), stale: true };
  }
}
