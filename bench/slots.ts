/**
 * `npm run bench:slots`: free-slot computation against the raw fetch of the
 * same rows, and the 200-way contention for one slot. On a fresh in-memory
 * PGlite, and also on PostgreSQL when DATABASE_URL is set (a throw-away
 * database on that server). Prints a Markdown table, puts it in
 * docs/benchmarks.md (section bench:slots; `--no-page` skips that) and writes
 * JSON to bench-results/. BENCH_RUNS: timed runs per figure (default 30).
 *
 * Data: 20 technicians, Mon-Fri 09:00-17:00 (every third also Saturday),
 * 30 days of existing visits (about 3 a working day each, 60-150 min,
 * 30 min buffer), a few days off, two holidays. Technician 1 alone handles
 * Hikvision, so the contention run has exactly one possible winner.
 */
import { randomBytes } from "node:crypto";
import fs from "node:fs";
import os from "node:os";
import { parseArgs } from "node:util";
import { DateTime } from "luxon";
import { and, count, eq, isNotNull, sql } from "drizzle-orm";
import { openAndPrepare, setDatabaseHandle, type DatabaseHandle } from "@/db/client";
import { customers, holidays, sites, technicianHours, technicianProfiles, technicianTimeOff, users, visits } from "@/db/schema";
import { adminUrl, withDatabase } from "@/test/harness/databases";
import { loadAvailabilityRows, rangeFor } from "@/lib/availability/slot-rows";
import { bookVisit } from "@/lib/booking/book";
import { computeFreeSlots } from "@/lib/booking/slots";
import { bookingInput } from "@/test/support/booking";
import { ConflictError } from "@/lib/platform/errors";
import { getSettings } from "@/lib/settings/company";
import { commandLine, describeMachine, machineNow, publishResults } from "./support/benchmarks-page";

// Throw-away databases: their generated secrets may live in them (lib/platform/env.ts refuses that unless allowed).
process.env.FIELDKEY_ALLOW_DB_SECRETS ??= "1";

const RUNS = Number(process.env.BENCH_RUNS ?? 30);
const TECHS = 20;
const DAYS = 30;

async function seed(h: DatabaseHandle) {
  const db = h.db;
  const s = await getSettings(db);
  const zone = s.timeZone;
  const techIds: string[] = [];
  for (let i = 0; i < TECHS; i++) {
    const [u] = await db
      .insert(users)
      .values({ email: `bench-tech-${i}@example.test`, name: `Tech ${i}`, role: "technician" })
      .returning({ id: users.id });
    techIds.push(u!.id);
    await db.insert(technicianProfiles).values({ userId: u!.id, brands: i === 0 ? ["dahua", "lorex", "hikvision"] : ["dahua", "lorex"] });
    const days = i % 3 === 0 ? [1, 2, 3, 4, 5, 6] : [1, 2, 3, 4, 5];
    await db.insert(technicianHours).values(days.map((weekday) => ({ technicianId: u!.id, weekday, startMinute: 540, endMinute: 1020 })));
  }
  const [c] = await db.insert(customers).values({ name: "Bench Customer", email: "bench@example.test" }).returning({ id: customers.id });
  const [site] = await db
    .insert(sites)
    .values({ customerId: c!.id, addressLine1: "1 Bench St", city: "Cleveland", region: "OH", postalCode: "44101" })
    .returning({ id: sites.id });
  const today = DateTime.now().setZone(zone).startOf("day");
  await db.insert(holidays).values([
    { day: today.plus({ days: 10 }).toISODate()!, name: "Bench holiday 1" },
    { day: today.plus({ days: 20 }).toISODate()!, name: "Bench holiday 2" },
  ]);
  let seedRng = 42;
  const rand = () => (seedRng = (seedRng * 1103515245 + 12345) % 2 ** 31) / 2 ** 31;
  const rows: (typeof visits.$inferInsert)[] = [];
  for (const [i, id] of techIds.entries()) {
    if (i % 5 === 1) {
      const off = today.plus({ days: 3 + i }).set({ hour: 12 });
      await db.insert(technicianTimeOff).values({ technicianId: id, startsAt: off.toJSDate(), endsAt: off.plus({ hours: 5 }).toJSDate(), reason: "bench" });
    }
    if (i === 0) continue; // the Hikvision technician keeps a free diary for the contention run
    for (let d = 0; d < DAYS; d++) {
      const day = today.plus({ days: d });
      if (day.weekday > 5) continue;
      let cursor = day.set({ hour: 9 });
      for (let n = 0; n < 3; n++) {
        const start = cursor.plus({ minutes: 30 * Math.floor(rand() * 3) });
        const minutes = 60 + 30 * Math.floor(rand() * 4);
        const end = start.plus({ minutes });
        if (end.hour >= 17) break;
        rows.push({
          reference: `B-${randomBytes(4).toString("hex")}`,
          customerId: c!.id,
          siteId: site!.id,
          technicianId: id,
          startsAt: start.toJSDate(),
          endsAt: end.toJSDate(),
          busyUntil: end.plus({ minutes: 30 }).toJSDate(),
          status: "scheduled",
        });
        cursor = end.plus({ minutes: 30 });
      }
    }
  }
  for (let i = 0; i < rows.length; i += 500) await db.insert(visits).values(rows.slice(i, i + 500));
  return { visits: rows.length };
}

