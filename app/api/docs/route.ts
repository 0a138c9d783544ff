import { apiDocsHtml } from "@/lib/api/docs-html";
import { routeHandler } from "@/lib/platform/route-handler";

/** The API reference: server-rendered HTML without a single script. */
export const GET = routeHandler(
  "api docs",
  async () =>
    new Response(apiDocsHtml(), {
      headers: {
        "Content-Type": "text/html; charset=utf-8",
        "Content-Security-Policy": "default-src 'none'; style-src 'unsafe-inline'; frame-ancestors 'none'; base-uri 'none'; form-action 'none'",
        "Cache-Control": "public, max-age=300",
      },
    }),
);
