/**
 * `npm run bench:reports [-- --small 10000 [--mid 100000] --large 1000000 --runs 15]`
 * In one run: builds a database per size (PGlite in a temp dir; with
 * DATABASE_URL, a fresh database per size on that server), fills it with
 * synthetic history, and times
 *   page       getReportData(admin, {}) — the report page's data (default filters)
 *   sql        the statements that function runs, bare (the rollup reads, the method catalogue, the staff names)
 *   scenarios  the page's data for every filter alone and in combinations (date ranges of several lengths,
 *              brand, kind, technician, model text, firmware text, recovery option, warranty seal, first or
 *              later attempt, customer), each at both sizes
 *   noRollup   the unfiltered report computed from the raw facts (what it costs without rollups; one run)
 *   write      one attempt INSERT in its own transaction, rollup triggers on vs off, and the background
 *              fold of such writes (per attempt)
 *   timeZone   a company time-zone change at the large size: the settings write (what a request waits
 *              for), then the background steps that move the facts (longest step, total)
 * (medians of alternating rounds after warm-ups; see measure()), then prints the ratios against the targets:
 *   page(large) <= 1.3 × page(small), page <= 2 × sql, every scenario(large) <= 1.3 × scenario(small)
 *   and <= 10 × page(large), the time-zone write and every step <= 1 s, a write's extra cost <= 2 ms.
 * The results (Markdown) also go into docs/benchmarks.md, section bench:reports-pglite or
 * bench:reports-postgresql by database (`--no-page` skips that); JSON in .data/bench/.
 */
import { createHash } from "node:crypto";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { parseArgs } from "node:util";
import { sql } from "drizzle-orm";
import { openAndPrepare, setDatabaseHandle, type DatabaseHandle } from "@/db/client";
import { adminUrl, withDatabase } from "@/test/harness/databases";
import type { Actor } from "@/lib/auth/permissions";
import { getReportData, loadCatalogue, loadFieldStaff, loadReport } from "@/lib/reports/data";
import { compactReports, migrateStep } from "@/lib/reports/engine";
import type { ReportFilters, Source } from "@/lib/reports/filters";
import { queryRows, rollupReport } from "@/lib/reports/queries";
import { seedSyntheticHistory } from "@/bench/support/synthetic";
import { commandLine, describeMachine, machineNow, publishResults } from "@/bench/support/benchmarks-page";

// Throw-away databases: their generated secrets may live in them (lib/platform/env.ts refuses that unless allowed).
process.env.FIELDKEY_ALLOW_DB_SECRETS ??= "1";

const ADMIN: Actor = { id: "00000000-0000-0000-0000-000000000000", role: "admin", name: "Bench", email: "bench@bench.test", customerId: null };

const mid = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
/** md5(text) as a uuid, the way the synthetic history makes its ids. */
const md5uuid = (text: string) =>
  createHash("md5")
    .update(text)
    .digest("hex")
    .replace(/^(.{8})(.{4})(.{4})(.{4})(.{12})$/, "$1-$2-$3-$4-$5");
const day = (d: Date) => d.toISOString().slice(0, 10);

