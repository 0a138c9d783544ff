/** The proof benchmark's results as Markdown (printed, written under .data/bench/ and into docs/benchmarks.md). */
import { describeMachine, type Machine } from "./benchmarks-page";
import type { FirstLoad } from "./first-load";
import type { FloorPhase, LoadPhase, StartupResult } from "./phases";
import { atMost, ratio, type Check } from "./stats";

export type KindResult = { kind: string; startup: StartupResult; load: LoadPhase };
export type ProofResult = {
  date: string;
  machine: Machine & { loadAverageEnd?: number[]; seconds?: number };
  command: string;
  settings: { connections: number; seconds: number; warmupSeconds: number; startupRuns: number; demo: boolean };
  firstLoad: { job: FirstLoad; bare: FirstLoad; smallestAppPage: { route: string; gzip: number }; htmlMatchesManifest: boolean | null };
  kinds: KindResult[];
  floor: FloorPhase;
};

const kb = (b: number) => `${(b / 1024).toFixed(1)} KB`;
const ms = (x: number) => `${x.toFixed(0)} ms`;
const ms1 = (x: number) => `${x.toFixed(1)} ms`;

export function checks(r: ProofResult): Check[] {
  const out: Check[] = [atMost("First-load JS: job page / bare Next.js page (gzip)", ratio(r.firstLoad.job.gzip, r.firstLoad.bare.gzip), 1.3, "×")];
  for (const k of r.kinds) {
    out.push(atMost(`${k.kind}: job page p95 / health p95 (32 connections)`, ratio(k.load.job.p95, k.load.health.p95), 3, "×"));
    out.push(atMost(`${k.kind}: npm start → first 200 of /api/health, max of cold runs`, k.startup.max.coldHealthMs! / 1000, 10, "s"));
    out.push(atMost(`${k.kind}: 200 concurrent bookings of one slot settle`, k.load.race.settleMs / 1000, 5, "s"));
    out.push({
      name: `${k.kind}: winners of that slot (API 201s / visits in the database)`,
      value: k.load.race.winners,
      target: 1,
      unit: "",
      pass: k.load.race.winners === 1 && k.load.race.visitsAtSlotInDb === 1,
    });
  }
  return out;
}

