import { PGlite } from "@electric-sql/pglite";
import { sql } from "drizzle-orm";
import { drizzle } from "drizzle-orm/pglite";
import { describe, expect, it } from "vitest";
import { KEPT_AS_TEXT, openDatabase, withClientParsers } from "./client";

// Every type drizzle keeps as text, a few it does not, inside and outside a transaction.
const ROW = sql`SELECT
  timestamp '2026-03-08 02:30:00' AS ts, timestamptz '2026-11-01 01:30:00-04' AS tstz, interval '1 day 02:03:04' AS iv,
  date '2026-02-28' AS d, ARRAY[1.50, 2]::numeric[] AS nums, ARRAY[timestamp '2026-01-01 00:00']::timestamp[] AS tss,
  ARRAY[timestamptz '2026-01-01 00:00+00']::timestamptz[] AS tstzs, ARRAY[interval '5 minutes'] AS ivs,
  ARRAY[date '2026-01-01'] AS ds, 42::int AS n, 9007199254740993::bigint AS big, 'text'::text AS t, '{"a":1}'::jsonb AS j,
  true AS b, 1.25::numeric AS num`;

const rowsOf = async (result: Promise<unknown>) => ((await result) as { rows: Record<string, unknown>[] }).rows;

describe("PGlite with its parsers given once (db/client.ts withClientParsers)", () => {
  it("returns every row exactly as drizzle's driver does with its per-query parsers", async () => {
    const plain = await PGlite.create();
    const handle = await openDatabase({ dir: null });
    try {
      const before = drizzle(plain);
      const expected = await rowsOf(before.execute(ROW));
      const got = await rowsOf(handle.db.execute(ROW));
      expect(got).toEqual(expected);
      expect(got[0]).toMatchObject({ ts: "2026-03-08 02:30:00", d: "2026-02-28", iv: "1 day 02:03:04", nums: "{1.50,2}" });
      expect(await rowsOf(handle.db.transaction((tx) => tx.execute(ROW)))).toEqual(expected);
      expect(await rowsOf(handle.db.transaction((tx) => tx.transaction((sp) => sp.execute(ROW))))).toEqual(expected);
    } finally {
      await plain.close();
      await handle.close();
    }
  });

  it("drops drizzle's parsers from each query, keeps any others, and leaves the client's own methods working", async () => {
    const seen: unknown[] = [];
    const client = await PGlite.create();
    try {
      for (const oid of KEPT_AS_TEXT) client.parsers[oid] = (t: string) => t;
      const query = client.query.bind(client);
      client.query = ((q: string, params?: unknown[], options?: unknown) => (seen.push(options), query(q, params, options as never))) as typeof client.query;
      const db = drizzle(withClientParsers(client));
      await db.execute(sql`SELECT now()`);
      await db.transaction((tx) => tx.execute(sql`SELECT 1`));
      expect(seen[0]).toMatchObject({ rowMode: "object", parsers: undefined });
      const wrapped = withClientParsers(client);
      const other = { parsers: { 25: (t: string) => t.toUpperCase() } };
      expect((await wrapped.query<{ t: string }>("SELECT 'x'::text AS t", [], other)).rows).toEqual([{ t: "X" }]);
      expect(wrapped.closed).toBe(false);
      expect((await wrapped.exec("SELECT 1 AS one"))[0]!.rows).toEqual([{ one: 1 }]);
    } finally {
      await client.close();
    }
  });
});