/** Every filter alone, then combinations; dates relative to today (the history ends now). */
function scenarios(): { name: string; group: "one filter" | "combination"; filters: ReportFilters }[] {
  const now = new Date();
  const today = day(now);
  const ago = (days: number) => day(new Date(now.getTime() - days * 86_400_000));
  const quarter = day(new Date(Date.UTC(now.getUTCFullYear(), Math.floor(now.getUTCMonth() / 3) * 3, 1)));
  const tech = md5uuid("bench-tech1");
  const customer = md5uuid("c1");
  return [
    { name: "last 90 days", group: "one filter", filters: { from: ago(90) } },
    { name: "one day (a month ago)", group: "one filter", filters: { from: ago(30), to: ago(30) } },
    { name: "two years", group: "one filter", filters: { from: ago(730), to: today } },
    { name: "brand (Hikvision)", group: "one filter", filters: { brand: "hikvision" } },
    { name: "kind (NVR)", group: "one filter", filters: { kind: "nvr" } },
    { name: "technician", group: "one filter", filters: { technician: tech } },
    { name: 'model text "7608" (one model)', group: "one filter", filters: { model: "7608" } },
    { name: 'model text "ds" (three models)', group: "one filter", filters: { model: "ds" } },
    { name: 'firmware text "v4.0"', group: "one filter", filters: { firmware: "v4.0" } },
    { name: "had a recovery email", group: "one filter", filters: { option: "recovery_email" } },
    { name: "warranty seal broken", group: "one filter", filters: { seal: "broken" } },
    { name: "first attempt on the device", group: "one filter", filters: { attempt: "first" } },
    { name: "later attempts", group: "one filter", filters: { attempt: "later" } },
    { name: "customer", group: "one filter", filters: { customer } },
    { name: "brand + last 90 days", group: "combination", filters: { brand: "dahua", from: ago(90) } },
    {
      name: "Hikvision DS-7608 NVRs this quarter",
      group: "combination",
      filters: { brand: "hikvision", kind: "nvr", model: "7608", from: quarter, to: today },
    },
    { name: "technician + later attempts + 90 days", group: "combination", filters: { technician: tech, attempt: "later", from: ago(90) } },
    { name: "technician + model text", group: "combination", filters: { technician: tech, model: "ds" } },
    { name: "recovery email + seal intact", group: "combination", filters: { option: "recovery_email", seal: "intact" } },
    { name: "model + firmware + kind, one year", group: "combination", filters: { model: "nvr", firmware: "v4", kind: "nvr", from: ago(365) } },
    {
      name: "every filter but customer",
      group: "combination",
      filters: {
        from: ago(365),
        to: today,
        brand: "hikvision",
        kind: "nvr",
        technician: tech,
        model: "7608",
        firmware: "v4",
        option: "guid_file",
        seal: "unknown",
        attempt: "later",
      },
    },
    { name: "customer + brand + 2 years", group: "combination", filters: { customer, brand: "dahua", from: ago(730) } },
  ];
}