const ms = (t: bigint) => Number(t) / 1e6;
function stats(samples: number[]) {
  const sorted = [...samples].sort((a, b) => a - b);
  const q = (p: number) => sorted[Math.min(sorted.length - 1, Math.ceil(p * sorted.length) - 1)]!;
  return { median: q(0.5), p95: q(0.95) };
}
async function time(fn: () => Promise<unknown>) {
  await fn(); // warm-up
  const out: number[] = [];
  for (let i = 0; i < RUNS; i++) {
    const t0 = process.hrtime.bigint();
    await fn();
    out.push(ms(process.hrtime.bigint() - t0));
  }
  return stats(out);
}

async function measure(kind: string, h: DatabaseHandle) {
  setDatabaseHandle(h);
  const seeded = await seed(h);
  const db = h.db;
  const s = await getSettings(db);
  const now = new Date();
  const request = { brands: ["dahua" as const], deviceCount: 2 };
  const range = rangeFor(s, request, now);
  const rows = await loadAvailabilityRows(db, range, s.timeZone);
  const slotCount = computeFreeSlots(rows, s, request, now).length;
  const fetchOnly = await time(() => loadAvailabilityRows(db, range, s.timeZone));
  const fetchAndCompute = await time(async () => computeFreeSlots(await loadAvailabilityRows(db, range, s.timeZone), s, request, now));
  const computeOnly = await time(async () => computeFreeSlots(rows, s, request, now));

  // 200 confirmations for one Hikvision slot: only technician 0 can take it.
  const hik = computeFreeSlots(rows, s, { brands: ["hikvision"], deviceCount: 1 }, now)[5]!;
  const device = { brand: "hikvision" as const, kind: "dvr" as const, recovery: bookingInput("").devices[0]!.recovery };
  const inputs = Array.from({ length: 200 }, () => bookingInput(hik.start.toISOString(), { devices: [device] }));
  const t0 = process.hrtime.bigint();
  const results = await Promise.allSettled(inputs.map((i) => bookVisit(null, i, null)));
  const wall = ms(process.hrtime.bigint() - t0);
  const won = results.filter((r) => r.status === "fulfilled").length;
  const taken = results.filter((r) => r.status === "rejected" && r.reason instanceof ConflictError).length;
  // Anything else is not the "just taken" answer the booking form expects: name it.
  const otherErrors: Record<string, number> = {};
  for (const r of results)
    if (r.status === "rejected" && !(r.reason instanceof ConflictError)) {
      const e = r.reason as { code?: string; message?: string; cause?: { code?: string; message?: string } };
      const cause = e?.cause?.code ? ` (cause ${e.cause.code}: ${String(e.cause.message).slice(0, 80)})` : "";
      const key = `${e?.constructor?.name ?? "Error"}${e?.code ? ` ${e.code}` : ""}${cause}: ${String(e?.message ?? e).slice(0, 120)}`;
      otherErrors[key] = (otherErrors[key] ?? 0) + 1;
    }
  const [check] = await db
    .select({ n: count() })
    .from(visits)
    .where(and(eq(visits.startsAt, hik.start), isNotNull(visits.idempotencyKey)));
  return {
    kind,
    rows: {
      technicians: rows.technicians.length,
      hours: rows.hours.length,
      timeOff: rows.timeOff.length,
      visits: rows.busy.length,
      seededVisits: seeded.visits,
    },
    slotCount,
    fetchOnly,
    fetchAndCompute,
    computeOnly,
    contention: { requests: 200, wallMs: wall, winners: won, takenAnswers: taken, otherErrors, visitsAtSlot: Number(check!.n) },
  };
}

