/**
 * The rollup engine's housekeeping (lib/reports/engine.ts, migration 0023):
 * a time-zone step is bounded by the facts whose local day changes, not by
 * the facts it looks at; and the folding's scratch tables, emptied by DELETE
 * on every fold, are vacuumed once they pass 1 MB (the embedded database has
 * no autovacuum).
 */
import fs from "node:fs";
import { sql } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import { getDb, type Database } from "@/db/client";
import { makeDevice, makeUser, makeVisit } from "@/test/support/factories";
import { addAttempt } from "@/test/support/reports";
import { loadReport } from "./data";
import { finishMigration, foldInSteps, migrateStep, rollupStatus, runReportsWork, tidyScratch } from "./engine";
import { queryRows } from "./queries";

let db: Database;
const setZone = (zone: string) =>
  db.execute(sql`INSERT INTO settings (key, value) VALUES ('timeZone', to_jsonb(${zone}::text))
    ON CONFLICT (key) DO UPDATE SET value = EXCLUDED.value`);
const state = async () =>
  (await queryRows<{ cursor: string | null; from_tz: string; to_tz: string }>(db, sql`SELECT cursor::text, from_tz, to_tz FROM report_state WHERE id = 1`))[0]!;
const size = async (table: string) => Number((await queryRows<{ n: number }>(db, sql`SELECT pg_relation_size(${table}::regclass)::float8 AS n`))[0]!.n);
const iso = (d: string) => new Date(d);
const pending = async () => (await queryRows<{ n: number }>(db, sql`SELECT count(*)::int AS n FROM report_deltas`))[0]!.n;
type Visit = { tech: { id: string }; visitId: string; deviceId: string };
/** A completed visit at 15:00 UTC on `day` with one device. */
async function visitWithDevice(day: string, device: Parameters<typeof makeDevice>[1]): Promise<Visit> {
  const tech = await makeUser("technician");
  const customerId = (await makeUser("customer")).customerId!;
  const deviceId = await makeDevice(customerId, device);
  const visitId = await makeVisit({ customerId, technicianId: tech.id, startsAt: iso(`${day}T15:00:00Z`), status: "completed", deviceIds: [deviceId] });
  return { tech, visitId, deviceId };
}
/** `n` attempts on the visit's device, the i-th at `at(i)`: a burst of changes for the fold. */
async function burst(v: Visit, n: number, at: (i: number) => string, methodId = "other", outcome = (_i: number) => "failed" as "failed" | "succeeded") {
  for (let i = 0; i < n; i++)
    await addAttempt({ visitId: v.visitId, deviceId: v.deviceId, technicianId: v.tech.id, methodId, outcome: outcome(i), startedAt: iso(at(i)) });
}
const minute = (i: number) => String(i).padStart(2, "0");

beforeAll(async () => {
  db = (await getDb()) as Database;
});

describe("a time-zone step", () => {
  it("ends at its max_rows-th fact whose local day changes, and looks at most 10 × max_rows facts of each kind ahead", async () => {
    await setZone("America/New_York");
    await finishMigration(db);
    const tech = await makeUser("technician");
    const customerId = (await makeUser("customer")).customerId!;
    const deviceId = await makeDevice(customerId, { brand: "hikvision", kind: "dvr" });
    // the visit at noon New York time: the same day in Chicago
    const visitId = await makeVisit({ customerId, technicianId: tech.id, startsAt: iso("2025-06-01T16:00:00Z"), status: "completed", deviceIds: [deviceId] });
    const attempt = (at: string) =>
      addAttempt({ visitId, deviceId, technicianId: tech.id, methodId: "hik_sadp_export", outcome: "succeeded", startedAt: iso(at) });
    // twelve attempts at noon (they keep their day), then three at 00:30 New York time (23:30 the day before in Chicago)
    for (let d = 2; d <= 13; d++) await attempt(`2025-06-${String(d).padStart(2, "0")}T16:00:00Z`);
    for (const d of [14, 15, 16]) await attempt(`2025-06-${d}T04:30:00Z`);

    await setZone("America/Chicago");
    expect(await state()).toMatchObject({ cursor: "-infinity", from_tz: "America/New_York", to_tz: "America/Chicago" });
    const step = async (rows: number) => (await queryRows<{ more: boolean }>(db, sql`SELECT reports_migrate_step(${rows}::int) AS more`))[0]!.more;
    // max_rows 1: looks 10 attempts ahead, none of them moves: the cursor passes all ten
    expect(await step(1)).toBe(true);
    expect(new Date((await state()).cursor!).toISOString()).toBe("2025-06-11T16:00:00.000Z");
    // max_rows 2: the two remaining noon attempts and the first two that move
    expect(await step(2)).toBe(true);
    expect(new Date((await state()).cursor!).toISOString()).toBe("2025-06-15T04:30:00.000Z");
    // one left to move: the last step
    expect(await step(2)).toBe(false);
    expect(await state()).toMatchObject({ cursor: null, from_tz: "America/Chicago", to_tz: "America/Chicago" });
    // the rollups agree with the facts counted in Chicago
    const window = { from: "2025-06-13", to: "2025-06-14" };
    const raw = await loadReport(db, window, "raw");
    expect({ ...(await loadReport(db, window, "rollups")), source: "raw" }).toEqual(raw);
    // June 13 at noon, and the 14th and 15th at 00:30 in New York (2 in this window there): the 13th and 14th in Chicago
    expect(raw.totals.final).toBe(3);
  });
});

