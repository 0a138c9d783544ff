/**
 * The client's address, for throttling, rate limits and the audit log.
 *
 * Each proxy in front of FieldKey appends the address it saw to
 * X-Forwarded-For, so only the entries those proxies added can be trusted:
 * the one FIELDKEY_TRUSTED_PROXY_HOPS places from the right (default 1: one
 * reverse proxy, or `next start` itself, which fills the header from the socket
 * when a client sent none). Entries further left were written by the client and
 * are ignored, so a forged header cannot pick a fresh address per request.
 */
export function clientIpFrom(headers: Headers | { get(name: string): string | null }, hops = trustedProxyHops()): string {
  const entries = (headers.get("x-forwarded-for") ?? "")
    .split(",")
    .map((s) => s.trim())
    .filter(Boolean);
  const ip = entries[Math.max(0, entries.length - hops)] || headers.get("x-real-ip")?.trim() || "unknown";
  return ip.slice(0, 64);
}

function trustedProxyHops(): number {
  const n = Number(process.env.FIELDKEY_TRUSTED_PROXY_HOPS ?? 1);
  return Number.isInteger(n) && n >= 1 && n <= 10 ? n : 1;
}
