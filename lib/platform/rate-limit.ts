import "server-only";
import { lt, sql } from "drizzle-orm";
import type { Executor } from "@/db/client";
import { rateLimitBuckets } from "@/db/schema";
import { RateLimitedError } from "@/lib/platform/errors";

export type RateLimit = { limit: number; windowSeconds: number };

/** Public (unauthenticated) endpoints, per client address. */
export const PUBLIC_RATE_LIMIT: RateLimit = { limit: 60, windowSeconds: 60 };
/** Calls with an API token, per token. */
export const TOKEN_RATE_LIMIT: RateLimit = { limit: 600, windowSeconds: 60 };

/**
 * Count one request against `key` in the current fixed window, in the
 * database (so every instance shares the count). One atomic upsert: two
 * callers at once can never both take the last slot. Over the limit:
 * RateLimitedError with the seconds until the window ends.
 */
export async function hitRateLimit(db: Executor, key: string, { limit, windowSeconds }: RateLimit) {
  const [row] = await db
    .insert(rateLimitBuckets)
    .values({ key, windowStart: sql`to_timestamp(floor(extract(epoch from clock_timestamp()) / ${windowSeconds}) * ${windowSeconds})`, count: 1 })
    .onConflictDoUpdate({ target: [rateLimitBuckets.key, rateLimitBuckets.windowStart], set: { count: sql`${rateLimitBuckets.count} + 1` } })
    .returning({
      count: rateLimitBuckets.count,
      retryAfter: sql<number>`ceil(extract(epoch from (${rateLimitBuckets.windowStart} + make_interval(secs => ${windowSeconds}) - clock_timestamp())))::int`,
    });
  if (row!.count > limit) {
    throw new RateLimitedError(`Too many requests. Try again in ${Math.max(1, row!.retryAfter)} seconds.`, Math.max(1, row!.retryAfter));
  }
  return { remaining: limit - row!.count };
}

/** Drop windows that ended long ago (a background job). */
export async function pruneRateLimitBuckets(db: Executor) {
  await db.delete(rateLimitBuckets).where(lt(rateLimitBuckets.windowStart, sql`now() - interval '1 hour'`));
}
