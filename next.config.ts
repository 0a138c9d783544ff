import type { NextConfig } from "next";

// Static security headers for every response. The Content-Security-Policy is
// per request (it carries a nonce) and is set in proxy.ts.
const securityHeaders = [
  { key: "X-Content-Type-Options", value: "nosniff" },
  { key: "Referrer-Policy", value: "strict-origin-when-cross-origin" },
  { key: "X-Frame-Options", value: "DENY" },
  { key: "Permissions-Policy", value: "camera=(), microphone=(), geolocation=(), payment=()" },
  { key: "Cross-Origin-Opener-Policy", value: "same-origin" },
];
/** The job pages scan serials and take photos with the camera (the same origin only); every other page keeps it off. */
const cameraPages = [{ key: "Permissions-Policy", value: "camera=(self), microphone=(), geolocation=(), payment=()" }];

const nextConfig: NextConfig = {
  poweredByHeader: false,
  // PGlite ships WASM and data files; argon2 is a native addon. Neither may be bundled.
  serverExternalPackages: ["@electric-sql/pglite", "@node-rs/argon2"],
  experimental: {
    serverActions: { bodySizeLimit: "2mb" },
    authInterrupts: true,
  },
  async headers() {
    // The booking widget may be framed by the sites its CSP frame-ancestors lists: no X-Frame-Options there.
    const frameable = securityHeaders.filter((h) => h.key !== "X-Frame-Options");
    return [
      { source: "/:path((?!widget$).*)", headers: securityHeaders },
      { source: "/widget", headers: frameable },
      // After the rule above: the last rule to set a header wins.
      { source: "/tech/:path*", headers: cameraPages },
      { source: "/admin/visits/:path*", headers: cameraPages },
      // The service worker: never kept by an HTTP cache (a deploy must reach the phones), allowed to control the whole site.
      {
        source: "/sw.js",
        headers: [
          { key: "Cache-Control", value: "no-cache, no-store, must-revalidate" },
          { key: "Content-Type", value: "application/javascript; charset=utf-8" },
          { key: "Service-Worker-Allowed", value: "/" },
          { key: "Content-Security-Policy", value: "default-src 'self'; script-src 'self'; object-src 'none'" },
        ],
      },
      // The offline shell is served by the service worker with its own nonce; fetched directly it is inert (no inline script runs).
      {
        source: "/offline/:path*",
        headers: [
          { key: "Content-Security-Policy", value: "default-src 'self'; script-src 'self'; object-src 'none'; base-uri 'self'; frame-ancestors 'none'" },
          { key: "X-Robots-Tag", value: "noindex" },
        ],
      },
      // Behind an HTTPS proxy: HSTS on every answer (proxy.ts also sets it on pages; API routes and /widget skip proxy.ts).
      {
        source: "/:path*",
        has: [{ type: "header", key: "x-forwarded-proto", value: "https" }],
        headers: [{ key: "Strict-Transport-Security", value: "max-age=63072000; includeSubDomains" }],
      },
    ];
  },
};

export default nextConfig;
