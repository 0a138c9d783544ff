/**
 * `npm run bench:proof [-- --seconds 12 --connections 32 --startup-runs 3 --no-demo --no-page]`
 * The performance proof in one run, on a built checkout (builds first if the
 * build is stale, with `npm start`'s own rule), against real servers started
 * with `npm start` on loopback:
 *   1. start-up: `npm start` to the first 200 of /api/health and "/", fresh database, then a restart;
 *   2. the technician job page vs /api/health under autocannon (p50/p95/p99, req/s, the p95 ratio);
 *   3. first-load JS of the job page vs a bare Next.js page, from the build output;
 *   4. 200 concurrent bookings of one slot over HTTP: time to settle, exactly one winner;
 *   5. the framework's floor for (2): a bare Next.js app's per-request page vs its route handler, same load.
 * On PGlite, and also on PostgreSQL when DATABASE_URL is set (fresh databases on that server).
 * The report figures are `npm run bench:reports` (run it after this one; see docs/benchmarks.md).
 * Prints Markdown, puts it in docs/benchmarks.md (section bench:proof; `--no-page` skips that)
 * and writes JSON and Markdown to .data/bench/. Port: BENCH_PORT (default 3261).
 */
import { spawnSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { parseArgs } from "node:util";
import { bareNextDir, buildBareNext } from "./support/bare-next";
import { commandLine, machineNow, publishResults } from "./support/benchmarks-page";
import type { Kind } from "./support/databases";
import { appPageRoutes, firstLoad } from "./support/first-load";
import { measureFloor, measureLoad, measureStartup } from "./support/phases";
import { checks, markdown, type KindResult, type ProofResult } from "./support/report";
import { buildIsStale } from "@/lib/cli/start";

const ROOT = process.cwd();

function ensureBuilt() {
  if (!buildIsStale()) return;
  console.log("[bench:proof] the build is stale: npm run build…");
  const r = spawnSync(process.execPath, [path.join(ROOT, "node_modules/tsx/dist/cli.mjs"), "lib/cli/build.ts"], {
    stdio: "inherit",
    env: { ...process.env, NODE_ENV: "production" },
  });
  if (r.status !== 0) throw new Error("the build failed");
}

function measureFirstLoad(servedScripts: string[] | null) {
  const nextDir = path.join(ROOT, ".next");
  const job = firstLoad(nextDir, "/tech/visits/[id]/page");
  const bare = firstLoad(path.join(bareNextDir(ROOT), ".next"), "/page");
  const smallest = appPageRoutes(nextDir)
    .filter((r) => !r.startsWith("/_"))
    .map((route) => ({ route, gzip: firstLoad(nextDir, route).gzip }))
    .sort((a, b) => a.gzip - b.gzip)[0]!;
  const same = servedScripts ? JSON.stringify([...servedScripts].sort()) === JSON.stringify(job.files.map((f) => f.file).sort()) : null;
  return { job, bare, smallestAppPage: smallest, htmlMatchesManifest: same };
}

async function main() {
  const { values } = parseArgs({
    options: {
      seconds: { type: "string", default: "12" },
      "warmup-seconds": { type: "string", default: "3" },
      connections: { type: "string", default: "32" },
      "startup-runs": { type: "string", default: "3" },
      "no-demo": { type: "boolean", default: false },
      "no-page": { type: "boolean", default: false },
    },
  });
  const settings = {
    seconds: Number(values.seconds),
    warmupSeconds: Number(values["warmup-seconds"]),
    connections: Number(values.connections),
    startupRuns: Number(values["startup-runs"]),
    demo: !values["no-demo"],
  };
  const port = Number(process.env.BENCH_PORT ?? 3261);
  const started = performance.now();
  const machine = machineNow();
  ensureBuilt();
  buildBareNext(ROOT);
  const kinds: Kind[] = process.env.DATABASE_URL ? ["pglite", "postgres"] : ["pglite"];
  const results: KindResult[] = [];
  for (const kind of kinds) {
    const startup = await measureStartup(kind, port, settings.startupRuns);
    const load = await measureLoad(kind, port, settings);
    results.push({ kind: kind === "pglite" ? "PGlite" : "PostgreSQL", startup, load });
  }
  const result: ProofResult = {
    date: new Date().toISOString(),
    machine: { ...machine, loadAverageEnd: os.loadavg(), seconds: (performance.now() - started) / 1000 },
    command: commandLine("bench:proof"),
    settings,
    firstLoad: measureFirstLoad(results[0]?.load.checks.scriptsInHtml ?? null),
    kinds: results,
    floor: await measureFloor(bareNextDir(ROOT), port, settings),
  };
  const md = markdown(result);
  console.log("\n" + md + "\n");
  const out = path.join(ROOT, ".data", "bench");
  fs.mkdirSync(out, { recursive: true });
  const stamp = result.date.replace(/[:.]/g, "-");
  fs.writeFileSync(path.join(out, `proof-${stamp}.json`), JSON.stringify(result, null, 2));
  fs.writeFileSync(path.join(out, `proof-${stamp}.md`), md + "\n");
  console.log(`written: .data/bench/proof-${stamp}.{json,md}`);
  if (checks(result).some((c) => !c.pass)) process.exitCode = 1;
  publishResults("proof", md, { heading: "## Proof", skip: values["no-page"] });
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
