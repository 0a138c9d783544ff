import { sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { getDatabaseHandle, openDatabase, type Database, type DatabaseHandle } from "@/db/client";
import { withDatabase } from "@/test/harness/databases";
import { RateLimitedError } from "@/lib/platform/errors";
import { hitRateLimit, pruneRateLimitBuckets } from "./rate-limit";

/** Two app instances: on PostgreSQL a second connection pool to the same database; on PGlite the one in-process database. */
let one: Database, two: Database, second: DatabaseHandle | undefined;
beforeAll(async () => {
  const h = await getDatabaseHandle();
  one = h.db;
  two = h.db;
  if (h.kind === "postgres") {
    const rows = (await one.execute(sql`select current_database() as name`)) as unknown as { name: string }[];
    second = await openDatabase({ url: withDatabase(process.env.DATABASE_URL!, rows[0]!.name), max: 10 });
    two = second.db;
  }
});
afterAll(async () => second?.close());

const outcome = (p: Promise<unknown>) =>
  p.then(
    () => "ok" as const,
    (e) => (e instanceof RateLimitedError ? ("limited" as const) : Promise.reject(e)),
  );

describe("rate limits counted in the database", () => {
  it("allows N per window per key, then 429 with the seconds until the window ends", async () => {
    const rule = { limit: 3, windowSeconds: 60 };
    for (let i = 0; i < 3; i++) await hitRateLimit(one, "ip:198.51.100.1", rule);
    const err = await hitRateLimit(one, "ip:198.51.100.1", rule).catch((e) => e);
    expect(err).toBeInstanceOf(RateLimitedError);
    expect(err.retryAfterSeconds).toBeGreaterThanOrEqual(1);
    expect(err.retryAfterSeconds).toBeLessThanOrEqual(60);
    // Another key has its own count.
    await expect(hitRateLimit(one, "ip:198.51.100.2", rule)).resolves.toEqual({ remaining: 2 });
  });

  it("two instances calling at once share one count: exactly the limit gets through", async () => {
    const rule = { limit: 25, windowSeconds: 3600 };
    const key = `token:${crypto.randomUUID()}`;
    const calls = Array.from({ length: 60 }, (_, i) => outcome(hitRateLimit(i % 2 ? one : two, key, rule)));
    const results = await Promise.all(calls);
    expect(results.filter((r) => r === "ok")).toHaveLength(25);
    expect(results.filter((r) => r === "limited")).toHaveLength(35);
  });

  it("old windows are pruned", async () => {
    await one.execute(sql`insert into rate_limit_buckets (key, window_start, count) values ('old', now() - interval '2 hours', 5)`);
    await pruneRateLimitBuckets(one);
    const rows = (await one.execute(sql`select count(*)::int as n from rate_limit_buckets where key = 'old'`)) as unknown as
      { n: number }[] | { rows: { n: number }[] };
    const n = Array.isArray(rows) ? rows[0]!.n : rows.rows[0]!.n;
    expect(n).toBe(0);
  });
});
