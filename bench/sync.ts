/**
 * `npm run bench:sync [-- --seconds 10 --connections 32 --no-demo --no-page --no-browser --profile]`
 * The offline technician app's figures (issue #14), on PGlite and, with
 * DATABASE_URL, on PostgreSQL (fresh databases), against `npm start`:
 *   1. 200 field writes queued on a "phone" (the app's own store and queue
 *      code, app/_field/offline, over fake-indexeddb) for 10 visits, sent on
 *      reconnect: time to an empty queue, and the rows the server wrote (= 200);
 *   2. the endpoint that serves a job to the phone (GET /api/field/jobs/:id)
 *      vs /api/health under autocannon: p95 and the ratio (target: at most 3×),
 *      as the phone's syncs mostly find it (unchanged: the stored copy,
 *      lib/field/job-cache.ts) and, on a second server with FIELDKEY_JOB_CACHE=off,
 *      built on every request (the first fetch after a change);
 *   3. in Chromium on a throttled "Slow 4G" profile: the job view's first render
 *      from the phone's store (a repeat open, service worker in control), a
 *      first open on a new phone, and the server-rendered job page (the admin's,
 *      the same component filled on the server), in the same run;
 *   4. first-load JavaScript of the job page vs a bare Next.js page, and the
 *      lazily loaded app chunk (store, queue, job view) beside it.
 * `--profile` also samples the server's CPU while it serves the job's data
 * (bench/support/cpu-profile.cjs) and prints where the time went, mapped to
 * the sources (.data/bench/job-<database>.cpuprofile opens in Chrome DevTools).
 * Markdown into docs/benchmarks.md (section bench:sync; `--no-page` skips it)
 * and JSON into .data/bench/. Port: BENCH_PORT (default 3271).
 */
