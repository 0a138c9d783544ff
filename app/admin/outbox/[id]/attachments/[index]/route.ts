import { getActor, requestIp } from "@/lib/auth/actor";
import { NotFoundError } from "@/lib/platform/errors";
import { getOutboxAttachment } from "@/lib/mail/outbox-read";
import { assertOwnDownload } from "@/lib/platform/http";
import { routeHandler } from "@/lib/platform/route-handler";

/** One attachment of an outbox email, as a download (admins only; lib checks outbox:read). */
export const GET = routeHandler<{ id: string; index: string }>("outbox attachment", async (request, ctx) => {
  assertOwnDownload(request); // audited in the admin's name: not a HEAD, not started from another site
  const { id, index } = await ctx.params;
  if (!/^[0-9a-f-]{36}$/i.test(id) || !/^\d{1,3}$/.test(index)) throw new NotFoundError();
  const a = await getOutboxAttachment(await getActor(), id, Number(index), await requestIp());
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
});
