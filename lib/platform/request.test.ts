import { describe, expect, it } from "vitest";
import { CLIENT_IP_HEADER, clientAddress, normaliseAddress, trustedProxyHops } from "./client-address";
import { clientIpFrom } from "./request";

describe("clientAddress: who sent the request (decided by FieldKey's server, lib/cli/server.ts)", () => {
  it("by default trusts no forwarding header: the socket's peer, whatever X-Forwarded-For says", () => {
    expect(clientAddress("203.0.113.9", "6.6.6.6", 0)).toBe("203.0.113.9");
    expect(clientAddress("203.0.113.9", ["6.6.6.6", "7.7.7.7"], 0)).toBe("203.0.113.9");
    expect(clientAddress("::ffff:127.0.0.2", undefined, 0)).toBe("127.0.0.2");
    expect(clientAddress(undefined, "6.6.6.6", 0)).toBe("unknown");
  });

  it("behind n trusted proxies: the entry n places from the right (what the outermost one appended)", () => {
    expect(clientAddress("10.0.0.2", "6.6.6.6, 203.0.113.9", 1)).toBe("203.0.113.9");
    expect(clientAddress("10.0.0.2", "6.6.6.6, 203.0.113.9, 10.0.0.1", 2)).toBe("203.0.113.9");
    expect(clientAddress("10.0.0.2", "203.0.113.9", 2)).toBe("203.0.113.9"); // fewer entries than hops: the leftmost
    expect(clientAddress("10.0.0.2", undefined, 1)).toBe("10.0.0.2"); // no header: the proxy itself
    expect(clientAddress("10.0.0.2", "not-an-address", 1)).toBe("10.0.0.2"); // a non-address is not trusted
  });

  it("reads the hop count from FIELDKEY_TRUSTED_PROXY_HOPS (unset = no proxy) and refuses nonsense", () => {
    expect(trustedProxyHops(undefined)).toBe(0);
    expect(trustedProxyHops("")).toBe(0);
    expect(trustedProxyHops("2")).toBe(2);
    expect(() => trustedProxyHops("-4")).toThrow(/FIELDKEY_TRUSTED_PROXY_HOPS/);
    expect(() => trustedProxyHops("many")).toThrow(/FIELDKEY_TRUSTED_PROXY_HOPS/);
  });

  it("normalises IPv4-mapped IPv6 and refuses what is not an address", () => {
    expect(normaliseAddress("::FFFF:198.51.100.4")).toBe("198.51.100.4");
    expect(normaliseAddress("[2001:DB8::1]")).toBe("2001:db8::1");
    expect(normaliseAddress("x".repeat(500))).toBeNull();
  });
});

describe("clientIpFrom: the app reads only the server's header", () => {
  it("never a client-written X-Forwarded-For or X-Real-IP", () => {
    expect(clientIpFrom(new Headers({ "x-forwarded-for": "6.6.6.6", "x-real-ip": "7.7.7.7" }))).toBe("unknown");
    expect(clientIpFrom(new Headers({ [CLIENT_IP_HEADER]: "203.0.113.9", "x-forwarded-for": "6.6.6.6" }))).toBe("203.0.113.9");
    expect(clientIpFrom(new Headers({ [CLIENT_IP_HEADER]: "<script>" }))).toBe("unknown");
  });
});
