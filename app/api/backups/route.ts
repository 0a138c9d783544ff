import { getActor, requestIp } from "@/lib/auth/actor";
import { storeBackup, storeBackupOnce, maxBackupBytes, sizeError } from "@/lib/backups/store";
import { AppError, ForbiddenError, UnauthenticatedError, ValidationError } from "@/lib/platform/errors";
import { isSameOrigin, readBodyLimited } from "@/lib/platform/http";
import { routeHandler } from "@/lib/platform/route-handler";

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** Where each field of an upload travels: the file is the body, its name and type are headers, the rest query parameters. */
const locate = (field: string) => (field === "file" ? "body" : field === "filename" || field === "contentType" ? "header" : "query");

/**
 * Upload one backup: the body is the file's raw bytes (streamed, limited);
 * metadata travels in the query string; X-Filename carries the original name.
 * Errors are problem+json (`detail`, and `errors[]` per field). With an
 * `Idempotency-Key` (a UUID the phone made for a queued upload), a retry is
 * stored once: it answers the first upload, `Idempotent-Replayed: true`.
 */
export const POST = routeHandler(
  "backup upload",
  async (request) => {
    if (!isSameOrigin(request)) throw new ForbiddenError("Uploads must come from FieldKey's own pages.");
    const actor = await getActor();
    if (!actor) throw new UnauthenticatedError();
    const q = new URL(request.url).searchParams;
    const body = await readBodyLimited(request, maxBackupBytes());
    if (!body.ok) {
      const msg = sizeError(body.size)!;
      throw new AppError(msg, 413, { file: [msg] });
    }
    let filename = request.headers.get("x-filename") ?? "";
    try {
      filename = decodeURIComponent(filename);
    } catch {
      throw new ValidationError("The file name could not be read.", { filename: ["The file name could not be read."] });
    }
    const key = request.headers.get("idempotency-key");
    if (key !== null && !UUID.test(key))
      throw new ValidationError("The Idempotency-Key must be a UUID made by the phone.", { "Idempotency-Key": ["Not a UUID."] });
    const meta = {
      deviceId: q.get("deviceId") ?? "",
      visitId: q.get("visitId") || undefined,
      kind: (q.get("kind") || "config") as never,
      filename,
      contentType: request.headers.get("content-type") || "application/octet-stream",
      firmwareAtExport: q.get("firmware") || undefined,
      note: q.get("note") || undefined,
      bytes: body.bytes,
    };
    const ip = await requestIp();
    if (key) {
      const { replayed, ...stored } = await storeBackupOnce(actor, meta, key.toLowerCase(), ip);
      return Response.json(stored, { status: 201, headers: { "Idempotent-Replayed": String(replayed) } });
    }
    const stored = await storeBackup(actor, meta, { ip });
    return Response.json(stored, { status: 201 });
  },
  { locate: (field) => (field === "Idempotency-Key" ? "header" : locate(field)) },
);
