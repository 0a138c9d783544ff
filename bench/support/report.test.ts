import { describe, expect, it } from "vitest";
import type { LoadResult } from "./http";
import { checks, markdown, type ProofResult } from "./report";

const loadOf = (rps: number, p95: number): LoadResult => ({
  count: Math.round(rps * 10),
  p50: p95 / 2,
  p95,
  p99: p95 * 1.2,
  max: p95 * 2,
  rps,
  statuses: { 200: Math.round(rps * 10) },
  errors: 0,
  timeouts: 0,
  seconds: 10,
});
const fl = (gzip: number) => ({ route: "/page", files: [{ file: "a.js", bytes: gzip * 3, gzip }], bytes: gzip * 3, gzip });

function result(): ProofResult {
  const startup = {
    runs: 1,
    coldHealthMs: [1500],
    coldHomeMs: [1600],
    warmHealthMs: [900],
    warmHomeMs: [950],
    median: { coldHealthMs: 1500, coldHomeMs: 1600, warmHealthMs: 900, warmHomeMs: 950 },
    max: { coldHealthMs: 1500, coldHomeMs: 1600, warmHealthMs: 900, warmHomeMs: 950 },
  };
  return {
    date: "2026-11-27T18:00:00.000Z",
    machine: { cpus: 2, cpuModel: "Test CPU", memoryGiB: 24, node: "20.20.2", os: "Linux 6", loadAverage: [1, 1, 1] },
    command: "npm run bench:proof",
    settings: { connections: 32, seconds: 10, warmupSeconds: 3, startupRuns: 1, demo: true },
    firstLoad: { job: fl(130_000), bare: fl(100_000), smallestAppPage: { route: "/page", gzip: 110_000 }, htmlMatchesManifest: true },
    kinds: [
      {
        kind: "PostgreSQL",
        startup,
        load: {
          visit: { id: "v", reference: "FK-1" },
          checks: { jobStatus: 200, jobHasReference: true, signedOutRedirect: "/signin?next=x", scriptsInHtml: ["a.js"] },
          health: loadOf(1000, 40),
          job: loadOf(40, 800),
          race: {
            requests: 200,
            slotStart: "2026-12-06T15:00:00.000Z",
            settleMs: 1900,
            statuses: { 201: 1, 409: 199 },
            slotTakenAnswers: 199,
            winners: 1,
            visitsAtSlotInDb: 1,
          },
          seedSeconds: 5,
        },
      },
    ],
    floor: { route: loadOf(1100, 36), page: loadOf(400, 108) },
  };
}

describe("proof report", () => {
  it("shows the framework floor beside the job page, as context and not as a target", () => {
    const r = result();
    const md = markdown(r);
    expect(md).toContain("| none | bare Next.js: /api/ping (route handler) | 11000 | 1100 |");
    expect(md).toContain("a page that renders one heading per request answers at p95 3.00× a route handler's p95, and serves 0.36× its requests per second");
    expect(md).toContain(
      "PostgreSQL: the job page's p95 is 7.4× that bare page's p95; per request (1 / req/s under load) the job page costs 25.0 ms, health 1.00 ms, the bare page 2.50 ms.",
    );
    // The targets are first-load JS plus four per database; the floor adds none.
    expect(checks(r)).toHaveLength(5);
    expect(checks(r).some((c) => /ping|dynamic|floor/i.test(c.name))).toBe(false);
  });

  it("judges each target from the measured figures", () => {
    const r = result();
    const byName = Object.fromEntries(checks(r).map((c) => [c.name, c]));
    expect(byName["PostgreSQL: job page p95 / health p95 (32 connections)"]).toMatchObject({ value: 20, pass: false });
    expect(byName["First-load JS: job page / bare Next.js page (gzip)"]).toMatchObject({ value: 1.3, pass: true });
    r.kinds[0]!.load.job = loadOf(400, 100);
    expect(checks(r).find((c) => c.name.startsWith("PostgreSQL: job page"))).toMatchObject({ value: 2.5, pass: true });
  });
});
