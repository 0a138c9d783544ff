/** The measured phases of `npm run bench:proof`, one database kind at a time. */
import { spawnSync } from "node:child_process";
import path from "node:path";
import { bookedVisitsAt, freshDatabase, type Kind } from "./databases";
import { bookingRace, type RaceResult } from "./bookings";
import { BENCH_TECH_EMAIL, RACE_WEEKDAY } from "./fixtures";
import { getPage, load, signIn, type LoadResult } from "./http";
import { startApp, startBareNext, stopApp, timeToFirst200 } from "./server";
import { median, percentile } from "./stats";
import { scriptsInHtml } from "./first-load";

const ROOT = process.cwd();
const LOGS = path.join(ROOT, ".data", "bench", "logs");
const log = (m: string) => console.log(`[bench:proof] ${m}`);

export type StartupResult = {
  runs: number;
  coldHealthMs: number[];
  coldHomeMs: number[];
  warmHealthMs: number[];
  warmHomeMs: number[];
  median: Record<string, number>;
  max: Record<string, number>;
};

/** `npm start` to the first 200 of /api/health and of "/": `runs` times on a fresh database (cold: creates and migrates it), each followed by a restart on that database (warm). */
export async function measureStartup(kind: Kind, port: number, runs: number): Promise<StartupResult> {
  const r = { coldHealthMs: [] as number[], coldHomeMs: [] as number[], warmHealthMs: [] as number[], warmHomeMs: [] as number[] };
  for (let i = 0; i < runs; i++) {
    const fresh = await freshDatabase(kind, process.env.DATABASE_URL, `start${i}`);
    try {
      for (const phase of ["cold", "warm"] as const) {
        const app = startApp(port, fresh.env, path.join(LOGS, `${kind}-start-${i}-${phase}.log`));
        try {
          const t = await timeToFirst200(app, ["/api/health", "/"]);
          r[`${phase}HealthMs`].push(t["/api/health"]!);
          r[`${phase}HomeMs`].push(t["/"]!);
          log(`${kind} start ${i + 1}/${runs} ${phase}: health ${t["/api/health"]!.toFixed(0)} ms, / ${t["/"]!.toFixed(0)} ms`);
        } finally {
          await stopApp(app);
        }
      }
    } finally {
      await fresh.drop();
    }
  }
  const pick = (f: (xs: number[]) => number) => Object.fromEntries(Object.entries(r).map(([k, xs]) => [k, f(xs)]));
  return { runs, ...r, median: pick(median), max: pick((xs) => percentile(xs, 100)) };
}

export type LoadPhase = {
  visit: { id: string; reference: string };
  checks: { jobStatus: number; jobHasReference: boolean; signedOutRedirect: string | null; scriptsInHtml: string[] };
  health: LoadResult;
  job: LoadResult;
  race: RaceResult & { visitsAtSlotInDb: number };
  seedSeconds: number;
};