import "fake-indexeddb/auto";
import { spawnSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { parseArgs } from "node:util";
import { gzipSync } from "node:zlib";
import { v7 as uuidv7 } from "uuid";
import { chromium } from "@playwright/test";
import { generate } from "otplib";
import { replayOutbox, httpTransport } from "@/app/_field/offline/queue";
import { userStore, type OutboxItem } from "@/app/_field/offline/store";
import { buildIsStale } from "@/lib/cli/start";
import { findChromium, launchOptionsFor } from "@/scripts/find-browser";
import { bareNextDir, buildBareNext } from "./support/bare-next";
import { commandLine, describeMachine, machineNow, publishResults } from "./support/benchmarks-page";
import { freshDatabase, type Kind } from "./support/databases";
import { firstLoad } from "./support/first-load";
import { load, signIn, type LoadResult } from "./support/http";
import { startApp, stopApp, timeToFirst200 } from "./support/server";
import { median, ratio } from "./support/stats";
import { summarizeProfile } from "./support/profile-summary";
import { shellAssets } from "@/lib/cli/build";

const ROOT = process.cwd();
const LOGS = path.join(ROOT, ".data", "bench", "logs");
const log = (m: string) => console.log(`[bench:sync] ${m}`);

type Seeded = { email: string; adminEmail: string; password: string; visits: { id: string; devices: string[] }[] };
type Render = { repeatFromStoreMs: number[]; firstOpenMs: number[]; serverRenderedMs: number[] };
type KindResult = {
  kind: string;
  sync: { writes: number; rowsWritten: number; emptyQueueMs: number; requests: number; refused: number };
  health: LoadResult;
  /** The phone's usual sync: nothing changed since the last build, served from the stored copy. */
  job: LoadResult;
  /** Every request built afresh (FIELDKEY_JOB_CACHE=off): the first fetch after a change. */
  jobBuilt: LoadResult;
  render: Render | null;
};

function ensureBuilt() {
  if (!buildIsStale()) return;
  log("the build is stale: npm run build…");
  const r = spawnSync(process.execPath, [path.join(ROOT, "node_modules/tsx/dist/cli.mjs"), "lib/cli/build.ts"], {
    stdio: "inherit",
    env: { ...process.env, NODE_ENV: "production" },
  });
  if (r.status !== 0) throw new Error("the build failed");
}

/** 200 attempts, 20 per visit alternating its two devices, as the phone queues them offline. */
async function queueOnPhone(userId: string, seeded: Seeded) {
  const db = userStore(userId);
  await db.outbox.clear();
  const items: OutboxItem[] = [];
  const madeAt = Date.now() - 3_600_000;
  for (const [v, visit] of seeded.visits.entries())
    for (let i = 0; i < 20; i++) {
      const deviceId = visit.devices[i % 2]!;
      const hik = i % 2 === 1;
      const at = new Date(madeAt + (v * 20 + i) * 1000).toISOString();
      items.push({
        id: uuidv7(),
        kind: "attempt.log",
        visitId: visit.id,
        madeAt: at,
        input: {
          visitId: visit.id,
          deviceId,
          methodId: hik ? "hik_security_questions" : "dahua_qr_dmss",
          outcome: "failed",
          durationSeconds: 60 + i,
          endedAt: at,
          notes: `attempt ${i + 1}`,
        },
        refs: {},
        summary: "attempt",
        state: "queued",
        tries: 0,
        nextTryAt: 0,
        lastError: null,
      });
    }
  // Made in order across visits, as a technician going from job to job would.
  await db.outbox.bulkAdd(items);
  return { db, count: items.length };
}

async function rowsOnServer(base: string, cookie: string, seeded: Seeded) {
  let n = 0;
  for (const v of seeded.visits) {
    const res = await fetch(`${base}/api/field/jobs/${v.id}`, { headers: { cookie } });
    const job = (await res.json()) as { devices: { attempts: unknown[] }[] };
    n += job.devices.reduce((s, d) => s + d.attempts.length, 0);
  }
  return n;
}

/** Chrome DevTools' "Slow 4G" preset. */
const SLOW_4G = { offline: false, latency: 562.5, downloadThroughput: (1.6 * 1024 * 1024 * 0.9) / 8, uploadThroughput: (750 * 1024 * 0.9) / 8 };

async function measureRender(base: string, seeded: Seeded, runs: number): Promise<Render> {
  const browser = await chromium.launch(launchOptionsFor(findChromium()));
  const out: Render = { repeatFromStoreMs: [], firstOpenMs: [], serverRenderedMs: [] };
  const visit = seeded.visits[0]!.id;
  const heading = "Basement Storage Co";
  const timed = async (page: import("@playwright/test").Page, url: string) => {
    const cdp = await page.context().newCDPSession(page);
    await cdp.send("Network.enable");
    await cdp.send("Network.emulateNetworkConditions", SLOW_4G);
    const t0 = Date.now();
    await page.goto(url, { waitUntil: "commit" });
    await page.getByRole("heading", { name: heading }).first().waitFor({ timeout: 120_000 });
    const ms = Date.now() - t0;
    await cdp.send("Network.emulateNetworkConditions", { offline: false, latency: 0, downloadThroughput: -1, uploadThroughput: -1 });
    return ms;
  };
  // The office's side, signed in once: staff sign in with two steps since #16, so the seeded admin enrols an
  // authenticator on first sign-in (a code from the key the page shows, as the setup journey does).
  const admin = await browser.newContext({ viewport: { width: 390, height: 844 } });
  try {
    const ap = await admin.newPage();
    await ap.goto(`${base}/signin`);
    await ap.getByLabel("Email").fill(seeded.adminEmail);
    await ap.getByLabel("Password").fill(seeded.password);
    await ap.getByRole("button", { name: "Sign in" }).click();
    await ap.waitForURL(/\/two-factor\/setup/);
    const secret = (await ap.getByTestId("totp-secret").textContent())!.replace(/\s+/g, "");
    await ap.getByLabel("Code from the app").fill(await generate({ secret }));
    await ap.getByRole("button", { name: "Turn on two-step sign-in" }).click();
    await ap.getByRole("link", { name: "Continue" }).click();
    await ap.waitForURL(/\/admin/);
    await ap.close();
    for (let i = 0; i < runs; i++) {
      // A new phone: sign in, then open the job (nothing stored, no service worker yet).
      const ctx = await browser.newContext({ viewport: { width: 390, height: 844 } });
      const page = await ctx.newPage();
      await page.goto(`${base}/signin`);
      await page.getByLabel("Email").fill(seeded.email);
      await page.getByLabel("Password").fill(seeded.password);
      await page.getByRole("button", { name: "Sign in" }).click();
      await page.waitForURL(/\/tech$/);
      await page.evaluate(() => navigator.serviceWorker.ready);
      await page.waitForFunction(() => navigator.serviceWorker.controller?.state === "activated");
      await page.getByTestId("sync-status").filter({ hasText: "synced" }).waitFor();
      // First open of the job page with a cold HTTP cache in a second context would need a second sign-in: the store is
      // cleared instead (the app chunk stays cached, as on a phone that had opened FieldKey before).
      await page.evaluate(async () => {
        for (const d of await indexedDB.databases()) if (d.name?.startsWith("fieldkey-u-")) indexedDB.deleteDatabase(d.name);
      });
      out.firstOpenMs.push(await timed(page, `${base}/tech/visits/${visit}`));
      out.repeatFromStoreMs.push(await timed(page, `${base}/tech/visits/${visit}`));
      await ctx.close();
      const ap = await admin.newPage();
      await ap.goto(`${base}/admin/visits/${visit}`);
      out.serverRenderedMs.push(await timed(ap, `${base}/admin/visits/${visit}`));
      await ap.close();
    }
  } finally {
    await browser.close();
  }
  return out;
}

async function measureKind(
  kind: Kind,
  port: number,
  opts: { seconds: number; connections: number; demo: boolean; browser: boolean; renderRuns: number; profile: boolean },
): Promise<KindResult> {
  const fresh = await freshDatabase(kind, process.env.DATABASE_URL, "sync");
  try {
    const baseEnv = { ...process.env };
    delete baseEnv.DATABASE_URL;
    const seed = spawnSync(
      process.execPath,
      [path.join(ROOT, "node_modules/tsx/dist/cli.mjs"), "--conditions=react-server", "bench/support/seed-sync.ts", ...(opts.demo ? ["--demo"] : [])],
      { cwd: ROOT, encoding: "utf8", env: { ...baseEnv, ...fresh.env, FIELDKEY_DISABLE_BACKGROUND: "1" } },
    );
    if (seed.status !== 0) throw new Error(`seeding failed:\n${seed.stdout}\n${seed.stderr}`);
    const seeded = JSON.parse(seed.stdout.trim().split("\n").pop()!) as Seeded;
    const profileDir = path.join(ROOT, ".data", "bench", `profile-${kind}`);
    const profiling: Record<string, string> = opts.profile
      ? {
          NODE_OPTIONS: `${process.env.NODE_OPTIONS ?? ""} --require ${path.join(ROOT, "bench/support/cpu-profile.cjs")}`.trim(),
          FIELDKEY_PROFILE_DIR: profileDir,
        }
      : {};
    if (opts.profile) {
      fs.rmSync(profileDir, { recursive: true, force: true });
      fs.mkdirSync(profileDir, { recursive: true });
    }
    const app = startApp(port, { ...fresh.env, FIELDKEY_DISABLE_BACKGROUND: "1", ...profiling }, path.join(LOGS, `${kind}-sync.log`));
    let result: Omit<KindResult, "jobBuilt">;
    // Node processes of the server only: npm and its `sh -c` share the group and would die of the signal.
    const toggleProfile = () => spawnSync("pkill", ["-USR2", "-g", String(app.child.pid), "-f", "node[^ ]* .*lib/cli/start\\.ts$"]);
    try {
      await timeToFirst200(app, ["/api/health"], 600_000);
      const base = `http://127.0.0.1:${port}`;
      const cookie = await signIn(base, seeded.email, seeded.password);
      const me = (await (await fetch(`${base}/api/field/day`, { headers: { cookie } })).json()) as { user: { id: string } };

      // 1. 200 writes queued offline, then the network returns.
      const { db, count } = await queueOnPhone(me.user.id, seeded);
      let requests = 0;
      const inner = httpTransport({ base, headers: { cookie, origin: base } });
      const transport = { ...inner, sendWrites: (w: Parameters<typeof inner.sendWrites>[0]) => (requests++, inner.sendWrites(w)) };
      const t0 = performance.now();
      let refused = 0;
      for (let round = 0; round < 20 && (await db.outbox.where("state").equals("queued").count()) > 0; round++) {
        const r = await replayOutbox(db, me.user.id, transport, { force: true });
        refused += r.refused;
      }
      const emptyQueueMs = performance.now() - t0;
      const rowsWritten = await rowsOnServer(base, cookie, seeded);
      log(`${kind}: ${count} writes sent in ${emptyQueueMs.toFixed(0)} ms (${requests} requests), ${rowsWritten} rows, ${refused} refused`);

      // 2. The job's data for the phone vs /api/health.
      const jobUrl = `${base}/api/field/jobs/${seeded.visits[0]!.id}`;
      await load(`${base}/api/health`, { connections: opts.connections, seconds: 2 });
      await load(jobUrl, { connections: opts.connections, seconds: 2, cookie });
      const health = await load(`${base}/api/health`, { connections: opts.connections, seconds: opts.seconds });
      if (opts.profile) toggleProfile();
      const job = await load(jobUrl, { connections: opts.connections, seconds: opts.seconds, cookie });
      if (opts.profile) await reportProfile(kind, profileDir, toggleProfile);
      log(`${kind}: p95 health ${health.p95.toFixed(1)} ms, job data ${job.p95.toFixed(1)} ms (${ratio(job.p95, health.p95).toFixed(2)}×)`);

      // 3. First render on Slow 4G.
      const render = opts.browser ? await measureRender(base, seeded, opts.renderRuns) : null;
      if (render)
        log(
          `${kind}: Slow 4G medians: from the store ${median(render.repeatFromStoreMs)} ms, first open ${median(render.firstOpenMs)} ms, server-rendered ${median(render.serverRenderedMs)} ms`,
        );
      result = {
        kind: kind === "pglite" ? "PGlite" : "PostgreSQL",
        sync: { writes: count, rowsWritten, emptyQueueMs, requests, refused },
        health,
        job,
        render,
      };
    } finally {
      await stopApp(app);
    }
    // 5. The same job built on every request: a server with the job cache off, on the same data.
    const built = startApp(port, { ...fresh.env, FIELDKEY_DISABLE_BACKGROUND: "1", FIELDKEY_JOB_CACHE: "off" }, path.join(LOGS, `${kind}-sync-built.log`));
    try {
      await timeToFirst200(built, ["/api/health"], 600_000);
      const base = `http://127.0.0.1:${port}`;
      const cookie = await signIn(base, seeded.email, seeded.password);
      const jobUrl = `${base}/api/field/jobs/${seeded.visits[0]!.id}`;
      await load(jobUrl, { connections: opts.connections, seconds: 2, cookie });
      const jobBuilt = await load(jobUrl, { connections: opts.connections, seconds: opts.seconds, cookie });
      log(`${kind}: job data built on every request, p95 ${jobBuilt.p95.toFixed(1)} ms (${ratio(jobBuilt.p95, result.health.p95).toFixed(2)}× health)`);
      return { ...result, jobBuilt };
    } finally {
      await stopApp(built);
    }
  } finally {
    await fresh.drop();
  }
}

/** Stop the sampling, keep the profile of the serving process (the largest file) and print where its time went. */
async function reportProfile(kind: Kind, dir: string, toggle: () => void) {
  toggle();
  const deadline = Date.now() + 30_000;
  while (fs.readdirSync(dir).length === 0 && Date.now() < deadline) await new Promise((r) => setTimeout(r, 200));
  await new Promise((r) => setTimeout(r, 500));
  const files = fs.readdirSync(dir).map((f) => path.join(dir, f));
  if (files.length === 0) return log(`${kind}: no CPU profile was written`);
  const largest = files.sort((a, b) => fs.statSync(b).size - fs.statSync(a).size)[0]!;
  const kept = path.join(ROOT, ".data", "bench", `job-${kind}.cpuprofile`);
  fs.copyFileSync(largest, kept);
  const summary = summarizeProfile(largest);
  const pct = (x: number) => `${(x * 100).toFixed(1).padStart(5)}%`;
  log(`${kind}: CPU while serving the job's data, ${summary.totalMs.toFixed(0)} ms sampled (${path.relative(ROOT, kept)}); self time by package:`);
  for (const p of summary.byPackage.slice(0, 12)) console.log(`  ${pct(p.share)} ${p.where}`);
  log(`${kind}: by function:`);
  for (const f of summary.self) console.log(`  ${pct(f.share)} ${f.where}`);
}

/**
 * The job page's first-load JS vs a bare page; the technician's app it loads
 * right after (the page's lazily loaded chunks); and what the service worker
 * also keeps for offline use, loaded only when used (the chunks those load on
 * demand: the label scanner, photo compression, …).
 */
function measureJs() {
  const nextDir = path.join(ROOT, ".next");
  const job = firstLoad(nextDir, "/tech/visits/[id]/page");
  const bare = firstLoad(path.join(bareNextDir(ROOT), ".next"), "/page");
  const loadableFile = path.join(nextDir, "server", "app", "tech", "visits", "[id]", "page", "react-loadable-manifest.json");
  const loadable = Object.values(JSON.parse(fs.readFileSync(loadableFile, "utf8")) as Record<string, { files?: string[] }>).flatMap((e) => e.files ?? []);
  const first = new Set(job.files.map((f) => f.file));
  const gzip = (files: string[]) => files.reduce((s, f) => s + gzipSync(fs.readFileSync(path.join(nextDir, f)), { level: 6 }).length, 0);
  const app = [...new Set(loadable)].filter((f) => f.endsWith(".js") && !first.has(f));
  const kept = shellAssets(nextDir, "", loadable).filter((f) => f.endsWith(".js") && !first.has(f) && !app.includes(f));
  const appGzip = gzip(app);
  return {
    jobGzip: job.gzip,
    bareGzip: bare.gzip,
    ratio: job.gzip / bare.gzip,
    appFiles: app.length,
    appGzip,
    withAppRatio: (job.gzip + appGzip) / bare.gzip,
    onDemandFiles: kept.length,
    onDemandGzip: gzip(kept),
  };
}

const kb = (b: number) => `${(b / 1024).toFixed(1)} KB`;

function markdown(r: {
  date: string;
  machine: string;
  command: string;
  settings: Record<string, unknown>;
  kinds: KindResult[];
  js: ReturnType<typeof measureJs>;
}) {
  const lines = [
    `Measured ${r.date.slice(0, 10)} with \`${r.command}\` (${JSON.stringify(r.settings)}); ${r.machine}.`,
    "",
    "| | " + r.kinds.map((k) => k.kind).join(" | ") + " |",
    "|---|" + r.kinds.map(() => "---").join("|") + "|",
    `| 200 queued writes over 10 visits: time to an empty queue | ${r.kinds.map((k) => `${(k.sync.emptyQueueMs / 1000).toFixed(2)} s (${k.sync.requests} requests)`).join(" | ")} |`,
    `| rows written by the server (must be 200) | ${r.kinds.map((k) => `${k.sync.rowsWritten}${k.sync.refused ? ` (${k.sync.refused} refused)` : ""}`).join(" | ")} |`,
    `| GET /api/health p95 (${r.settings.connections} connections) | ${r.kinds.map((k) => `${k.health.p95.toFixed(1)} ms (${k.health.rps.toFixed(0)} req/s)`).join(" | ")} |`,
    `| GET /api/field/jobs/:id p95, nothing changed since its last build (the phone's usual sync: the stored copy) | ${r.kinds.map((k) => `${k.job.p95.toFixed(1)} ms (${k.job.rps.toFixed(0)} req/s)`).join(" | ")} |`,
    `| job data p95 ÷ health p95 (target ≤ 3×) | ${r.kinds.map((k) => `${ratio(k.job.p95, k.health.p95).toFixed(2)}×`).join(" | ")} |`,
    `| GET /api/field/jobs/:id p95, built on every request (the first fetch after a change; FIELDKEY_JOB_CACHE=off) | ${r.kinds.map((k) => `${k.jobBuilt.p95.toFixed(1)} ms (${k.jobBuilt.rps.toFixed(0)} req/s)`).join(" | ")} |`,
    `| built job p95 ÷ health p95 | ${r.kinds.map((k) => `${ratio(k.jobBuilt.p95, k.health.p95).toFixed(2)}×`).join(" | ")} |`,
  ];
  if (r.kinds.some((k) => k.render)) {
    const med = (k: KindResult, f: keyof Render) => (k.render ? `${median(k.render[f]).toFixed(0)} ms` : "—");
    lines.push(
      `| Slow 4G, job view from the phone's store (repeat open), median | ${r.kinds.map((k) => med(k, "repeatFromStoreMs")).join(" | ")} |`,
      `| Slow 4G, job view on a phone with nothing stored yet, median | ${r.kinds.map((k) => med(k, "firstOpenMs")).join(" | ")} |`,
      `| Slow 4G, server-rendered job page (admin's, same component), median | ${r.kinds.map((k) => med(k, "serverRenderedMs")).join(" | ")} |`,
    );
  }
  lines.push(
    "",
    `First-load JS (gzip) of the job page: ${kb(r.js.jobGzip)}, a bare Next.js page ${kb(r.js.bareGzip)}: **${r.js.ratio.toFixed(2)}×** (target ≤ 1.3×). ` +
      `The technician's app (store, queue, job view: ${r.js.appFiles} chunks, ${kb(r.js.appGzip)}) loads right after, lazily; ` +
      `counted in, the job view needs ${r.js.withAppRatio.toFixed(2)}× a bare page's JS on a phone's very first open. ` +
      `The service worker also keeps, for offline use, what loads only when used (the label scanner, photo compression, forms' checks: ${r.js.onDemandFiles} chunks, ${kb(r.js.onDemandGzip)}).`,
  );
  return lines.join("\n");
}

async function main() {
  const { values } = parseArgs({
    options: {
      seconds: { type: "string", default: "10" },
      connections: { type: "string", default: "32" },
      "render-runs": { type: "string", default: "3" },
      "no-demo": { type: "boolean", default: false },
      "no-page": { type: "boolean", default: false },
      "no-browser": { type: "boolean", default: false },
      profile: { type: "boolean", default: false },
    },
  });
  const settings = {
    seconds: Number(values.seconds),
    connections: Number(values.connections),
    demo: !values["no-demo"],
    browser: !values["no-browser"],
    renderRuns: Number(values["render-runs"]),
    profile: values.profile,
  };
  const port = Number(process.env.BENCH_PORT ?? 3271);
  const machine = machineNow();
  ensureBuilt();
  buildBareNext(ROOT);
  const kinds: Kind[] = process.env.DATABASE_URL ? ["pglite", "postgres"] : ["pglite"];
  const results: KindResult[] = [];
  for (const kind of kinds) results.push(await measureKind(kind, port, settings));
  const r = {
    date: new Date().toISOString(),
    machine: describeMachine(machine, os.loadavg()),
    command: commandLine("bench:sync"),
    settings,
    kinds: results,
    js: measureJs(),
  };
  const md = markdown(r);
  console.log("\n" + md + "\n");
  const out = path.join(ROOT, ".data", "bench");
  fs.mkdirSync(out, { recursive: true });
  const stamp = r.date.replace(/[:.]/g, "-");
  fs.writeFileSync(path.join(out, `sync-${stamp}.json`), JSON.stringify(r, null, 2));
  if (results.some((k) => k.sync.rowsWritten !== k.sync.writes)) process.exitCode = 1;
  publishResults("sync", md, { heading: "## Sync (offline technician app)", skip: values["no-page"] });
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
