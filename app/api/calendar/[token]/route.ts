import { getDb } from "@/db/client";
import { hitRateLimit } from "@/lib/platform/rate-limit";
import { calendarFeedIcs } from "@/lib/calendar/feeds";
import { NotFoundError } from "@/lib/platform/errors";
import { routeHandler } from "@/lib/platform/route-handler";

/** A private iCal subscription: /api/calendar/<token>.ics. Unknown or revoked: 404. */
export const GET = routeHandler<{ token: string }>("calendar feed", async (_request, { params }) => {
  const { token: segment } = await params;
  const token = segment.endsWith(".ics") ? segment.slice(0, -4) : "";
  if (!token) throw new NotFoundError();
  await hitRateLimit(await getDb(), `calendar:${token.slice(0, 12)}`, { limit: 60, windowSeconds: 60 });
  const body = await calendarFeedIcs(token);
  return new Response(body, {
    headers: { "Content-Type": "text/calendar; charset=utf-8", "Content-Disposition": 'inline; filename="fieldkey.ics"', "Cache-Control": "private, no-store" },
  });
});
