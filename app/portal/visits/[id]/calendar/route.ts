import { getActor } from "@/lib/auth/actor";
import { myVisitCalendar } from "@/lib/booking/my-visits";
import { AppError, toAppError } from "@/lib/platform/errors";

/** The visit's .ics, for the signed-in customer who owns it. */
export async function GET(_req: Request, ctx: { params: Promise<{ id: string }> }) {
  const { id } = await ctx.params;
  try {
    if (!/^[0-9a-f-]{36}$/i.test(id)) throw new AppError("Not found.", 404);
    const { filename, ics } = await myVisitCalendar(await getActor(), id);
    return new Response(ics, {
      headers: {
        "Content-Type": "text/calendar; charset=utf-8",
        "Content-Disposition": `attachment; filename="${filename}"`,
        "Cache-Control": "private, no-store",
        "X-Content-Type-Options": "nosniff",
      },
    });
  } catch (err) {
    const e = toAppError(err, "visit calendar");
    return new Response(e.message, { status: e.status, headers: { "Content-Type": "text/plain; charset=utf-8" } });
  }
}
