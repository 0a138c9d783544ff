/**
 * Which address a request came from, decided once, by FieldKey's own HTTP
 * server (lib/cli/server.ts) before the framework sees the request, and handed
 * to the app in one internal header (CLIENT_IP_HEADER). Any copy of that header
 * a client sends is replaced.
 *
 * By default no forwarding header is trusted: the address is the socket's
 * peer. Behind reverse proxies, FIELDKEY_TRUSTED_PROXY_HOPS=n says that exactly
 * n proxies each append the address they saw to X-Forwarded-For; the client is
 * the entry n places from the right (what the outermost proxy appended).
 * Entries further left were written by the client and are ignored.
 */
import { isIP } from "node:net";

export const CLIENT_IP_HEADER = "x-fieldkey-client-ip";

/** `::ffff:127.0.0.1` (an IPv4 peer on a dual-stack socket) -> `127.0.0.1`. */
export function normaliseAddress(address: string | undefined | null): string | null {
  const a = (address ?? "").trim().replace(/^\[|\]$/g, "");
  if (!isIP(a)) return null;
  const mapped = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/i.exec(a);
  return mapped ? mapped[1]! : a.toLowerCase();
}

/** FIELDKEY_TRUSTED_PROXY_HOPS: unset or empty = 0 (no proxy); otherwise 1–10. */
export function trustedProxyHops(raw = process.env.FIELDKEY_TRUSTED_PROXY_HOPS): number {
  if (raw === undefined || raw.trim() === "") return 0;
  const n = Number(raw);
  if (!Number.isInteger(n) || n < 0 || n > 10)
    throw new Error("FIELDKEY_TRUSTED_PROXY_HOPS must be a whole number from 0 to 10 (how many proxies in front append to X-Forwarded-For).");
  return n;
}

/**
 * The client's address from the socket's peer and, with trusted proxies, the
 * X-Forwarded-For they appended to. An entry that is not an IP address (a
 * proxy that writes something else) is not trusted: the socket's peer is used.
 */
export function clientAddress(socketAddress: string | undefined, forwardedFor: string | string[] | undefined, hops: number): string {
  const peer = normaliseAddress(socketAddress) ?? "unknown";
  if (hops === 0) return peer;
  const entries = (Array.isArray(forwardedFor) ? forwardedFor.join(",") : (forwardedFor ?? ""))
    .split(",")
    .map((s) => s.trim())
    .filter(Boolean);
  if (entries.length === 0) return peer;
  // Fewer entries than proxies: the leftmost is what the outermost proxy that did append saw.
  return normaliseAddress(entries[Math.max(0, entries.length - hops)]) ?? peer;
}
