import { getActor, requestIp } from "@/lib/auth/actor";
import { downloadBackup } from "@/lib/backups/read";
import { contentDisposition } from "@/lib/backups/schemas";
import { NotFoundError } from "@/lib/platform/errors";
import { assertOwnDownload } from "@/lib/platform/http";
import { routeHandler } from "@/lib/platform/route-handler";

/** Download a backup: verified before a byte is sent, audited, never cached. Others get 404; HEAD 405; from another site 403. */
export const GET = routeHandler<{ id: string }>("backup download", async (request, { params }) => {
  // Not a HEAD, not started from another site: the audit row must be the person's own download.
  assertOwnDownload(request);
  const { id } = await params;
  const actor = await getActor();
  // Signed-out visitors get the same 404 as anyone without access: no hint it exists.
  if (!actor) throw new NotFoundError();
  const file = await downloadBackup(actor, id, await requestIp());
  return new Response(new Uint8Array(file.bytes), {
    status: 200,
    headers: {
      "Content-Type": "application/octet-stream",
      "Content-Length": String(file.bytes.length),
      "Content-Disposition": contentDisposition(file.filename),
      "Cache-Control": "no-store",
      "X-Content-Type-Options": "nosniff",
      "X-Backup-Sha256": file.sha256,
    },
  });
});
