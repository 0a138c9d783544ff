/**
 * Fixture data for the time-zone journey (e2e/report-timezone.spec.ts), written
 * into a fresh database before its servers start (tsx, the server's environment):
 *   FAULTS_OUT=<json file> TZ_ATTEMPTS=4000 TZ_NEW_ZONE=Asia/Tokyo tsx --conditions=react-server e2e/support/timezone-seed.ts
 * An admin (password PASSWORD, no second factor yet: the journey enrols),
 * the benchmarks' synthetic history (bench/support/synthetic.ts, rollups
 * rebuilt at the end), and a report window whose totals differ between the
 * company's zone and the new one, with those totals counted straight from the
 * base tables in each zone (not from the rollups).
 */
import fs from "node:fs";
import { sql } from "drizzle-orm";
import { getDatabaseHandle, type Database } from "@/db/client";
import { users } from "@/db/schema";
import { seedSyntheticHistory } from "@/bench/support/synthetic";
import { hashPassword } from "@/lib/auth/password";
import { queryRows } from "@/lib/reports/queries";
import { PASSWORD } from "./helpers";

/** What the report's totals line shows for a window: attempts with a result, succeeded, waiting on a vendor, completed visits. */
export type WindowTotals = { final: number; succeeded: number; pending: number; visits: number };

export type TimeZoneFixture = {
  adminEmail: string;
  attempts: number;
  oldZone: string;
  newZone: string;
  /** A few days (company-local dates) whose totals are not the same in both zones. */
  window: { from: string; to: string };
  expected: { old: WindowTotals; new: WindowTotals };
  seedMs: number;
};

async function totals(db: Database, zone: string, from: string, to: string): Promise<WindowTotals> {
  const [a] = await queryRows<{ final: number; succeeded: number; pending: number }>(
    db,
    sql`SELECT count(*) FILTER (WHERE outcome IN ('succeeded', 'failed', 'abandoned'))::int AS final,
          count(*) FILTER (WHERE outcome = 'succeeded')::int AS succeeded, count(*) FILTER (WHERE outcome = 'waiting_vendor')::int AS pending
        FROM attempts WHERE (coalesce(started_at, created_at) AT TIME ZONE ${zone})::date BETWEEN ${from}::date AND ${to}::date`,
  );
  const [v] = await queryRows<{ n: number }>(
    db,
    sql`SELECT count(*)::int AS n FROM visits WHERE status = 'completed' AND (starts_at AT TIME ZONE ${zone})::date BETWEEN ${from}::date AND ${to}::date`,
  );
  return { ...a!, visits: v!.n };
}

async function main() {
  const out = process.env.FAULTS_OUT;
  const newZone = process.env.TZ_NEW_ZONE;
  const attempts = Number(process.env.TZ_ATTEMPTS);
  if (!out || !newZone || !Number.isInteger(attempts)) throw new Error("set FAULTS_OUT, TZ_NEW_ZONE and TZ_ATTEMPTS");
  const t0 = performance.now();
  const handle = await getDatabaseHandle();
  const db = handle.db;
  const adminEmail = "ada@timezone.test";
  await db.insert(users).values({ email: adminEmail, name: "Ada Admin", role: "admin", passwordHash: await hashPassword(PASSWORD) });
  // A year of history: with 1,000 facts a step, `attempts` / 1,000 steps.
  await seedSyntheticHistory(db, { attempts, months: 12, technicians: 4 });
  const [{ oldZone, today }] = (await queryRows<{ oldZone: string; today: string }>(
    db,
    sql`SELECT reports_tz() AS "oldZone", to_char((now() AT TIME ZONE reports_tz())::date, 'YYYY-MM-DD') AS today`,
  )) as [{ oldZone: string; today: string }];
  if (oldZone === newZone) throw new Error(`the company is already in ${newZone}`);

  // Three-day windows from about three months back, until one is counted differently in the two zones.
  const day = (offset: number) => new Date(Date.parse(`${today}T00:00:00Z`) - offset * 86_400_000).toISOString().slice(0, 10);
  for (let k = 0; k < 30; k++) {
    const window = { from: day(90 + 3 * k), to: day(88 + 3 * k) };
    const expected = { old: await totals(db, oldZone, window.from, window.to), new: await totals(db, newZone, window.from, window.to) };
    if (JSON.stringify(expected.old) === JSON.stringify(expected.new)) continue;
    const fixture: TimeZoneFixture = { adminEmail, attempts, oldZone, newZone, window, expected, seedMs: Math.round(performance.now() - t0) };
    fs.writeFileSync(out, JSON.stringify(fixture));
    await handle.close();
    return;
  }
  throw new Error("no window counted differently in the two zones");
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
