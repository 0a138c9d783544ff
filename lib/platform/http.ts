import "server-only";
import { AppError, ForbiddenError } from "@/lib/platform/errors";

/**
 * Route handlers do not get the origin check Next gives server actions: a
 * state-changing request must come from our own pages.
 */
export function isSameOrigin(request: Request): boolean {
  const origin = request.headers.get("origin");
  if (request.headers.get("sec-fetch-site") === "cross-site") return false;
  if (!origin) return false;
  const host = request.headers.get("x-forwarded-host") ?? request.headers.get("host");
  try {
    return new URL(origin).host === host;
  } catch {
    return false;
  }
}

/**
 * Read a request body up to `limit` bytes, streaming: a larger body is cut off
 * as soon as it passes the limit rather than buffered whole.
 */
export async function readBodyLimited(request: Request, limit: number): Promise<{ ok: true; bytes: Buffer } | { ok: false; tooLarge: true; size: number }> {
  const declared = Number(request.headers.get("content-length") ?? NaN);
  if (Number.isFinite(declared) && declared > limit) return { ok: false, tooLarge: true, size: declared };
  if (!request.body) return { ok: true, bytes: Buffer.alloc(0) };
  const reader = request.body.getReader();
  const chunks: Buffer[] = [];
  let size = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    size += value.byteLength;
    if (size > limit) {
      await reader.cancel().catch(() => {});
      return { ok: false, tooLarge: true, size };
    }
    chunks.push(Buffer.from(value));
  }
  return { ok: true, bytes: Buffer.concat(chunks, size) };
}

/** 405: the operation is GET only (a HEAD would run it without anyone receiving the file). */
export class MethodNotAllowedError extends AppError {
  constructor(readonly allow = "GET") {
    super(`Use ${allow}.`, 405);
  }
}

/**
 * A download that is audited in the signed-in person's name must be their
 * own doing. Refused: a HEAD (Next would run the GET handler for it: an audit
 * row, and no file), and a request the browser marks as coming from another
 * site (Sec-Fetch-Site: cross-site or same-site: a link or a form elsewhere
 * that makes a signed-in person's browser fetch it). Allowed: FieldKey's own
 * pages (same-origin), a typed or bookmarked URL (none), and clients that send
 * no Sec-Fetch-Site at all (they are not a browser a stranger can steer).
 */
export function assertOwnDownload(request: Request) {
  if (request.method === "HEAD") throw new MethodNotAllowedError("GET");
  const site = request.headers.get("sec-fetch-site");
  if (site === "cross-site" || site === "same-site") throw new ForbiddenError("Downloads start from FieldKey's own pages. Open the file from there.");
}
