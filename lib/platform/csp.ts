/**
 * The Content-Security-Policy of every page: a fresh nonce per response,
 * `'strict-dynamic'`. proxy.ts sends it with pages rendered per request; the
 * service worker sends the same policy (built here at build time with a
 * placeholder) with the offline shell, stamping a fresh nonce into both the
 * header and the shell's tags per response (sw/sw.ts).
 */
export const NONCE_PLACEHOLDER = "{NONCE}";

export function buildCsp(nonce: string, opts: { dev?: boolean; https?: boolean } = {}) {
  return [
    "default-src 'self'",
    `script-src 'self' 'nonce-${nonce}' 'strict-dynamic'${opts.dev ? " 'unsafe-eval'" : ""}`,
    "style-src 'self' 'unsafe-inline'",
    "img-src 'self' data: blob:",
    "font-src 'self'",
    "connect-src 'self'",
    "worker-src 'self'",
    "manifest-src 'self'",
    "object-src 'none'",
    "base-uri 'self'",
    "form-action 'self'",
    "frame-ancestors 'none'",
    ...(opts.https ? ["upgrade-insecure-requests"] : []),
  ].join("; ");
}
