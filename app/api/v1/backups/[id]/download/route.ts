import { downloadBackupEndpoint } from "@/lib/api/endpoints/devices";
import { apiRoute } from "@/lib/api/route";
import { downloadBackup } from "@/lib/backups/read";
import { contentDisposition } from "@/lib/backups/schemas";
import { assertOwnDownload } from "@/lib/platform/http";

/** The same checks and audit as the web download (lib/backups/read.ts). */
export const GET = apiRoute(downloadBackupEndpoint, async ({ actor, params, ip, request }) => {
  assertOwnDownload(request); // a HEAD would audit a download that never happened
  const file = await downloadBackup(actor, params.id, ip);
  return new Response(new Uint8Array(file.bytes), {
    headers: {
      "Content-Type": "application/octet-stream",
      "Content-Length": String(file.bytes.length),
      "Content-Disposition": contentDisposition(file.filename),
      "Cache-Control": "no-store",
      "X-Backup-Sha256": file.sha256,
    },
  });
});
