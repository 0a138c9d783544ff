import { apiDocsHtml } from "@/lib/api/docs-html";

/** The API reference: server-rendered HTML without a single script. */
export function GET() {
  return new Response(apiDocsHtml(), {
    headers: {
      "Content-Type": "text/html; charset=utf-8",
      "Content-Security-Policy": "default-src 'none'; style-src 'unsafe-inline'; frame-ancestors 'none'; base-uri 'none'; form-action 'none'",
      "Cache-Control": "public, max-age=300",
    },
  });
}
