import { getActor, requestIp } from "@/lib/auth/actor";
import { MAX_LOGO_BYTES, saveLogo } from "@/lib/billing/logo";
import { AppError, ForbiddenError, UnauthenticatedError } from "@/lib/platform/errors";
import { isSameOrigin, readBodyLimited } from "@/lib/platform/http";
import { routeHandler } from "@/lib/platform/route-handler";

/** POST /admin/settings/logo: the image's raw bytes as the body (admins; checked by its magic bytes). */
export const POST = routeHandler(
  "logo upload",
  async (request) => {
    if (!isSameOrigin(request)) throw new ForbiddenError("Uploads must come from FieldKey's own pages.");
    const actor = await getActor();
    if (!actor) throw new UnauthenticatedError();
    const body = await readBodyLimited(request, MAX_LOGO_BYTES);
    if (!body.ok) throw new AppError("The logo must be at most 512 KB.", 413, { logo: ["The logo must be at most 512 KB."] });
    return Response.json(await saveLogo(actor, body.bytes, await requestIp()), { status: 201 });
  },
  { locate: () => "body" },
);
