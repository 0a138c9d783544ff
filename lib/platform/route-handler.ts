import "server-only";
import { unstable_rethrow } from "next/navigation";
import { problemResponse, type ProblemOptions } from "./problem";

/** What Next passes a route handler: its dynamic segments (an empty object on a static route). */
export type RouteHandlerContext<P extends Record<string, string | string[]> = Record<string, string>> = { params: Promise<P> };

/**
 * The one wrapper for route handlers outside /api/v1 (those use apiRoute,
 * lib/api/route.ts): the handler answers; whatever it throws becomes RFC 9457
 * problem+json, as on /api/v1 (lib/platform/problem.ts). `context` names the
 * route in the server log when an unexpected error is logged. Next's own
 * control flow (redirect(), notFound()) passes through untouched.
 */
export function routeHandler<P extends Record<string, string | string[]> = Record<string, string>>(
  context: string,
  handler: (request: Request, ctx: RouteHandlerContext<P>) => Promise<Response>,
  opts: ProblemOptions = {},
) {
  return async function handle(request: Request, ctx?: RouteHandlerContext<P>): Promise<Response> {
    try {
      return await handler(request, ctx ?? { params: Promise.resolve({} as P) });
    } catch (err) {
      unstable_rethrow(err);
      return problemResponse(err, context, opts);
    }
  };
}