/** Seed a realistic job, start the server, sign in over HTTP, load /api/health then the job page, then the booking race. */
export async function measureLoad(
  kind: Kind,
  port: number,
  opts: { seconds: number; connections: number; warmupSeconds: number; demo: boolean },
): Promise<LoadPhase> {
  const fresh = await freshDatabase(kind, process.env.DATABASE_URL, "load");
  try {
    const t0 = performance.now();
    const baseEnv = { ...process.env };
    delete baseEnv.DATABASE_URL;
    const seed = spawnSync(
      process.execPath,
      [path.join(ROOT, "node_modules/tsx/dist/cli.mjs"), "--conditions=react-server", "bench/support/seed-job.ts", ...(opts.demo ? ["--demo"] : [])],
      {
        cwd: ROOT,
        encoding: "utf8",
        env: { ...baseEnv, ...fresh.env, FIELDKEY_DISABLE_BACKGROUND: "1" },
      },
    );
    if (seed.status !== 0) throw new Error(`seeding failed:\n${seed.stdout}\n${seed.stderr}`);
    const seeded = JSON.parse(seed.stdout.trim().split("\n").pop()!) as { visitId: string; reference: string; email: string; password: string };
    const seedSeconds = (performance.now() - t0) / 1000;
    log(`${kind}: seeded ${opts.demo ? "the demo company and " : ""}the job ${seeded.reference} in ${seedSeconds.toFixed(0)} s`);

    // The booking race plays 200 customers from one machine: each names its address in X-Forwarded-For, as one trusted proxy would.
    const app = startApp(port, { ...fresh.env, FIELDKEY_TRUSTED_PROXY_HOPS: "1" }, path.join(LOGS, `${kind}-load.log`));
    let race: RaceResult;
    let result: Omit<LoadPhase, "race">;
    try {
      await timeToFirst200(app, ["/api/health"]);
      const base = `http://127.0.0.1:${port}`;
      const cookie = await signIn(base, BENCH_TECH_EMAIL, seeded.password);
      const jobUrl = `${base}/tech/visits/${seeded.visitId}`;
      const page = await getPage(jobUrl, cookie);
      const signedOut = await getPage(jobUrl);
      const checks = {
        jobStatus: page.status,
        // The job page is the technician app's shell for that visit: the job itself comes from /api/field/jobs/:id (bench:sync measures it).
        jobHasReference: page.html.includes(seeded.visitId),
        signedOutRedirect: signedOut.location,
        scriptsInHtml: scriptsInHtml(page.html),
      };
      if (checks.jobStatus !== 200 || !checks.jobHasReference)
        throw new Error(`the job page did not answer with the job (status ${page.status}, location ${page.location})`);
      if (signedOut.status === 200) throw new Error("the job page answered 200 without a session: the check proves nothing");
      if (opts.warmupSeconds > 0) {
        log(`${kind}: warm-up ${opts.warmupSeconds} s each`);
        await load(`${base}/api/health`, { connections: opts.connections, seconds: opts.warmupSeconds });
        await load(jobUrl, { connections: opts.connections, seconds: opts.warmupSeconds, cookie });
      }
      log(`${kind}: /api/health, ${opts.connections} connections, ${opts.seconds} s`);
      const health = await load(`${base}/api/health`, { connections: opts.connections, seconds: opts.seconds });
      log(`${kind}: job page, ${opts.connections} connections, ${opts.seconds} s`);
      const job = await load(jobUrl, { connections: opts.connections, seconds: opts.seconds, cookie });
      if (Object.keys(job.statuses).some((s) => s !== "200"))
        throw new Error(`the job page answered other than 200 under load: ${JSON.stringify(job.statuses)}`);
      result = { visit: { id: seeded.visitId, reference: seeded.reference }, checks, health, job, seedSeconds };
      log(`${kind}: booking race, 200 at once`);
      race = await bookingRace(base, RACE_WEEKDAY, 200);
    } finally {
      await stopApp(app);
    }
    const visitsAtSlotInDb = await bookedVisitsAt(fresh, race.slotStart);
    return { ...result, race: { ...race, visitsAtSlotInDb } };
  } finally {
    await fresh.drop();
  }
}

export type FloorPhase = { route: LoadResult; page: LoadResult };

/**
 * The framework's floor, by the same method as the job page vs health: the
 * bare Next.js app's route handler (/api/ping) and its per-request page
 * (/dynamic, one heading; it reads the request headers as every FieldKey page
 * does for its CSP nonce). No database, no session, no app code.
 */
export async function measureFloor(bareDir: string, port: number, opts: { seconds: number; connections: number; warmupSeconds: number }): Promise<FloorPhase> {
  const app = startBareNext(bareDir, port, path.join(LOGS, "bare-next.log"));
  try {
    await timeToFirst200(app, ["/api/ping", "/dynamic"]);
    const base = `http://127.0.0.1:${port}`;
    if (opts.warmupSeconds > 0) {
      log(`bare Next.js: warm-up ${opts.warmupSeconds} s each`);
      await load(`${base}/api/ping`, { connections: opts.connections, seconds: opts.warmupSeconds });
      await load(`${base}/dynamic`, { connections: opts.connections, seconds: opts.warmupSeconds });
    }
    log(`bare Next.js: /api/ping then /dynamic, ${opts.connections} connections, ${opts.seconds} s`);
    const route = await load(`${base}/api/ping`, { connections: opts.connections, seconds: opts.seconds });
    const page = await load(`${base}/dynamic`, { connections: opts.connections, seconds: opts.seconds });
    for (const [name, r] of [
      ["/api/ping", route],
      ["/dynamic", page],
    ] as const)
      if (Object.keys(r.statuses).some((s) => s !== "200"))
        throw new Error(`bare Next.js ${name} answered other than 200 under load: ${JSON.stringify(r.statuses)}`);
    return { route, page };
  } finally {
    await stopApp(app);
  }
}
