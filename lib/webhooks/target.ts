import "server-only";
import { lookup as dnsLookup } from "node:dns/promises";
import ipaddr from "ipaddr.js";

/**
 * Where a webhook may be delivered, decided once per delivery and then held
 * to: the host name is resolved once, every answer must be a public unicast
 * address, and the connection is made to the address that was checked (the
 * request's `lookup` returns it), so a name that changes its answer between
 * the check and the connection gets nothing. Loopback, private, link-local,
 * carrier-grade NAT, benchmarking, reserved, site-local, NAT64 and every other
 * special range (ipaddr.js's ranges: anything but "unicast") is refused,
 * unless FIELDKEY_WEBHOOKS_ALLOW_PRIVATE=1 (a receiver on this machine or the
 * office network, e.g. in tests). Plain http is accepted only then, and only
 * to this machine.
 */
export type Resolve = (host: string) => Promise<{ address: string; family: number }[]>;
const systemResolve: Resolve = (host) => dnsLookup(host, { all: true, verbatim: true });

export type Target = { ok: true; url: URL; address: string; family: 4 | 6 } | { ok: false; reason: string };

export const privateTargetsAllowed = () => process.env.FIELDKEY_WEBHOOKS_ALLOW_PRIVATE === "1";

/** An address a delivery may go to: a public unicast address (an IPv4-mapped IPv6 address is judged as its IPv4 address). */
export function isPublicAddress(address: string): boolean {
  let ip: ipaddr.IPv4 | ipaddr.IPv6;
  try {
    ip = ipaddr.parse(address.replace(/^\[|\]$/g, "").replace(/%.*$/, ""));
  } catch {
    return false;
  }
  if (ip.kind() === "ipv6" && (ip as ipaddr.IPv6).isIPv4MappedAddress()) ip = (ip as ipaddr.IPv6).toIPv4Address();
  return ip.range() === "unicast";
}

const isLocalName = (host: string) => host === "localhost" || host.endsWith(".localhost");

/** Check a URL for saving (no DNS yet: literal addresses, local names and the scheme); null when it may be saved. */
export function targetPolicyReason(raw: string): string | null {
  let u: URL;
  try {
    u = new URL(raw);
  } catch {
    return "That is not a URL.";
  }
  const host = u.hostname.replace(/^\[|\]$/g, "").toLowerCase();
  const allow = privateTargetsAllowed();
  if (u.protocol === "http:") {
    return allow && (host === "127.0.0.1" || host === "localhost" || host === "::1") ? null : "Use an https:// URL.";
  }
  if (u.protocol !== "https:") return "Use an https:// URL.";
  if (allow) return null;
  if (isLocalName(host)) return `Refused: ${host} is this machine.`;
  if (ipaddr.isValid(host) && !isPublicAddress(host)) return `Refused: ${host} is a private, loopback or reserved address.`;
  return null;
}

/** Resolve once and check every answer: the address to connect to, or why not. */
export async function resolveTarget(raw: string, resolve: Resolve = systemResolve): Promise<Target> {
  const policy = targetPolicyReason(raw);
  if (policy) return { ok: false, reason: policy };
  const url = new URL(raw);
  const host = url.hostname.replace(/^\[|\]$/g, "");
  let answers: { address: string; family: number }[];
  if (ipaddr.isValid(host)) answers = [{ address: host, family: host.includes(":") ? 6 : 4 }];
  else {
    try {
      answers = await resolve(host);
    } catch (err) {
      return { ok: false, reason: `Could not resolve ${host}: ${(err as NodeJS.ErrnoException).code ?? (err as Error).message}` };
    }
  }
  if (answers.length === 0) return { ok: false, reason: `Could not resolve ${host}.` };
  const bad = privateTargetsAllowed() ? undefined : answers.find((a) => !isPublicAddress(a.address));
  if (bad) return { ok: false, reason: `Refused: ${host} resolves to the private, loopback or reserved address ${bad.address}.` };
  const first = answers[0]!;
  return { ok: true, url, address: first.address, family: first.family === 6 ? 6 : 4 };
}

/** A `lookup` for node:http(s) that answers with the checked address only: the connection goes where the check said. */
export function pinnedLookup(address: string, family: 4 | 6) {
  return (_host: string, opts: { all?: boolean } | number | undefined, cb: (...args: unknown[]) => void) => {
    const callback = typeof opts === "function" ? (opts as (...args: unknown[]) => void) : cb;
    if (typeof opts === "object" && opts?.all) callback(null, [{ address, family }]);
    else callback(null, address, family);
  };
}
