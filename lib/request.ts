/**
 * The client's address, for throttling and the audit log. FieldKey expects to
 * run behind one trusted proxy (or `next start` itself, which sets
 * x-forwarded-for from the socket): the first x-forwarded-for entry is used.
 */
export function clientIpFrom(headers: Headers | { get(name: string): string | null }): string {
  const xff = headers.get("x-forwarded-for");
  const first = xff?.split(",")[0]?.trim();
  const ip = first || headers.get("x-real-ip")?.trim() || "unknown";
  return ip.slice(0, 64);
}
