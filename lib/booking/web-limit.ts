import "server-only";
import { getDb } from "@/db/client";
import { hitRateLimit, type RateLimit } from "@/lib/platform/rate-limit";
import type { Actor } from "@/lib/auth/permissions";
import { RateLimitedError } from "@/lib/platform/errors";
import { getSettings } from "@/lib/settings/company";
import { bookVisit } from "./book";

/**
 * The public booking form, signed out: at most this many bookings per client
 * address per hour (counted in the database, shared by every instance; only
 * inputs that passed validation count). Signed-in customers and staff are
 * accountable and not limited here; the public API has its own per-address limit.
 */
export const WEB_BOOKING_LIMIT: RateLimit = { limit: 10, windowSeconds: 3600 };

export async function bookFromWebForm(actor: Actor | null, input: unknown, ip: string) {
  if (!actor) {
    const db = await getDb();
    try {
      await hitRateLimit(db, `web-booking:${ip}`, WEB_BOOKING_LIMIT);
    } catch (err) {
      if (!(err instanceof RateLimitedError)) throw err;
      const { companyPhone } = await getSettings(db);
      const minutes = Math.max(1, Math.ceil(err.retryAfterSeconds / 60));
      throw new RateLimitedError(
        `Too many bookings from your network in the last hour. Please call us on ${companyPhone}, or try again in ${minutes} minute${minutes === 1 ? "" : "s"}.`,
        err.retryAfterSeconds,
      );
    }
  }
  return bookVisit(actor, input, ip);
}
