/**
 * The embedded database's stand-in for autovacuum (lib/platform/embedded-maintenance.ts): a table is due once
 * autovacuum's own thresholds say so, is vacuumed then (its dead rows reclaimed, an emptied file truncated) or
 * analyzed, and the background job does it on PGlite only. The thresholds and the vacuum run on both databases.
 */
import { sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { getDatabaseHandle, queryRows, type Database, type DatabaseHandle } from "@/db/client";
import { dueTables, maintainEmbedded, runEmbeddedMaintenance } from "./embedded-maintenance";

let handle: DatabaseHandle;
let db: Database;
const T = "maintenance_probe";

const stats = async () =>
  (
    await queryRows<{ dead: number; reltuples: number; size: number; vacuumed: boolean }>(
      db,
      sql`SELECT s.n_dead_tup::int AS dead, c.reltuples::int AS reltuples, pg_relation_size(c.oid)::int AS size,
        (s.last_vacuum IS NOT NULL) AS vacuumed
      FROM pg_stat_user_tables s JOIN pg_class c ON c.oid = s.relid WHERE s.relname = ${T}`,
    )
  )[0]!;
/** The probe's entry in dueTables. A PostgreSQL server flushes a connection's counters within a second of idling. */
const due = async (expectDue: boolean) => {
  for (let i = 0; ; i++) {
    const entry = (await dueTables(db)).find((t) => t.table === T);
    if (!!entry === expectDue || handle.kind === "pglite" || i >= 30) return entry;
    await new Promise((r) => setTimeout(r, 100));
  }
};

beforeAll(async () => {
  handle = await getDatabaseHandle();
  db = handle.db;
  // (on a PostgreSQL server, out of autovacuum's way)
  await db.execute(sql`CREATE TABLE maintenance_probe (id int PRIMARY KEY, note text NOT NULL) WITH (autovacuum_enabled = false)`);
  await db.execute(sql`INSERT INTO maintenance_probe SELECT g, repeat('x', 200) FROM generate_series(1, 1000) g`);
  await db.execute(sql`SELECT pg_stat_force_next_flush()`); // the insert's counters before the analyze that resets them
  await db.execute(sql`VACUUM (ANALYZE) maintenance_probe`);
});
afterAll(async () => db.execute(sql`DROP TABLE IF EXISTS maintenance_probe`));

describe("the embedded database's vacuum and analyze", () => {
  it("is due by autovacuum's thresholds: dead rows over 50 + 20 % of the rows, changed rows over 50 + 10 %", async () => {
    expect((await stats()).reltuples).toBe(1000);
    await db.execute(sql`UPDATE maintenance_probe SET note = 'y' WHERE id <= 120`);
    // 120 changed rows: under 50 + 100 for analyze, 120 dead under 50 + 200 for vacuum
    expect(await due(false)).toBeUndefined();
    await db.execute(sql`UPDATE maintenance_probe SET note = 'z' WHERE id > 120 AND id <= 170`);
    // 170 changed rows: over 150, analyze only (170 dead, under 250)
    expect(await due(true)).toEqual({ table: T, vacuum: false, analyze: true });
    expect((await maintainEmbedded(db, { budgetMs: 60_000 })).find((d) => d.table === T)).toMatchObject({ action: "analyze" });
    expect(await due(false)).toBeUndefined();
    await db.execute(sql`DELETE FROM maintenance_probe WHERE id > 900`);
    // 270 dead: over 250, a vacuum (100 changed since the analyze: under 150)
    expect(await due(true)).toEqual({ table: T, vacuum: true, analyze: false });
  });

  it("vacuums the due tables: dead rows reclaimed, an emptied file truncated, then not due", async () => {
    await db.execute(sql`DELETE FROM maintenance_probe`);
    await due(true);
    const before = await stats();
    expect(before.size).toBeGreaterThan(100_000);
    const done = await maintainEmbedded(db, { budgetMs: 60_000 });
    expect(done.find((d) => d.table === T)).toMatchObject({ table: T, action: "vacuum" });
    const after = await stats();
    expect(after).toMatchObject({ dead: 0, reltuples: 0, size: 0, vacuumed: true });
    expect(await due(false)).toBeUndefined();
  });

  it("vacuums once a table this process has not vacuumed yet (the counters start at 0 in each process), after those over a threshold", async () => {
    await db.execute(sql`CREATE TABLE maintenance_fresh (id int PRIMARY KEY) WITH (autovacuum_enabled = false)`);
    try {
      await db.execute(sql`INSERT INTO maintenance_fresh SELECT generate_series(1, 10)`);
      await db.execute(sql`INSERT INTO maintenance_probe SELECT g, 'n' FROM generate_series(1, 400) g`);
      await db.execute(sql`DELETE FROM maintenance_probe WHERE id <= 300`); // 300 dead: over its threshold
      const names = async () => (await dueTables(db)).map((t) => t.table);
      for (let i = 0; i < 30 && !(await names()).includes(T); i++) await new Promise((r) => setTimeout(r, 100));
      const order = await names();
      expect(order).toContain("maintenance_fresh");
      expect(order.indexOf(T)).toBeLessThan(order.indexOf("maintenance_fresh"));
      await maintainEmbedded(db, { budgetMs: 60_000 });
      expect(await names()).not.toContain("maintenance_fresh");
    } finally {
      await db.execute(sql`DROP TABLE maintenance_fresh`);
    }
  });

  it("runs as a background job on the embedded database only", async () => {
    await db.execute(sql`INSERT INTO maintenance_probe SELECT g, 'n' FROM generate_series(1001, 1400) g`);
    await db.execute(sql`DELETE FROM maintenance_probe WHERE id BETWEEN 1001 AND 1300`);
    await due(true);
    const done = await runEmbeddedMaintenance(handle);
    if (handle.kind === "postgres") {
      // a PostgreSQL server's autovacuum does this: the job leaves it alone
      expect(done).toBeNull();
      expect((await stats()).dead).toBe(300);
    } else {
      expect(done?.map((d) => d.table)).toContain(T);
      expect((await stats()).dead).toBe(0);
    }
  });
});
