import { downloadBackupEndpoint } from "@/lib/api/endpoints/devices";
import { apiRoute } from "@/lib/api/route";
import { downloadBackup } from "@/lib/backups/read";
import { contentDisposition } from "@/lib/backups/schemas";

/** The same checks and audit as the web download (lib/backups/read.ts). */
export const GET = apiRoute(downloadBackupEndpoint, async ({ actor, params, ip }) => {
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
