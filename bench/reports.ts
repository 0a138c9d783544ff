/**
 * `npm run bench:reports [-- --small 10000 --large 1000000 --runs 7]`
 * In one run: builds a database per size (PGlite in a temp dir; with
 * DATABASE_URL, a fresh database per size on that server), fills it with
 * synthetic history, and times
 *   page   getReportData(admin, {}) — the report page's data (default filters)
 *   sql    the SQL statements that function runs, executed bare (no shaping)
 *   noRollup  the same report computed from the raw attempts (what it costs without rollups; one run)
 *   daily  a filtered report (one brand, last 90 days) from the daily rollups
 *   write  one attempt INSERT in its own transaction, rollup triggers on vs off
 * (median of --runs alternating rounds after 2 warm-up rounds; see measure()), then prints the ratios against the targets:
 *   page(large) <= 1.3 × page(small), page <= 2 × sql.
 * The results (Markdown) also go into docs/benchmarks.md, section bench:reports-pglite or
 * bench:reports-postgresql by database (`--no-page` skips that).
 */
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { parseArgs } from "node:util";
import { sql } from "drizzle-orm";
import { openAndPrepare, setDatabaseHandle, type DatabaseHandle } from "@/db/client";
import { adminUrl, withDatabase } from "@/test/harness/databases";
import type { Actor } from "@/lib/auth/permissions";
import { getReportData, loadCatalogue, loadFieldStaff } from "@/lib/reports/data";
import type { ReportFilters, Source } from "@/lib/reports/filters";
import { reportSql, runReportSql } from "@/lib/reports/queries";
import { seedSyntheticHistory } from "@/bench/support/synthetic";
import { commandLine, describeMachine, machineNow, publishResults } from "@/bench/support/benchmarks-page";

// Throw-away databases: their generated secrets may live in them (lib/platform/env.ts refuses that unless allowed).
process.env.FIELDKEY_ALLOW_DB_SECRETS ??= "1";

const ADMIN: Actor = { id: "00000000-0000-0000-0000-000000000000", role: "admin", name: "Bench", email: "bench@bench.test", customerId: null };

const mid = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;

/** Medians of several functions, run interleaved (the machine is shared: noise hits all of them alike), after warm-ups. */
async function medians(runs: number, fns: (() => Promise<unknown>)[], warmups = 3) {
  for (let i = 0; i < warmups; i++) for (const fn of fns) await fn();
  const times: number[][] = fns.map(() => []);
  for (let i = 0; i < runs; i++)
    for (const [k, fn] of fns.entries()) {
      const t = performance.now();
      await fn();
      times[k]!.push(performance.now() - t);
    }
  return times.map(mid);
}

async function openFresh(size: number): Promise<{ handle: DatabaseHandle; cleanup: () => Promise<void> }> {
  const url = process.env.DATABASE_URL;
  if (url) {
    const { default: postgres } = await import("postgres");
    const name = `fieldkey_bench_${size}`;
    const admin = postgres(adminUrl(url), { max: 1, onnotice: () => {} });
    await admin.unsafe(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
    await admin.unsafe(`CREATE DATABASE ${name}`);
    await admin.end();
    const handle = await openAndPrepare({ url: withDatabase(url, name), max: 2 });
    return {
      handle,
      cleanup: async () => {
        await handle.close();
        const a = postgres(adminUrl(url), { max: 1, onnotice: () => {} });
        await a.unsafe(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
        await a.end();
      },
    };
  }
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), `fieldkey-bench-${size}-`));
  const handle = await openAndPrepare({ dir });
  return {
    handle,
    cleanup: async () => {
      await handle.close();
      fs.rmSync(dir, { recursive: true, force: true });
    },
  };
}

type Result = {
  size: number;
  seedSeconds: number;
  page: number;
  sql: number;
  noRollup: number;
  daily: number;
  write: number;
  writeBare: number;
  counts: Record<string, number>;
};
type Built = { size: number; seedSeconds: number; counts: Record<string, number>; handle: DatabaseHandle; cleanup: () => Promise<void> };

