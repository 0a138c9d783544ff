/**
 * The client's address, for throttling, rate limits and the audit log: the
 * one FieldKey's server put on the request (lib/platform/client-address.ts,
 * lib/cli/server.ts). No forwarding header a client can write is read here.
 * Without it (a request that did not come through that server): "unknown".
 */
import { isIP } from "node:net";
import { CLIENT_IP_HEADER } from "./client-address";

export function clientIpFrom(headers: Headers | { get(name: string): string | null }): string {
  const ip = headers.get(CLIENT_IP_HEADER)?.trim() ?? "";
  return isIP(ip) ? ip : "unknown";
}
