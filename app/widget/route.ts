import { routeHandler } from "@/lib/platform/route-handler";
import { getSettings } from "@/lib/settings/company";
import { widgetHtml } from "@/lib/widget/html";
import { frameAncestors } from "@/lib/widget/schemas";

/**
 * The booking widget, for an iframe on the company's site. It sets its own
 * Content-Security-Policy: frame-ancestors lists the sites allowed in the
 * company settings (instead of 'none' everywhere else). proxy.ts and the
 * X-Frame-Options header in next.config.ts leave this route alone.
 */
export const GET = routeHandler("booking widget", async () => {
  const s = await getSettings();
  const csp = [
    "default-src 'none'",
    "script-src 'self'",
    "connect-src 'self'",
    "style-src 'unsafe-inline'",
    "img-src 'self' data:",
    "base-uri 'none'",
    "form-action 'self'",
    `frame-ancestors ${frameAncestors(s.widgetAllowedOrigins)}`,
  ].join("; ");
  return new Response(widgetHtml(s), {
    headers: { "Content-Type": "text/html; charset=utf-8", "Content-Security-Policy": csp, "Cache-Control": "no-store" },
  });
});
