import "server-only";
import { lookup } from "node:dns/promises";
import { isPrivateAddressLiteral } from "./schemas";

type Lookup = (host: string) => Promise<{ address: string }[]>;
const systemLookup: Lookup = (host) => lookup(host, { all: true, verbatim: true });

/**
 * Why a delivery must not go to this URL, or null. The URL was checked when the
 * endpoint was saved, but a public name can later resolve to a private address
 * (cloud metadata, the office network): the name is resolved again right
 * before each delivery. Plain-http loopback stays allowed for trying a
 * receiver on this machine. (What remains: a name that changes its answer
 * between this check and the connection, which needs a pinned-address agent.)
 */
export async function privateTargetReason(raw: string, resolve: Lookup = systemLookup): Promise<string | null> {
  const u = new URL(raw);
  if (u.protocol === "http:") return null; // loopback only, enforced by the schema
  const host = u.hostname.replace(/^\[|\]$/g, "");
  if (isPrivateAddressLiteral(host)) return `Refused: ${host} is a private or loopback address.`;
  if (/^[\d.]+$/.test(host) || host.includes(":")) return null; // a public IP literal
  let addresses: { address: string }[];
  try {
    addresses = await resolve(host);
  } catch (err) {
    return `Could not resolve ${host}: ${(err as NodeJS.ErrnoException).code ?? (err as Error).message}`;
  }
  const bad = addresses.find((a) => isPrivateAddressLiteral(a.address));
  return bad ? `Refused: ${host} resolves to the private or loopback address ${bad.address}.` : null;
}
