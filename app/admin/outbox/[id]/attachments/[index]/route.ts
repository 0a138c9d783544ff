import { getActor } from "@/lib/auth/actor";
import { AppError, toAppError } from "@/lib/platform/errors";
import { getOutboxAttachment } from "@/lib/mail/outbox-read";

/** One attachment of an outbox email, as a download (admins only; lib checks outbox:read). */
export async function GET(_req: Request, ctx: { params: Promise<{ id: string; index: string }> }) {
  const { id, index } = await ctx.params;
  try {
    if (!/^[0-9a-f-]{36}$/i.test(id) || !/^\d{1,3}$/.test(index)) throw new AppError("Not found.", 404);
    const a = await getOutboxAttachment(await getActor(), id, Number(index));
    const safeName = a.filename.replace(/[^\w.-]/g, "_");
    return new Response(new Uint8Array(a.bytes), {
      headers: {
        "Content-Type": a.contentType,
        "Content-Disposition": `attachment; filename="${safeName}"`,
        "Content-Length": String(a.bytes.length),
        "Cache-Control": "private, no-store",
        "X-Content-Type-Options": "nosniff",
      },
    });
  } catch (err) {
    const e = toAppError(err, "outbox attachment");
    return new Response(e.message, { status: e.status, headers: { "Content-Type": "text/plain; charset=utf-8" } });
  }
}