async function build(size: number): Promise<Built> {
  const started = performance.now();
  const { handle, cleanup } = await openFresh(size);
  let counts: Record<string, number>;
  try {
    counts = await seedSyntheticHistory(handle.db, {
      attempts: size,
      log: (m) => console.log(`  [${size}] ${m} (${((performance.now() - started) / 1000).toFixed(0)} s)`),
    });
  } catch (err) {
    await cleanup();
    throw err;
  }
  return { size, seedSeconds: (performance.now() - started) / 1000, counts, handle, cleanup };
}

/** The report page's data, against one database (getReportData reads the process's database). */
const page = (b: Built, filters: ReportFilters = {}, source?: Source) => {
  setDatabaseHandle(b.handle);
  return getReportData(ADMIN, filters, source ? { source } : {});
};
/** The statements getReportData runs for the default filters, bare. */
const bareSql = async (b: Built) => {
  await runReportSql(b.handle.db, reportSql({}, "summary"));
  await loadCatalogue(b.handle.db);
  await loadFieldStaff(b.handle.db);
};

/**
 * Both databases stay open and are measured in alternating rounds, so load
 * from other processes hits both alike. Each PGlite instance has its own
 * memory: switching instances leaves the CPU caches cold for the first query,
 * which a server with one database never sees; so each round begins with one
 * untimed call on the database about to be measured.
 */
async function measure(dbs: Built[], runs: number): Promise<Result[]> {
  const since = new Date(Date.now() - 90 * 86_400_000).toISOString().slice(0, 10);
  const pageT: number[][] = dbs.map(() => []);
  const sqlT: number[][] = dbs.map(() => []);
  const time = async (fn: () => Promise<unknown>) => {
    const t = performance.now();
    await fn();
    return performance.now() - t;
  };
  for (let round = -2; round < runs; round++)
    for (const [i, b] of dbs.entries()) {
      await page(b);
      const pair = [() => page(b), () => bareSql(b)] as const;
      const first = round % 2 === 0 ? 0 : 1; // alternate which goes first
      const a = await time(pair[first]);
      const c = await time(pair[1 - first]!);
      if (round < 0) continue; // warm-up rounds
      pageT[i]!.push(first === 0 ? a : c);
      sqlT[i]!.push(first === 0 ? c : a);
    }
  const daily = await medians(
    Math.max(3, Math.floor(runs / 3)),
    dbs.map((b) => () => page(b, { brand: "dahua", from: since })),
  );
  // context only, and ~1 min a run at 1,000,000 on PGlite: one run each
  const noRollup = await medians(
    1,
    dbs.map((b) => () => page(b, {}, "raw")),
    0,
  );
  const writes: [number, number][] = [];
  for (const b of dbs) writes.push([await writeCost(b, true), await writeCost(b, false)]); // one at a time: PGlite shares this thread
  return dbs.map((b, i) => ({
    size: b.size,
    seedSeconds: b.seedSeconds,
    counts: b.counts,
    page: mid(pageT[i]!),
    sql: mid(sqlT[i]!),
    daily: daily[i]!,
    noRollup: noRollup[i]!,
    write: writes[i]![0],
    writeBare: writes[i]![1],
  }));
}

/** Median time of one attempt INSERT in its own transaction, with the rollup triggers on or switched off. */
async function writeCost(b: Built, triggers: boolean) {
  const times: number[] = [];
  for (let i = 1; i <= 60; i++) {
    const v = 1 + ((i * 7 + (triggers ? 0 : 1)) % Math.floor(b.size / 2));
    const t = performance.now();
    await b.handle.db.transaction(async (tx) => {
      if (!triggers) await tx.execute(sql`SET LOCAL fieldkey.reports_bulk = 'on'`);
      await tx.execute(sql`INSERT INTO attempts (visit_id, device_id, method_id, seq, technician_id, started_at, duration_seconds, outcome)
        SELECT vd.visit_id, vd.device_id, 'other', 100 + ${i}::int + ${triggers ? 0 : 100}::int, v.technician_id, now(), 600, 'succeeded'
        FROM visit_devices vd JOIN visits v ON v.id = vd.visit_id WHERE vd.visit_id = md5('v' || ${v}::int)::uuid`);
    });
    times.push(performance.now() - t);
  }
  return mid(times);
}

