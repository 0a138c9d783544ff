import { getDb } from "@/db/client";
import { hitRateLimit, PUBLIC_RATE_LIMIT } from "@/lib/platform/rate-limit";
import { calendarFeedIcs } from "@/lib/calendar/feeds";
import { NotFoundError } from "@/lib/platform/errors";
import { clientIpFrom } from "@/lib/platform/request";
import { routeHandler } from "@/lib/platform/route-handler";

/**
 * A private iCal subscription: /api/calendar/<token>.ics. Unknown or revoked: 404. Limited per client
 * address (the public limit, one counter per address, whatever token it invents), never per token: a
 * made-up token must not be a way to write a row.
 */
export const GET = routeHandler<{ token: string }>("calendar feed", async (request, { params }) => {
  const { token: segment } = await params;
  const token = segment.endsWith(".ics") ? segment.slice(0, -4) : "";
  if (!token) throw new NotFoundError();
  await hitRateLimit(await getDb(), `ip:${clientIpFrom(request.headers)}`, PUBLIC_RATE_LIMIT);
  const body = await calendarFeedIcs(token);
  return new Response(body, {
    headers: { "Content-Type": "text/calendar; charset=utf-8", "Content-Disposition": 'inline; filename="fieldkey.ics"', "Cache-Control": "private, no-store" },
  });
});
