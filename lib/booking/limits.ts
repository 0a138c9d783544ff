import "server-only";
import type { Executor } from "@/db/client";
import { can, type Actor } from "@/lib/auth/permissions";
import { RateLimitedError } from "@/lib/platform/errors";
import { hitRateLimit, type RateLimit } from "@/lib/platform/rate-limit";
import type { CompanySettings } from "@/lib/settings/schema";

/**
 * How many bookings may be made, counted in the database (every instance
 * shares the count) by bookVisit itself, so the booking form and the public
 * API share one limit whichever door is used. Only bookings that are made
 * count: the count is taken inside the booking's transaction, after the
 * replay check, and rolls back with it.
 */
export const BOOKING_LIMITS = {
  /** Nobody signed in: per client address (the form and POST /api/v1/bookings alike). */
  anonymous: { limit: 10, windowSeconds: 3600 },
  /** A signed-in customer (the form, or their API token): per customer. */
  customer: { limit: 20, windowSeconds: 24 * 3600 },
} as const satisfies Record<string, RateLimit>;

function later(seconds: number) {
  if (seconds >= 2 * 3600) return `${Math.ceil(seconds / 3600)} hours`;
  const minutes = Math.max(1, Math.ceil(seconds / 60));
  return `${minutes} minute${minutes === 1 ? "" : "s"}`;
}

/** Count this booking against its booker's limit; past it, a 429 that says whom to call. The office (visits:dispatch) is not limited. */
export async function countBooking(tx: Executor, actor: Actor | null, ip: string | null, s: Pick<CompanySettings, "companyPhone">) {
  if (can(actor, "visits:dispatch")) return;
  // In-process callers without a request (scripts, tests) have no address to count.
  const [key, rule] = actor
    ? [`booking:customer:${actor.customerId ?? actor.id}`, BOOKING_LIMITS.customer]
    : [ip ? `booking:anon:${ip}` : null, BOOKING_LIMITS.anonymous];
  if (!key) return;
  try {
    await hitRateLimit(tx, key, rule);
  } catch (err) {
    if (!(err instanceof RateLimitedError)) throw err;
    const what = actor ? "You have made a lot of bookings today." : "Too many bookings from your network in the last hour.";
    throw new RateLimitedError(`${what} Please call us on ${s.companyPhone}, or try again in ${later(err.retryAfterSeconds)}.`, err.retryAfterSeconds);
  }
}
