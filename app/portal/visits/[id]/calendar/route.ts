import { getActor } from "@/lib/auth/actor";
import { myVisitCalendar } from "@/lib/booking/my-visits";
import { NotFoundError } from "@/lib/platform/errors";
import { routeHandler } from "@/lib/platform/route-handler";

/** The visit's .ics, for the signed-in customer who owns it. */
export const GET = routeHandler<{ id: string }>("visit calendar", async (_request, ctx) => {
  const { id } = await ctx.params;
  if (!/^[0-9a-f-]{36}$/i.test(id)) throw new NotFoundError();
  const { filename, ics } = await myVisitCalendar(await getActor(), id);
  return new Response(ics, {
    headers: {
      "Content-Type": "text/calendar; charset=utf-8",
      "Content-Disposition": `attachment; filename="${filename}"`,
      "Cache-Control": "private, no-store",
      "X-Content-Type-Options": "nosniff",
    },
  });
});
