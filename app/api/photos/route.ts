import { getActor, requestIp } from "@/lib/auth/actor";
import { maxPhotoBytes, photoSizeError, storePhoto } from "@/lib/photos/store";
import { AppError, ForbiddenError, UnauthenticatedError } from "@/lib/platform/errors";
import { isSameOrigin, readBodyLimited } from "@/lib/platform/http";
import { routeHandler } from "@/lib/platform/route-handler";

/** Where each field of an upload travels: the picture is the body, its upload id and name are headers, the rest query parameters. */
const locate = (field: string) => (field === "file" ? "body" : field === "filename" || field === "clientId" ? "header" : "query");

/**
 * Upload one device photo: the body is the picture's raw bytes (streamed,
 * limited), `deviceId`, `visitId`, `kind` and `takenAt` travel in the query
 * string, `Idempotency-Key` carries the id the phone made for this upload
 * (a repeat answers the first upload, `Idempotent-Replayed: true`, and
 * stores nothing) and `X-Filename` the original name. Errors are
 * problem+json (`detail`, and `errors[]` per field).
 */
export const POST = routeHandler(
  "photo upload",
  async (request) => {
    if (!isSameOrigin(request)) throw new ForbiddenError("Uploads must come from FieldKey's own pages.");
    const actor = await getActor();
    if (!actor) throw new UnauthenticatedError();
    const q = new URL(request.url).searchParams;
    const body = await readBodyLimited(request, maxPhotoBytes());
    if (!body.ok) {
      const msg = photoSizeError(body.size)!;
      throw new AppError(msg, 413, { file: [msg] });
    }
    let filename: string | undefined;
    try {
      filename = decodeURIComponent(request.headers.get("x-filename") ?? "") || undefined;
    } catch {
      filename = undefined; // a name is only a hint here: the stored one is made from the kind
    }
    const stored = await storePhoto(
      actor,
      {
        deviceId: q.get("deviceId") ?? "",
        visitId: q.get("visitId") || undefined,
        kind: q.get("kind") ?? "",
        takenAt: q.get("takenAt") || undefined,
        filename,
        clientId: request.headers.get("idempotency-key")?.toLowerCase() || undefined,
      },
      body.bytes,
      { ip: await requestIp() },
    );
    const { replayed, ...photo } = stored;
    return Response.json(photo, { status: 201, headers: { "Idempotent-Replayed": String(replayed) } });
  },
  { locate },
);
