/**
 * `npm run bench:seed -- --attempts 1000000 [--technicians 12] [--months 24]`
 * Fills the configured database (DATABASE_URL, else the embedded one under
 * FIELDKEY_DATA_DIR: stop the server first) with synthetic history for
 * benchmarks. Not for a production database: it adds bench users and customers.
 */
import { parseArgs } from "node:util";
import { getDatabaseHandle } from "@/db/client";
import { seedSyntheticHistory } from "@/bench/support/synthetic";

async function main() {
  const { values } = parseArgs({
    options: { attempts: { type: "string", default: "10000" }, technicians: { type: "string", default: "12" }, months: { type: "string", default: "24" } },
  });
  const attempts = Number(values.attempts);
  if (!Number.isInteger(attempts) || attempts < 2 || attempts > 50_000_000) {
    console.error("Usage: npm run bench:seed -- --attempts 1000000 [--technicians 12] [--months 24]");
    process.exit(2);
  }
  const handle = await getDatabaseHandle();
  const started = performance.now();
  try {
    const counts = await seedSyntheticHistory(handle.db, {
      attempts,
      technicians: Number(values.technicians),
      months: Number(values.months),
      log: (m) => console.log(`[bench:seed] ${m} (${((performance.now() - started) / 1000).toFixed(1)} s)`),
    });
    console.log(`[bench:seed] done in ${((performance.now() - started) / 1000).toFixed(1)} s:`, counts);
  } finally {
    await handle.close();
  }
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