/** "PostgreSQL 15.14 (local)" from the server itself. */
async function postgresLabel(h: DatabaseHandle) {
  const result = (await h.db.execute(sql`show server_version`)) as unknown as { server_version: string }[] | { rows: { server_version: string }[] };
  const rows = Array.isArray(result) ? result : result.rows;
  return `PostgreSQL ${rows[0]?.server_version.split(" ")[0] ?? "?"}`;
}

async function postgresHandle(url: string) {
  const { default: postgres } = await import("postgres");
  const name = `fieldkey_bench_${randomBytes(4).toString("hex")}`;
  const admin = postgres(adminUrl(url), { max: 1, onnotice: () => {} });
  await admin.unsafe(`CREATE DATABASE ${name}`);
  await admin.end();
  const h = await openAndPrepare({ url: withDatabase(url, name), max: 20 });
  return {
    ...h,
    close: async () => {
      await h.close();
      const a = postgres(adminUrl(url), { max: 1, onnotice: () => {} });
      await a.unsafe(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      await a.end();
    },
  };
}

type SlotsResult = Awaited<ReturnType<typeof measure>>;

const f1 = (x: number) => x.toFixed(1);
const pair = (s: { median: number; p95: number }) => `${f1(s.median)} / ${f1(s.p95)} ms`;

/** The run as Markdown: when, where, how, and one row per database. */
function markdown(results: SlotsResult[], run: { date: string; seconds: number; machine: string }) {
  return [
    `Run ${run.date}, ${Math.round(run.seconds)} s. Machine: ${run.machine}.`,
    `Command: \`${commandLine("bench:slots")}\` (${RUNS} timed runs per figure after a warm-up; ${TECHS} technicians, ${DAYS} days, ${results[0]?.rows.seededVisits ?? "?"} visits seeded).`,
    "",
    "| database | visits read | free slots | fetch only median / p95 | fetch + compute median / p95 | compute only median / p95 | 200-way contention | result |",
    "|---|---:|---:|---|---|---|---|---|",
    ...results.map((r) => {
      const c = r.contention;
      const others = Object.values(c.otherErrors).reduce((a, b) => a + b, 0);
      return `| ${r.kind} | ${r.rows.visits} | ${r.slotCount} | ${pair(r.fetchOnly)} | ${pair(r.fetchAndCompute)} | ${pair(r.computeOnly)} | ${(c.wallMs / 1000).toFixed(1)} s wall | ${c.winners} booked, ${c.takenAnswers} "just taken"${others ? `, ${others} other errors (below)` : ""}; ${c.visitsAtSlot} visit at the slot in the database |`;
    }),
    ...results.flatMap((r) => {
      const entries = Object.entries(r.contention.otherErrors);
      return entries.length
        ? ["", `${r.kind}, contention answers other than "just taken": ${entries.map(([what, n]) => `${n} × ${what.replace(/\|/g, "/")}`).join("; ")}.`]
        : [];
    }),
  ].join("\n");
}

async function main() {
  const { values } = parseArgs({ options: { "no-page": { type: "boolean", default: false } } });
  const started = performance.now();
  const machine = machineNow();
  const date = new Date().toISOString();
  const results: SlotsResult[] = [];
  const pglite = await openAndPrepare({ dir: null });
  try {
    results.push(await measure("PGlite (in-memory)", pglite));
  } finally {
    await pglite.close();
  }
  if (process.env.DATABASE_URL) {
    const pg = await postgresHandle(process.env.DATABASE_URL);
    try {
      results.push(await measure(`${await postgresLabel(pg)} (DATABASE_URL)`, pg));
    } finally {
      await pg.close();
    }
  }
  setDatabaseHandle(undefined);
  const md = markdown(results, { date, seconds: (performance.now() - started) / 1000, machine: describeMachine(machine, os.loadavg()) });
  console.log(`\n${md}\n`);
  fs.mkdirSync("bench-results", { recursive: true });
  fs.writeFileSync(`bench-results/slots-${Date.now()}.json`, JSON.stringify(results, null, 2));
  publishResults("slots", md, { heading: "## Booking slots", skip: values["no-page"] });
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