async function main() {
  const { values } = parseArgs({
    options: {
      small: { type: "string", default: "10000" },
      large: { type: "string", default: "1000000" },
      runs: { type: "string", default: "15" },
      "no-page": { type: "boolean", default: false },
    },
  });
  const runs = Number(values.runs);
  const started = performance.now();
  const machine = machineNow();
  const date = new Date().toISOString();
  const onPostgres = Boolean(process.env.DATABASE_URL);
  console.log(
    `bench:reports on ${onPostgres ? "PostgreSQL (DATABASE_URL)" : "PGlite (temp dir)"}, Node ${process.version}, ${os.cpus().length} cores, ${date}`,
  );
  const dbs: Built[] = [];
  let out: { md: string; failed: boolean };
  try {
    for (const size of [Number(values.small), Number(values.large)]) dbs.push(await build(size));
    const database = onPostgres ? await serverVersion(dbs[0]!.handle) : "PGlite";
    console.log("measuring…");
    const results = await measure(dbs, runs);
    out = report(results, { database, date, runs, seconds: (performance.now() - started) / 1000, machine: describeMachine(machine, os.loadavg()) });
  } finally {
    setDatabaseHandle(undefined);
    for (const b of dbs) await b.cleanup();
  }
  console.log(`\n${out.md}\n`);
  if (out.failed) process.exitCode = 1;
  publishResults(onPostgres ? "reports-postgresql" : "reports-pglite", out.md, {
    heading: `### Latest run on ${onPostgres ? "PostgreSQL" : "PGlite"}`,
    skip: values["no-page"],
  });
}

/** "PostgreSQL 15.14", from the server itself. */
async function serverVersion(h: DatabaseHandle) {
  const result = (await h.db.execute(sql`show server_version`)) as unknown as { server_version: string }[] | { rows: { server_version: string }[] };
  const rows = Array.isArray(result) ? result : result.rows;
  return `PostgreSQL ${rows[0]?.server_version.split(" ")[0] ?? "?"}`;
}

const thousands = (x: number) => Math.round(x).toLocaleString("en-US");
/** 1000000 -> "1M", 10000 -> "10k". */
const short = (n: number) => (n >= 1e6 && n % 1e6 === 0 ? `${n / 1e6}M` : n >= 1e3 && n % 1e3 === 0 ? `${n / 1e3}k` : String(n));
const duration = (s: number) => (s >= 60 ? `${Math.floor(s / 60)} min ${Math.round(s % 60)} s` : `${Math.round(s)} s`);

/** The run as Markdown (when, where, how, the table, the targets), and whether a target failed. */
function report(results: Result[], run: { database: string; date: string; runs: number; seconds: number; machine: string }) {
  const [s, l] = results as [Result, Result];
  const growth = l.page / s.page;
  const overhead = Math.max(s.page / s.sql, l.page / l.sql);
  const verdict = (ok: boolean) => (ok ? "PASS" : "FAIL");
  const lines = [
    `${run.database}, run ${run.date}, whole run ${duration(run.seconds)}. Machine: ${run.machine}.`,
    `Command: \`${commandLine("bench:reports")}\` (median of ${run.runs} rounds after 2 warm-up rounds).`,
    "",
    "| attempts | seed s | page ms | its SQL ms | page/SQL | filtered ms | no-rollup ms | one attempt INSERT ms, triggers on / off |",
    "|---:|---:|---:|---:|---:|---:|---:|---:|",
    ...results.map(
      (r) =>
        `| ${thousands(r.size)} | ${r.seedSeconds.toFixed(0)} | ${r.page.toFixed(1)} | ${r.sql.toFixed(1)} | ${(r.page / r.sql).toFixed(2)} | ${thousands(r.daily)} | ${thousands(r.noRollup)} | ${r.write.toFixed(2)} / ${r.writeBare.toFixed(2)} |`,
    ),
    "",
    `page(${short(l.size)}) / page(${short(s.size)}) = **${growth.toFixed(2)}** (target ≤ 1.3, ${verdict(growth <= 1.3)}); page / its SQL ≤ **${overhead.toFixed(2)}** (target ≤ 2, ${verdict(overhead <= 2)}); the same report from the raw attempts takes ${(l.noRollup / 1000).toFixed(1)} s at ${short(l.size)}, ~${thousands(l.noRollup / l.page)}× the page.`,
  ];
  return { md: lines.join("\n"), failed: growth > 1.3 || overhead > 2 };
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
