import { NextResponse, type NextRequest } from "next/server";
import { buildCsp } from "@/lib/platform/csp";

/**
 * First filter only; the data-access layer in lib/ is the security boundary.
 * - A fresh CSP nonce for every page request (Next applies it to its scripts).
 * - Signed-out visitors to /portal, /tech, /admin are sent to sign in
 *   (an optimistic check on the session cookie's presence).
 */
const PROTECTED = ["/portal", "/tech", "/admin"];
const SESSION_COOKIES = ["authjs.session-token", "__Secure-authjs.session-token"];

/**
 * A server action posted from another site: Next would refuse it too, but with a
 * bare 500. Answer 403 first, with the same rule (the Origin's host must be
 * the host the request was sent to; no Origin = a same-origin or old client).
 */
function crossSiteAction(request: NextRequest): boolean {
  if (request.method !== "POST" || !request.headers.has("next-action")) return false;
  const origin = request.headers.get("origin");
  if (!origin) return false;
  const host = request.headers.get("x-forwarded-host") ?? request.headers.get("host");
  try {
    return new URL(origin).host !== host;
  } catch {
    return true; // "null" or garbage
  }
}

export function proxy(request: NextRequest) {
  const { pathname, search } = request.nextUrl;
  if (crossSiteAction(request)) {
    return new NextResponse("Cross-site form submissions are not accepted.", { status: 403, headers: { "Content-Type": "text/plain; charset=utf-8" } });
  }
  if (PROTECTED.some((p) => pathname === p || pathname.startsWith(p + "/"))) {
    const hasSession = SESSION_COOKIES.some((c) => request.cookies.has(c) || request.cookies.getAll().some((k) => k.name.startsWith(c + ".")));
    if (!hasSession) {
      const url = request.nextUrl.clone();
      url.pathname = "/signin";
      url.search = `?next=${encodeURIComponent(pathname + search)}`;
      return NextResponse.redirect(url);
    }
  }

  const nonce = Buffer.from(crypto.randomUUID()).toString("base64");
  const csp = buildCsp(nonce, { dev: process.env.NODE_ENV !== "production", https: request.nextUrl.protocol === "https:" });

  const requestHeaders = new Headers(request.headers);
  requestHeaders.set("x-nonce", nonce);
  requestHeaders.set("Content-Security-Policy", csp);
  const response = NextResponse.next({ request: { headers: requestHeaders } });
  response.headers.set("Content-Security-Policy", csp);
  if (request.headers.get("x-forwarded-proto") === "https" || request.nextUrl.protocol === "https:") {
    response.headers.set("Strict-Transport-Security", "max-age=63072000; includeSubDomains");
  }
  return response;
}

export const config = {
  // Pages only: not API routes, static files or images. The booking widget
  // (/widget, a route handler) sets its own CSP: its frame-ancestors lists the
  // sites allowed to embed it instead of 'none'.
  // Also not: the service worker and the offline shell (static files with their own headers, next.config.ts),
  // the web app manifest and its icons.
  matcher: ["/((?!api|widget$|_next/static|_next/image|favicon.ico|sw\\.js|offline/|manifest\\.webmanifest|icons/).*)"],
};
