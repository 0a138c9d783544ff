import http from "node:http";
import net, { type AddressInfo } from "node:net";
import { eq } from "drizzle-orm";
import { afterEach, describe, expect, it } from "vitest";
import { getDb } from "@/db/client";
import { webhookDeliveries, webhookEndpoints } from "@/db/schema";
import { deliverDueWebhooks } from "./deliver";
import { emitEvent } from "./emit";
import { isPublicAddress, resolveTarget, targetPolicyReason } from "./target";

const resolvesTo =
  (...addresses: string[]) =>
  async () =>
    addresses.map((address) => ({ address, family: address.includes(":") ? 6 : 4 }));

afterEach(() => {
  delete process.env.FIELDKEY_WEBHOOKS_ALLOW_PRIVATE;
});

/** The only active endpoint, with one due delivery. */
async function freshEndpoint(url: string) {
  const db = await getDb();
  await db.update(webhookEndpoints).set({ active: false, disabledAt: new Date() }).where(eq(webhookEndpoints.active, true));
  const [ep] = await db
    .insert(webhookEndpoints)
    .values({ url, secret: "s".repeat(32), events: ["visit.booked"] })
    .returning();
  await db.transaction((tx) => emitEvent(tx, "visit.booked", { visitId: "v" }));
  return ep!;
}