export function markdown(r: ProofResult): string {
  const m = r.machine;
  const lines = [
    `Proof benchmark, ${r.date}. Machine: ${describeMachine(m, m.loadAverageEnd)}${m.seconds ? `; whole run ${Math.round(m.seconds)} s` : ""}.`,
    `Command: \`${r.command}\` (${r.settings.connections} connections, ${r.settings.seconds} s per target after ${r.settings.warmupSeconds} s warm-up; ${r.settings.startupRuns} start-up runs).`,
    "",
    "| database | endpoint | requests | req/s | p50 | p95 | p99 | max |",
    "|---|---|---:|---:|---:|---:|---:|---:|",
  ];
  for (const k of r.kinds)
    for (const [name, l] of [
      ["/api/health", k.load.health],
      [`/tech/visits/[id] (${k.load.visit.reference})`, k.load.job],
    ] as const)
      lines.push(`| ${k.kind} | ${name} | ${l.count} | ${l.rps.toFixed(0)} | ${ms1(l.p50)} | ${ms1(l.p95)} | ${ms1(l.p99)} | ${ms(l.max)} |`);
  for (const [name, l] of [
    ["bare Next.js: /api/ping (route handler)", r.floor.route],
    ["bare Next.js: /dynamic (one heading, per request)", r.floor.page],
  ] as const)
    lines.push(`| none | ${name} | ${l.count} | ${l.rps.toFixed(0)} | ${ms1(l.p50)} | ${ms1(l.p95)} | ${ms1(l.p99)} | ${ms(l.max)} |`);
  lines.push(
    "",
    `Framework floor (context for the job page target, not a target): in a bare Next.js app on this machine, a page that renders one heading per request answers at p95 ${ratio(r.floor.page.p95, r.floor.route.p95).toFixed(2)}× a route handler's p95, and serves ${ratio(r.floor.page.rps, r.floor.route.rps).toFixed(2)}× its requests per second.`,
    ...r.kinds.map(
      (k) =>
        `${k.kind}: the job page's p95 is ${ratio(k.load.job.p95, r.floor.page.p95).toFixed(1)}× that bare page's p95; per request (1 / req/s under load) the job page costs ${(1000 / k.load.job.rps).toFixed(1)} ms, health ${(1000 / k.load.health.rps).toFixed(2)} ms, the bare page ${(1000 / r.floor.page.rps).toFixed(2)} ms.`,
    ),
  );
  for (const k of r.kinds) {
    const c = k.load.checks;
    lines.push(
      "",
      `${k.kind}: the job page answered ${c.jobStatus} with the visit (${k.load.visit.reference}) for the signed-in technician, and every loaded request was 200; signed out it redirects to ${c.signedOutRedirect ?? "?"}. Seeding took ${k.load.seedSeconds.toFixed(0)} s.`,
    );
  }
  lines.push("", "| database | npm start → first 200 | median | max |", "|---|---|---:|---:|");
  for (const k of r.kinds) {
    const s = k.startup;
    lines.push(`| ${k.kind} | /api/health, fresh database (cold) | ${ms(s.median.coldHealthMs!)} | ${ms(s.max.coldHealthMs!)} |`);
    lines.push(`| ${k.kind} | "/", fresh database (cold) | ${ms(s.median.coldHomeMs!)} | ${ms(s.max.coldHomeMs!)} |`);
    lines.push(`| ${k.kind} | /api/health, restart (warm) | ${ms(s.median.warmHealthMs!)} | ${ms(s.max.warmHealthMs!)} |`);
    lines.push(`| ${k.kind} | "/", restart (warm) | ${ms(s.median.warmHomeMs!)} | ${ms(s.max.warmHomeMs!)} |`);
  }
  lines.push("", "| database | booking race | settle | answers | visits at the slot (database) |", "|---|---|---:|---|---:|");
  for (const k of r.kinds) {
    const b = k.load.race;
    lines.push(
      `| ${k.kind} | ${b.requests} × POST /api/v1/bookings, ${b.slotStart} | ${ms(b.settleMs)} | ${Object.entries(b.statuses)
        .map(([s, n]) => `${n} × ${s}`)
        .join(", ")} (${b.slotTakenAnswers} "just taken") | ${b.visitsAtSlotInDb} |`,
    );
  }
  const f = r.firstLoad;
  lines.push(
    "",
    "| first-load JS (gzip) | files | bytes | gzip |",
    "|---|---:|---:|---:|",
    `| bare Next.js page (throw-away app, same Next) | ${f.bare.files.length} | ${kb(f.bare.bytes)} | ${kb(f.bare.gzip)} |`,
    `| smallest page of this app (${f.smallestAppPage.route}) | | | ${kb(f.smallestAppPage.gzip)} |`,
    `| technician job page /tech/visits/[id] | ${f.job.files.length} | ${kb(f.job.bytes)} | ${kb(f.job.gzip)} |`,
    "",
    `Served HTML of the job page loads exactly the manifest's files: ${f.htmlMatchesManifest === null ? "not checked" : f.htmlMatchesManifest ? "yes" : "NO"}.`,
    "",
    "| target | measured | limit | result |",
    "|---|---:|---:|---|",
    ...checks(r).map(
      (c) =>
        `| ${c.name} | ${Number.isFinite(c.value) ? c.value.toFixed(2) : "—"}${c.unit} | ${c.name.includes("winners") ? "exactly 1" : `≤ ${c.target}${c.unit}`} | ${c.pass ? "PASS" : "FAIL"} |`,
    ),
  );
  return lines.join("\n");
}