describe("the background's fold", () => {
  it("folds a burst in batches within its budget, sized by the time the last took, and steps a time-zone change only once none is left", async () => {
    await setZone("America/New_York");
    await finishMigration(db);
    const v = await visitWithDevice("2025-03-03", { brand: "dahua", kind: "nvr" });
    await burst(
      v,
      30,
      (i) => `2025-03-0${3 + (i % 5)}T16:${minute(i)}:00Z`,
      "dahua_qr_dmss",
      (i) => (i % 3 ? "failed" : "succeeded"),
    );
    const changes = await pending();
    expect(changes).toBeGreaterThanOrEqual(30);
    await setZone("America/Chicago");

    // no time left: one batch of 20, and no time-zone step (it would fold the rest at once)
    expect(await runReportsWork(db, { budgetMs: 0 })).toBe(0);
    expect(await pending()).toBe(changes - 20);
    expect(await state()).toMatchObject({ cursor: "-infinity" });
    // batches that take far longer than a step wanted: one change at a time after the first
    const slow = await foldInSteps(db, { budgetMs: 0.001, stepMs: 1e-6 });
    expect(slow).toEqual({ folded: 20, left: true, batches: [20] });
    expect((await foldInSteps(db, { budgetMs: 60_000, stepMs: 1e-6 })).batches.slice(0, 3)).toEqual([20, 1, 1]);
    expect(await pending()).toBe(0);
    expect(await foldInSteps(db, { budgetMs: 0 })).toEqual({ folded: 0, left: false, batches: [] });
    // batches far quicker than wanted: at most 4 times larger each time
    await burst(v, 30, (i) => `2025-03-10T16:${minute(i)}:00Z`, "dahua_configtool_xml");
    expect((await foldInSteps(db, { budgetMs: 60_000, stepMs: 1e9 })).batches).toEqual([20, 80]);
    // now the move goes on, and the figures equal the facts
    await runReportsWork(db, { budgetMs: 60_000 });
    expect(await state()).toMatchObject({ cursor: null, to_tz: "America/Chicago" });
    const window = { from: "2025-03-01", to: "2025-03-31" };
    const raw = await loadReport(db, window, "raw");
    expect({ ...(await loadReport(db, window, "rollups")), source: "raw" }).toEqual(raw);
    expect(raw.totals.final).toBeGreaterThanOrEqual(30);
  });
});

describe("a request arriving during the background's fold", () => {
  it("gets its query in between two batches, not after the whole run", async () => {
    await burst(await visitWithDevice("2024-10-07", { brand: "hikvision", kind: "camera" }), 30, (i) => `2024-10-07T16:${minute(i)}:00Z`);
    const changes = await pending();
    // batches of one change after the first: many statements in a row
    const fold = foldInSteps(db, { budgetMs: 60_000, stepMs: 1e-6 });
    // "a request": an I/O callback (as an HTTP request is) that then queries
    const seen = await new Promise<number>((resolve, reject) => fs.stat(".", () => pending().then(resolve, reject)));
    expect((await fold).folded).toBe(changes);
    // changes still pending when it ran: it did not wait for the end (on PGlite, without the yield, it saw 0)
    expect(seen).toBeGreaterThan(0);
  });
});

describe("a request's fold", () => {
  it("folds what it can in its budget; the status counts what is left, and the figures equal the facts once the background has folded it", async () => {
    await finishMigration(db);
    await burst(await visitWithDevice("2024-09-02", { brand: "lorex", kind: "dvr" }), 40, (i) => `2024-09-02T16:${minute(i)}:00Z`);
    const changes = (await rollupStatus(db)).pending;
    expect(changes).toBeGreaterThanOrEqual(40);
    const window = { from: "2024-09-01", to: "2024-09-30" };
    // no time: one batch of 20 folded before the read, the figures without the rest
    const partial = await loadReport(db, window, "rollups", 0);
    expect((await rollupStatus(db)).pending).toBe(changes - 20);
    const raw = await loadReport(db, window, "raw");
    expect(raw.totals.final).toBe(40);
    expect(partial.totals.final).toBeLessThan(40);
    // the background folds the rest; then the figures hold every write
    await runReportsWork(db, { budgetMs: 60_000 });
    expect((await rollupStatus(db)).pending).toBe(0);
    expect({ ...(await loadReport(db, window, "rollups", 0)), source: "raw" }).toEqual(raw);
  });
});

describe("the folding's scratch tables", () => {
  const bloat = async (table: "report_stage_cum" | "report_stage_facts") => {
    if (table === "report_stage_cum")
      await db.execute(sql`INSERT INTO report_stage_cum (key, day) SELECT g, DATE '2025-01-01' FROM generate_series(1, 40000) g`);
    else
      await db.execute(sql`INSERT INTO report_stage_facts (fam, sign, day, tech)
        SELECT 'a', 1, DATE '2025-01-01', '00000000-0000-0000-0000-000000000000' FROM generate_series(1, 40000)`);
    await db.execute(sql.raw(`DELETE FROM ${table}`));
    expect(await size(table)).toBeGreaterThan(1 << 20);
  };

  it("are vacuumed once they pass 1 MB, and left alone below", async () => {
    await bloat("report_stage_cum");
    expect(await tidyScratch(db)).toEqual(["report_stage_cum"]);
    expect(await size("report_stage_cum")).toBe(0); // the dead rows reclaimed and the empty file truncated
    expect(await tidyScratch(db)).toEqual([]);
  });

  it("are tidied after every time-zone step and every background run", async () => {
    await bloat("report_stage_cum");
    await migrateStep(db);
    expect(await size("report_stage_cum")).toBe(0);
    await bloat("report_stage_facts");
    await runReportsWork(db, { budgetMs: 0 });
    expect(await size("report_stage_facts")).toBe(0);
  });
});