async function openFresh(size: number): Promise<{ handle: DatabaseHandle; cleanup: () => Promise<void> }> {
  const url = process.env.DATABASE_URL;
  if (url) {
    const { default: postgres } = await import("postgres");
    const name = `fieldkey_bench_${size}_${process.pid}`; // unique: several runs may share the server
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

type TimeZoneResult = { write: number; steps: number; longestStep: number; total: number; moved: number };
type Result = {
  size: number;
  seedSeconds: number;
  page: number;
  sql: number;
  noRollup: number;
  write: number;
  writeBare: number;
  foldPerAttempt: number;
  scenarios: Record<string, number>;
  /** Per scenario: the rows the page's statements return (rollups: keys × probe days; grows while the history fills the domain). */
  rowsRead: Record<string, number>;
  counts: Record<string, number>;
  storageMb: number;
  timeZone?: TimeZoneResult;
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
  await rollupReport(b.handle.db, {});
  await loadCatalogue(b.handle.db);
  await loadFieldStaff(b.handle.db);
};

/**
 * The rows the page's statements return for a filter, one untimed call: from the rollups, keys × probe days (plus
 * the method catalogue, the staff and a few lookups); with a customer filter, that customer's facts.
 */
async function rowsRead(b: Built, filters: ReportFilters) {
  let n = 0;
  const counting = new Proxy(b.handle.db, {
    get(target, prop, receiver) {
      if (prop !== "execute") return Reflect.get(target, prop, receiver);
      return async (query: Parameters<typeof target.execute>[0]) => {
        const result = (await target.execute(query)) as unknown as unknown[] | { rows: unknown[] };
        n += Array.isArray(result) ? result.length : result.rows.length;
        return result;
      };
    },
  });
  await loadReport(counting, filters);
  return n;
}

const time = async (fn: () => Promise<unknown>) => {
  const t = performance.now();
  await fn();
  return performance.now() - t;
};

/**
 * Both databases stay open and are measured in alternating rounds, so load
 * from other processes hits both alike. Each PGlite instance has its own
 * memory: switching instances leaves the CPU caches cold for the first query,
 * which a server with one database never sees; so each round begins with one
 * untimed call on the database about to be measured.
 */
async function measure(dbs: Built[], runs: number): Promise<Result[]> {
  const pageT: number[][] = dbs.map(() => []);
  const sqlT: number[][] = dbs.map(() => []);
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
  // every scenario, both sizes in alternating rounds (one untimed call first, as above)
  const scenarioRuns = Math.max(5, Math.floor(runs / 2));
  const scen: Record<string, number>[] = dbs.map(() => ({}));
  const read: Record<string, number>[] = dbs.map(() => ({}));
  for (const s of scenarios()) {
    for (const [i, b] of dbs.entries()) read[i]![s.name] = await rowsRead(b, s.filters);
    const t: number[][] = dbs.map(() => []);
    for (let round = -1; round < scenarioRuns; round++)
      for (const [i, b] of dbs.entries()) {
        await page(b, s.filters);
        const ms = await time(() => page(b, s.filters));
        if (round >= 0) t[i]!.push(ms);
      }
    dbs.forEach((_, i) => (scen[i]![s.name] = mid(t[i]!)));
    console.log(`  ${s.name}: ${dbs.map((b, i) => `${b.size}: ${scen[i]![s.name]!.toFixed(1)} ms (${read[i]![s.name]} rows)`).join(", ")}`);
  }
  // context only, and ~1 min a run at 1,000,000 on PGlite: one run each
  const noRollup: number[] = [];
  for (const b of dbs) noRollup.push(await time(() => page(b, {}, "raw")));
  const results: Result[] = [];
  for (const [i, b] of dbs.entries()) {
    const { write, writeBare } = await writeCost(b);
    const foldPerAttempt = await foldCost(b); // one at a time: PGlite shares this thread
    results.push({
      size: b.size,
      seedSeconds: b.seedSeconds,
      counts: b.counts,
      page: mid(pageT[i]!),
      sql: mid(sqlT[i]!),
      scenarios: scen[i]!,
      rowsRead: read[i]!,
      noRollup: noRollup[i]!,
      write,
      writeBare,
      foldPerAttempt,
      storageMb: await storage(b),
    });
  }
  return results;
}

/**
 * One attempt INSERT in its own transaction, with the rollup triggers on and switched off, alternating (so that
 * background work such as autovacuum after the seed hits both alike): medians of 60 each.
 */
async function writeCost(b: Built) {
  const on: number[] = [];
  const off: number[] = [];
  for (let i = 1; i <= 120; i++) {
    const triggers = i % 2 === 0;
    const v = 1 + ((i * 7) % Math.floor(b.size / 2));
    const t = performance.now();
    await b.handle.db.transaction(async (tx) => {
      if (!triggers) await tx.execute(sql`SET LOCAL fieldkey.reports_bulk = 'on'`);
      await tx.execute(sql`INSERT INTO attempts (visit_id, device_id, method_id, seq, technician_id, started_at, duration_seconds, outcome)
        SELECT vd.visit_id, vd.device_id, 'other', 100 + ${i}::int, v.technician_id, now(), 600, 'succeeded'
        FROM visit_devices vd JOIN visits v ON v.id = vd.visit_id WHERE vd.visit_id = md5('v' || ${v}::int)::uuid`);
    });
    (triggers ? on : off).push(performance.now() - t);
  }
  return { write: mid(on), writeBare: mid(off) };
}

/** What the background fold costs per attempt written: 200 attempts (triggers on), then one fold of their changes. */
async function foldCost(b: Built) {
  await compactReports(b.handle.db);
  for (let i = 1; i <= 200; i++) {
    const v = 1 + ((i * 13) % Math.floor(b.size / 2));
    await b.handle.db.execute(sql`INSERT INTO attempts (visit_id, device_id, method_id, seq, technician_id, started_at, duration_seconds, outcome)
      SELECT vd.visit_id, vd.device_id, 'other', 300 + ${i}::int, v.technician_id, now() - (${i} * interval '1 hour'), 900, 'failed'
      FROM visit_devices vd JOIN visits v ON v.id = vd.visit_id WHERE vd.visit_id = md5('v' || ${v}::int)::uuid`);
  }
  return (await time(() => compactReports(b.handle.db))) / 200;
}

/** Size of the rollups and the facts as counted (report_* tables with their indexes), MB. */
async function storage(b: Built) {
  const [r] = await queryRows<{ bytes: number }>(
    b.handle.db,
    sql`SELECT coalesce(sum(pg_total_relation_size(c.oid)), 0)::float8 AS bytes FROM pg_class c
      WHERE c.relkind = 'r' AND c.relname LIKE 'report\\_%' AND c.relnamespace = 'public'::regnamespace`,
  );
  return Number(r?.bytes ?? 0) / 1e6;
}

/** A company time-zone change: the settings write a request makes, then the background steps to the end. */
async function timeZoneChange(b: Built): Promise<TimeZoneResult> {
  const [before] = await queryRows<{ n: number }>(b.handle.db, sql`SELECT count(*)::int AS n FROM report_cum`);
  const write = await time(() =>
    b.handle.db.execute(sql`INSERT INTO settings (key, value) VALUES ('timeZone', '"America/Chicago"')
      ON CONFLICT (key) DO UPDATE SET value = excluded.value, updated_at = now()`),
  );
  const steps: number[] = [];
  const started = performance.now();
  for (;;) {
    const t = performance.now();
    const more = await migrateStep(b.handle.db);
    steps.push(performance.now() - t);
    if (!more) break;
  }
  const total = performance.now() - started;
  const [after] = await queryRows<{ n: number }>(b.handle.db, sql`SELECT count(*)::int AS n FROM report_cum`);
  return { write, steps: steps.length, longestStep: Math.max(...steps), total, moved: Number(after?.n ?? 0) - Number(before?.n ?? 0) };
}

async function main() {
  const { values } = parseArgs({
    options: {
      small: { type: "string", default: "10000" },
      large: { type: "string", default: "1000000" },
      /** A size between (e.g. 100000): its times and rows read beside the others, and large ÷ mid. */
      mid: { type: "string" },
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
  let out: { md: string; failed: boolean; json: unknown };
  try {
    const sizes = [Number(values.small), ...(values.mid ? [Number(values.mid)] : []), Number(values.large)];
    for (const size of sizes) dbs.push(await build(size));
    const database = onPostgres ? await serverVersion(dbs[0]!.handle) : "PGlite";
    console.log("measuring…");
    const results = await measure(dbs, runs);
    console.log("time-zone change…");
    results.at(-1)!.timeZone = await timeZoneChange(dbs.at(-1)!);
    out = report(results, { database, date, runs, seconds: (performance.now() - started) / 1000, machine: describeMachine(machine, os.loadavg()) });
  } finally {
    setDatabaseHandle(undefined);
    for (const b of dbs) await b.cleanup();
  }
  console.log(`\n${out.md}\n`);
  if (out.failed) process.exitCode = 1;
  const dir = path.join(process.cwd(), ".data", "bench");
  fs.mkdirSync(dir, { recursive: true });
  fs.writeFileSync(path.join(dir, `reports-${onPostgres ? "postgresql" : "pglite"}-${date.replace(/[:.]/g, "-")}.json`), JSON.stringify(out.json, null, 2));
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
const ms = (x: number) => (x >= 100 ? thousands(x) : x.toFixed(1));

/** The run as Markdown (when, where, how, the tables, the targets), and whether a target failed. */
function report(results: Result[], run: { database: string; date: string; runs: number; seconds: number; machine: string }) {
  const s = results[0]!;
  const l = results.at(-1)!;
  const m = results.length > 2 ? results[1]! : undefined;
  const growth = l.page / s.page;
  const overhead = Math.max(s.page / s.sql, l.page / l.sql);
  const verdict = (ok: boolean) => (ok ? "PASS" : "FAIL");
  const list = scenarios();
  const flat = list.map((x) => ({ ...x, small: s.scenarios[x.name]!, large: l.scenarios[x.name]!, mid: m?.scenarios[x.name] }));
  const failures: string[] = [];
  const rows = flat.map((x) => {
    const g = x.large / x.small;
    const vsPage = x.large / l.page;
    if (g > 1.3) failures.push(`${x.name}: ${g.toFixed(2)}× its ${short(s.size)} time`);
    if (vsPage > 10) failures.push(`${x.name}: ${vsPage.toFixed(1)}× the unfiltered page`);
    const mid = m ? ` ${ms(x.mid!)} |` : "";
    const vsMid = m ? ` ${(x.large / x.mid!).toFixed(2)} |` : "";
    const read = results.map((r) => thousands(r.rowsRead[x.name]!)).join(" / ");
    return `| ${x.group} | ${x.name} | ${ms(x.small)} |${mid} ${ms(x.large)} | ${g.toFixed(2)} ${g <= 1.3 ? "" : "**FAIL**"} |${vsMid} ${vsPage.toFixed(1)} ${vsPage <= 10 ? "" : "**FAIL**"} | ${read} |`;
  });
  const tz = l.timeZone!;
  const extraWrite = Math.max(s.write - s.writeBare, l.write - l.writeBare);
  const failed = growth > 1.3 || overhead > 2 || failures.length > 0 || tz.write > 1000 || tz.longestStep > 1000 || extraWrite > 2;
  const lines = [
    `${run.database}, run ${run.date}, whole run ${duration(run.seconds)}. Machine: ${run.machine}.`,
    `Command: \`${commandLine("bench:reports")}\` (page: median of ${run.runs} rounds after 2 warm-up rounds; scenarios: median of ${Math.max(5, Math.floor(run.runs / 2))} alternating rounds after one).`,
    "",
    "| attempts | seed s | rollups MB | page ms | its SQL ms | page/SQL | no-rollup ms | one attempt INSERT ms, triggers on / off | background fold ms per attempt |",
    "|---:|---:|---:|---:|---:|---:|---:|---:|---:|",
    ...results.map(
      (r) =>
        `| ${thousands(r.size)} | ${r.seedSeconds.toFixed(0)} | ${thousands(r.storageMb)} | ${r.page.toFixed(1)} | ${r.sql.toFixed(1)} | ${(r.page / r.sql).toFixed(2)} | ${thousands(r.noRollup)} | ${r.write.toFixed(2)} / ${r.writeBare.toFixed(2)} | ${r.foldPerAttempt.toFixed(2)} |`,
    ),
    "",
    `Every filter and combinations (ms, the page's data; targets: ${short(l.size)} ≤ 1.3 × ${short(s.size)}, and ≤ 10 × the unfiltered page at ${short(l.size)}, ${l.page.toFixed(1)} ms):`,
    "",
    `| | filters | ${short(s.size)} ms |${m ? ` ${short(m.size)} ms |` : ""} ${short(l.size)} ms | ${short(l.size)} / ${short(s.size)} |${m ? ` ${short(l.size)} / ${short(m.size)} |` : ""} ${short(l.size)} / unfiltered page | rows read, ${results.map((r) => short(r.size)).join(" / ")} |`,
    `|---|---|---:|---:|---:|${m ? "---:|---:|" : ""}---:|---:|`,
    ...rows,
    "",
    `Time-zone change at ${short(l.size)} (America/New_York → America/Chicago): the settings write took ${ms(tz.write)} ms (target ≤ 1 s, ${verdict(tz.write <= 1000)}); ` +
      `the background then moved the facts whose local day changed in ${tz.steps} steps, the longest ${ms(tz.longestStep)} ms (target ≤ 1 s, ${verdict(tz.longestStep <= 1000)}), ` +
      `${duration(tz.total / 1000)} in all.`,
    "",
    `page(${short(l.size)}) / page(${short(s.size)}) = **${growth.toFixed(2)}** (target ≤ 1.3, ${verdict(growth <= 1.3)}); page / its SQL ≤ **${overhead.toFixed(2)}** (target ≤ 2, ${verdict(overhead <= 2)}); ` +
      `an attempt write costs ${extraWrite.toFixed(2)} ms more with the rollups (target ≤ 2 ms, ${verdict(extraWrite <= 2)}); ` +
      `scenarios: ${failures.length === 0 ? "all PASS" : `${failures.length} FAIL (${failures.join("; ")})`}; ` +
      `the same report from the raw facts takes ${(l.noRollup / 1000).toFixed(1)} s at ${short(l.size)}, ~${thousands(l.noRollup / l.page)}× the page.`,
  ];
  return { md: lines.join("\n"), failed, json: { run, results } };
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
