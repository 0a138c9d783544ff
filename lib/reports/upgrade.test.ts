/**
 * Upgrading a database that already has report history: migration 0021 adds
 * firmware device keys ('f<id>') and fills their rollups from the facts as
 * counted. After it the rollups must equal a full recomputation, including
 * changes that were still pending (not yet folded) when the upgrade ran, and
 * later writes must keep them equal. On the database the suite runs against
 * (a fresh database on the server, or an in-memory PGlite).
 */
import { randomBytes } from "node:crypto";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { sql, TransactionRollbackError } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { openDatabase, type DatabaseHandle } from "@/db/client";
import { MIGRATIONS_FOLDER } from "@/db/migrate";
import { seedReferenceData } from "@/db/seed/reference";
import { seedSyntheticHistory } from "@/bench/support/synthetic";
import { adminUrl, withDatabase } from "@/test/harness/databases";
import { snapshotRollups } from "@/test/support/reports";
import { queryRows } from "./queries";

const BEFORE = "0020_field_job_versions"; // the last migration before firmware keys

let handle: DatabaseHandle;
let drop = async () => {};
const tmp = fs.mkdtempSync(path.join(os.tmpdir(), "fieldkey-upgrade-"));

/** A copy of the migrations folder whose journal ends at `last`. */
function migrationsUpTo(last: string): string {
  const dir = path.join(tmp, last);
  fs.cpSync(MIGRATIONS_FOLDER, dir, { recursive: true });
  const journalPath = path.join(dir, "meta", "_journal.json");
  const journal = JSON.parse(fs.readFileSync(journalPath, "utf8")) as { entries: { tag: string }[] };
  const end = journal.entries.findIndex((e) => e.tag === last);
  if (end < 0) throw new Error(`no migration ${last}`);
  journal.entries = journal.entries.slice(0, end + 1);
  fs.writeFileSync(journalPath, JSON.stringify(journal));
  return dir;
}

async function migrate(folder: string) {
  if (handle.kind === "pglite") {
    const { migrate: run } = await import("drizzle-orm/pglite/migrator");
    await run(handle.db as never, { migrationsFolder: folder });
  } else {
    const { migrate: run } = await import("drizzle-orm/postgres-js/migrator");
    await run(handle.db as never, { migrationsFolder: folder });
  }
}

beforeAll(async () => {
  const url = process.env.DATABASE_URL;
  if (url) {
    const { default: postgres } = await import("postgres");
    const name = `fieldkey_upgrade_${randomBytes(5).toString("hex")}`;
    const admin = postgres(adminUrl(url), { max: 1, onnotice: () => {} });
    await admin.unsafe(`CREATE DATABASE ${name}`);
    await admin.end();
    handle = await openDatabase({ url: withDatabase(url, name), max: 2 });
    drop = async () => {
      const a = postgres(adminUrl(url), { max: 1, onnotice: () => {} });
      await a.unsafe(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`).catch(() => {});
      await a.end();
    };
  } else {
    handle = await openDatabase({ dir: null });
  }
}, 60_000);

afterAll(async () => {
  await handle?.close();
  await drop();
  fs.rmSync(tmp, { recursive: true, force: true });
});

const rebuiltSnapshot = async () => {
  // a full recomputation, inside a transaction that is rolled back
  let snap: Record<string, string[]> = {};
  await handle.db
    .transaction(async (tx) => {
      await tx.execute(sql`SELECT reports_rebuild()`);
      snap = await snapshotRollups(tx);
      tx.rollback();
    })
    .catch((e: unknown) => {
      if (!(e instanceof TransactionRollbackError)) throw e;
    });
  return snap;
};
const folded = async () => {
  await handle.db.execute(sql`SELECT reports_compact()`);
  return snapshotRollups(handle.db);
};

describe("upgrading report history to firmware keys (migration 0021)", () => {
  it("fills the new keys so the rollups equal a full recomputation, pending changes included", async () => {
    await migrate(migrationsUpTo(BEFORE));
    await seedReferenceData(handle.db);
    await seedSyntheticHistory(handle.db, { attempts: 400, technicians: 3, months: 6 });
    // changes logged but not yet folded when the upgrade runs
    await handle.db.execute(sql`UPDATE attempts SET outcome = 'failed' WHERE id IN (SELECT id FROM attempts WHERE outcome = 'succeeded' ORDER BY id LIMIT 7)`);
    await handle.db.execute(sql`UPDATE devices SET firmware = 'V4.99.001' WHERE id IN (SELECT id FROM devices WHERE brand = 'hikvision' ORDER BY id LIMIT 5)`);
    const [{ pending }] = (await queryRows<{ pending: number }>(handle.db, sql`SELECT count(*)::int AS pending FROM report_deltas`)) as [{ pending: number }];
    expect(pending).toBeGreaterThan(0);
    const [{ before }] = (await queryRows<{ before: number }>(handle.db, sql`SELECT count(*)::int AS before FROM report_devkeys WHERE attr LIKE 'f%'`)) as [
      { before: number },
    ];
    expect(before).toBe(0);

    await migrate(MIGRATIONS_FOLDER);

    const [filled] = await queryRows<{ keys: number; rows: number }>(
      handle.db,
      sql`SELECT count(DISTINCT d.id)::int AS keys, count(c.*)::int AS rows
            FROM report_devkeys d JOIN report_keys k ON k.devkey = d.id JOIN report_cum c ON c.key = k.id WHERE d.attr LIKE 'f%'`,
    );
    expect(filled!.keys).toBeGreaterThan(0);
    expect(filled!.rows).toBeGreaterThan(0);
    expect(await folded()).toEqual(await rebuiltSnapshot());

    // later writes keep them equal
    await handle.db.execute(sql`UPDATE attempts SET outcome = 'succeeded' WHERE id IN (SELECT id FROM attempts WHERE outcome = 'failed' ORDER BY id LIMIT 5)`);
    await handle.db.execute(sql`UPDATE devices SET firmware = 'v2.800' WHERE id IN (SELECT id FROM devices WHERE brand = 'dahua' ORDER BY id DESC LIMIT 4)`);
    expect(await folded()).toEqual(await rebuiltSnapshot());
  }, 120_000);
});