describe("where a webhook may be delivered (lib/webhooks/target.ts, finding 8)", () => {
  it("only public unicast addresses: every private, loopback, link-local and reserved range is refused, one by one", () => {
    for (const ok of ["93.184.215.14", "8.8.8.8", "2606:2800:21f:cb07:6820:80da:af6b:8b2c", "2a00:1450:4001::200e"]) expect(isPublicAddress(ok), ok).toBe(true);
    for (const bad of [
      "127.0.0.1",
      "127.8.9.10",
      "0.0.0.0",
      "10.1.2.3",
      "172.16.0.1",
      "172.31.255.255",
      "192.168.1.20",
      "169.254.169.254",
      "100.64.0.1",
      "100.127.255.254", // carrier-grade NAT 100.64.0.0/10
      "198.18.0.1",
      "198.19.255.254", // benchmarking 198.18.0.0/15
      "240.0.0.1",
      "255.255.255.254",
      "255.255.255.255", // 240.0.0.0/4 and broadcast
      "224.0.0.1",
      "192.0.2.1",
      "192.0.0.8",
      "::1",
      "::",
      "fc00::1",
      "fd00::5", // unique local
      "fe80::1",
      "febf:ffff::1", // link-local: all of fe80::/10, not only fe80::/16
      "fec0::1",
      "feff::1", // site-local fec0::/10
      "64:ff9b::a00:1",
      "64:ff9b::808:808", // NAT64 64:ff9b::/96 (even of a public address)
      "::ffff:10.0.0.1",
      "::ffff:127.0.0.1", // IPv4-mapped: judged as the IPv4 address
      "ff02::1",
      "2001:db8::1",
      "2002:a00:1::",
      "not-an-address",
    ])
      expect(isPublicAddress(bad), bad).toBe(false);
  });

  it("saving: this machine and private literals are refused (plain http too) unless FIELDKEY_WEBHOOKS_ALLOW_PRIVATE=1", () => {
    for (const url of [
      "http://127.0.0.1:3000/hook",
      "http://localhost:3000/",
      "https://localhost:8443/x",
      "https://db.localhost/",
      "https://[fe80::1]/x",
      "https://198.18.0.1/",
    ])
      expect(targetPolicyReason(url), url).not.toBeNull();
    expect(targetPolicyReason("http://example.com/hook")).toBe("Use an https:// URL.");
    expect(targetPolicyReason("https://hooks.example/in")).toBeNull();
    process.env.FIELDKEY_WEBHOOKS_ALLOW_PRIVATE = "1";
    expect(targetPolicyReason("http://127.0.0.1:3000/hook")).toBeNull();
    expect(targetPolicyReason("http://example.com/hook")).toBe("Use an https:// URL."); // plain http still only to this machine
  });

  it("delivering: resolved once; a public name with any private answer is refused; the address checked is the one returned", async () => {
    let calls = 0;
    const counting = async () => {
      calls++;
      return [{ address: "93.184.215.14", family: 4 }];
    };
    expect(await resolveTarget("https://hooks.example/in", counting)).toMatchObject({ ok: true, address: "93.184.215.14", family: 4 });
    expect(calls).toBe(1);
    for (const address of ["10.1.2.3", "169.254.169.254", "127.0.0.1", "::1", "fd00::5", "::ffff:10.0.0.1", "100.64.1.1", "fec0::2"]) {
      expect(await resolveTarget("https://hooks.example/in", resolvesTo("93.184.215.14", address))).toEqual({
        ok: false,
        reason: `Refused: hooks.example resolves to the private, loopback or reserved address ${address}.`,
      });
    }
    const nx = Object.assign(new Error("getaddrinfo ENOTFOUND"), { code: "ENOTFOUND" });
    expect(await resolveTarget("https://gone.example/x", async () => Promise.reject(nx))).toEqual({
      ok: false,
      reason: "Could not resolve gone.example: ENOTFOUND",
    });
  });

  it("the connection goes to the address checked, not to a second lookup", async () => {
    process.env.FIELDKEY_WEBHOOKS_ALLOW_PRIVATE = "1"; // the listener is on this machine
    const connections: string[] = [];
    const listener = net.createServer((socket) => {
      connections.push(String(socket.remoteAddress));
      socket.destroy();
    });
    await new Promise<void>((r) => listener.listen(0, "127.0.0.1", r));
    const port = (listener.address() as AddressInfo).port;
    try {
      // A name no resolver knows (.invalid): only the address the check returned can make this connection.
      const ep = await freshEndpoint(`https://receiver.invalid:${port}/hook`);
      let lookups = 0;
      const resolve = async (host: string) => {
        lookups++;
        expect(host).toBe("receiver.invalid");
        return [{ address: "127.0.0.1", family: 4 }];
      };
      expect(await deliverDueWebhooks({ workerId: "w-pin", resolve })).toEqual({ claimed: 1, delivered: 0 });
      expect(lookups).toBe(1);
      expect(connections).toEqual(["127.0.0.1"]);
      const [row] = await (await getDb()).select().from(webhookDeliveries).where(eq(webhookDeliveries.endpointId, ep.id));
      expect(row!.lastError).toMatch(/^Could not connect/); // the listener hung up: no TLS there
    } finally {
      await new Promise((r) => listener.close(r));
    }
  });

  it("the receiver's status code is kept, never its body", async () => {
    process.env.FIELDKEY_WEBHOOKS_ALLOW_PRIVATE = "1";
    const receiver = http.createServer((req, res) => {
      req.resume();
      req.on("end", () => res.writeHead(418, { "Content-Type": "text/plain" }).end("internal secrets of the receiver"));
    });
    await new Promise<void>((r) => receiver.listen(0, "127.0.0.1", r));
    try {
      const ep = await freshEndpoint(`http://127.0.0.1:${(receiver.address() as AddressInfo).port}/hook`);
      expect(await deliverDueWebhooks({ workerId: "w-body" })).toEqual({ claimed: 1, delivered: 0 });
      const [row] = await (await getDb()).select().from(webhookDeliveries).where(eq(webhookDeliveries.endpointId, ep.id));
      expect(row).toMatchObject({ lastStatusCode: 418, lastError: "Receiver answered 418" });
      expect(JSON.stringify(row)).not.toContain("internal secrets");
    } finally {
      await new Promise((r) => receiver.close(r));
    }
  });

  it("an endpoint on this machine saved before the rule (http://127.0.0.1) gets nothing, and says why", async () => {
    const db = await getDb();
    await db.update(webhookEndpoints).set({ active: false, disabledAt: new Date() }).where(eq(webhookEndpoints.active, true));
    const [ep] = await db
      .insert(webhookEndpoints)
      .values({ url: "http://127.0.0.1:1/api/health", secret: "s".repeat(32), events: ["visit.booked"] })
      .returning();
    await db.transaction((tx) => emitEvent(tx, "visit.booked", { visitId: "v" }));
    expect(await deliverDueWebhooks({ workerId: "w-ssrf" })).toEqual({ claimed: 1, delivered: 0 });
    const [row] = await db.select().from(webhookDeliveries).where(eq(webhookDeliveries.endpointId, ep!.id));
    expect(row).toMatchObject({ status: "pending", lastStatusCode: null, lastError: "Use an https:// URL." });
  });
});
