import { getActor, requestIp } from "@/lib/auth/actor";
import { contentDisposition } from "@/lib/backups/schemas";
import { openPhoto } from "@/lib/photos/read";
import { NotFoundError } from "@/lib/platform/errors";

/**
 * A photo or its thumbnail, shown inline: verified before a byte is sent,
 * never cached, never sniffed into something else, no script context.
 * Signed out or without access to the device: the same 404, no hint it exists.
 */
export async function servePhoto(id: string, variant: "full" | "thumb") {
  const actor = await getActor();
  if (!actor) throw new NotFoundError();
  const photo = await openPhoto(actor, id, variant, await requestIp());
  return new Response(new Uint8Array(photo.bytes), {
    status: 200,
    headers: {
      "Content-Type": photo.contentType,
      "Content-Length": String(photo.bytes.length),
      "Content-Disposition": contentDisposition(variant === "thumb" ? `thumb-${photo.filename.replace(/\.\w+$/, "")}.jpg` : photo.filename).replace(
        /^attachment/,
        "inline",
      ),
      "Cache-Control": "private, no-store",
      "X-Content-Type-Options": "nosniff",
      "Content-Security-Policy": "default-src 'none'; sandbox",
      ...(photo.sha256 ? { "X-Photo-Sha256": photo.sha256 } : {}),
    },
  });
}
