import { eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { getDb } from "@/db/client";
import { webhookDeliveries, webhookEndpoints } from "@/db/schema";
import { deliverDueWebhooks } from "./deliver";
import { emitEvent } from "./emit";
import { privateTargetReason } from "./target";

const resolvesTo =
  (...addresses: string[]) =>
  async () =>
    addresses.map((address) => ({ address }));

describe("privateTargetReason: where a delivery may go, checked right before it is sent", () => {
  it("allows a name that resolves only to public addresses, and public IP literals", async () => {
    expect(await privateTargetReason("https://hooks.example/in", resolvesTo("93.184.215.14", "2606:2800:21f:cb07:6820:80da:af6b:8b2c"))).toBeNull();
    expect(await privateTargetReason("https://93.184.215.14/in", resolvesTo())).toBeNull();
  });

  it("refuses a public name that now resolves to a private, link-local or loopback address (any of its answers)", async () => {
    for (const address of ["10.1.2.3", "169.254.169.254", "127.0.0.1", "192.168.1.20", "::1", "fd00::5", "::ffff:10.0.0.1"]) {
      expect(await privateTargetReason("https://hooks.example/in", resolvesTo("93.184.215.14", address))).toContain(`private or loopback address ${address}`);
    }
  });

  it("refuses private literals and localhost names over https, and explains a name that does not resolve", async () => {
    expect(await privateTargetReason("https://localhost:8443/x", resolvesTo("93.184.215.14"))).toMatch(/Refused: localhost/);
    expect(await privateTargetReason("https://[fe80::1]/x", resolvesTo())).toMatch(/Refused/);
    const nx = Object.assign(new Error("getaddrinfo ENOTFOUND"), { code: "ENOTFOUND" });
    expect(await privateTargetReason("https://gone.example/x", async () => Promise.reject(nx))).toBe("Could not resolve gone.example: ENOTFOUND");
  });

  it("keeps plain-http loopback (a receiver tried on this machine)", async () => {
    expect(await privateTargetReason("http://127.0.0.1:9999/hook", resolvesTo())).toBeNull();
  });

  it("a delivery to an endpoint saved before the rule (https://localhost) is not sent, and says why", async () => {
    const db = await getDb();
    await db.update(webhookEndpoints).set({ active: false, disabledAt: new Date() }).where(eq(webhookEndpoints.active, true));
    const [ep] = await db
      .insert(webhookEndpoints)
      .values({ url: "https://localhost:1/hook", secret: "s".repeat(32), events: ["visit.booked"] })
      .returning();
    await db.transaction((tx) => emitEvent(tx, "visit.booked", { visitId: "v" }));
    expect(await deliverDueWebhooks({ workerId: "w-ssrf" })).toEqual({ claimed: 1, delivered: 0 });
    const [row] = await db.select().from(webhookDeliveries).where(eq(webhookDeliveries.endpointId, ep!.id));
    expect(row).toMatchObject({ status: "pending", lastStatusCode: null, lastError: "Refused: localhost is a private or loopback address." });
  });
});
