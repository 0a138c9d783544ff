import { describe, expect, it } from "vitest";
import { clientIpFrom } from "./request";

const h = (xff?: string, realIp?: string) =>
  new Headers({ ...(xff !== undefined ? { "x-forwarded-for": xff } : {}), ...(realIp ? { "x-real-ip": realIp } : {}) });

describe("clientIpFrom", () => {
  it("takes the address the nearest proxy appended, not one the client wrote further left", () => {
    expect(clientIpFrom(h("6.6.6.6, 203.0.113.9"))).toBe("203.0.113.9");
    expect(clientIpFrom(h("203.0.113.9"))).toBe("203.0.113.9");
  });

  it("with two trusted proxies, the entry the outer one appended", () => {
    expect(clientIpFrom(h("6.6.6.6, 203.0.113.9, 10.0.0.2"), 2)).toBe("203.0.113.9");
    expect(clientIpFrom(h("203.0.113.9"), 2)).toBe("203.0.113.9"); // fewer entries than hops: the leftmost
  });

  it("falls back to X-Real-IP, then 'unknown', and bounds the length", () => {
    expect(clientIpFrom(h(" , ", "198.51.100.4"))).toBe("198.51.100.4");
    expect(clientIpFrom(h())).toBe("unknown");
    expect(clientIpFrom(h("x".repeat(500)))).toHaveLength(64);
  });

  it("reads the hop count from FIELDKEY_TRUSTED_PROXY_HOPS, ignoring nonsense", () => {
    process.env.FIELDKEY_TRUSTED_PROXY_HOPS = "2";
    expect(clientIpFrom(h("1.1.1.1, 2.2.2.2, 3.3.3.3"))).toBe("2.2.2.2");
    process.env.FIELDKEY_TRUSTED_PROXY_HOPS = "-4";
    expect(clientIpFrom(h("1.1.1.1, 2.2.2.2, 3.3.3.3"))).toBe("3.3.3.3");
    delete process.env.FIELDKEY_TRUSTED_PROXY_HOPS;
  });
});
