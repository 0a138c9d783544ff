import { createHmac, randomBytes, randomUUID } from "node:crypto";
import { eq } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import { getDb } from "@/db/client";
import { auditEvents, webhookDeliveries, webhookEndpoints } from "@/db/schema";
import { makeDevice, makeUser } from "@/test/support/factories";
import type { Actor } from "@/lib/auth/permissions";
import { storeBackup } from "@/lib/backups/store";
import { ForbiddenError } from "@/lib/platform/errors";
import { emitEvent } from "./emit";
import { createWebhookEndpoint, disableWebhookEndpoint, listWebhookDeliveries, listWebhookEndpoints } from "./endpoints";
import { signatureHeader, verifySignature } from "./signature";
import { createWebhookSchemaFor } from "./schemas";

let admin: Actor, tech: Actor;
beforeAll(async () => {
  [admin, tech] = await Promise.all([makeUser("admin"), makeUser("technician")]);
});

describe("signatures", () => {
  it("match an independent HMAC-SHA256 over timestamp.body, and verify only the untouched body within the tolerance", () => {
    const secret = "whsec_test";
    const body = JSON.stringify({ id: "e1", type: "backup.uploaded" });
    const header = signatureHeader(secret, 1_900_000_000, body);
    const independent = createHmac("sha256", secret).update(`1900000000.${body}`).digest("hex");
    expect(header).toBe(`t=1900000000,v1=${independent}`);
    expect(verifySignature(secret, header, body, { now: 1_900_000_100 })).toBe(true);
    expect(verifySignature(secret, header, body + " ", { now: 1_900_000_100 })).toBe(false);
    expect(verifySignature("other", header, body, { now: 1_900_000_100 })).toBe(false);
    expect(verifySignature(secret, header, body, { now: 1_900_001_000 })).toBe(false); // replayed later
    expect(verifySignature(secret, "garbage", body)).toBe(false);
  });
});

describe("endpoints", () => {
  it("https only, as the form says: plain http is refused, loopback included (FIELDKEY_WEBHOOKS_ALLOW_PRIVATE unset)", async () => {
    expect(process.env.FIELDKEY_WEBHOOKS_ALLOW_PRIVATE ?? "").toBe("");
    for (const url of ["http://127.0.0.1/hook", "http://localhost:8080/hook", "http://127.0.0.1:3000/fieldkey"]) {
      await expect(createWebhookEndpoint(admin, { url, events: ["visit.booked"] }, null)).rejects.toMatchObject({
        issues: [expect.objectContaining({ path: ["url"], message: expect.stringContaining("https://") })],
      });
    }
    // The form's schema (the browser's check) says the same.
    expect(createWebhookSchemaFor(false).safeParse({ url: "http://127.0.0.1/hook", events: ["visit.booked"] }).success).toBe(false);
  });

  it("FIELDKEY_WEBHOOKS_ALLOW_PRIVATE=1 also allows https to the local network and http to this machine; public hosts stay https only", () => {
    const ok = (url: string) => createWebhookSchemaFor(true).safeParse({ url, events: ["visit.booked"] }).success;
    const allowed = ["http://127.0.0.1:3000/hook", "http://localhost/hook", "https://10.0.0.5/hook", "https://192.168.1.20/hook"];
    expect(allowed.map(ok)).toEqual(allowed.map(() => true));
    const refused = ["http://example.com/hook", "http://192.168.1.20/hook", "https://user:pw@10.0.0.5/", "ftp://127.0.0.1/"];
    expect(refused.map(ok)).toEqual(refused.map(() => false));
  });

  it("https only on the internet, at least one event; secret shown once, audited", async () => {
    for (const url of [
      "http://example.com/hook",
      "ftp://example.com",
      "https://user:pw@example.com/",
      "not a url",
      "https://169.254.169.254/latest",
      "https://10.0.0.5/hook",
      "https://[::1]/hook",
      "https://localhost/hook",
      "https://db.localhost:5432/",
      "http://127.0.0.1:3000/api/health", // this server itself (finding 8): plain http to loopback only with FIELDKEY_WEBHOOKS_ALLOW_PRIVATE=1
      "http://localhost:8080/",
      "https://100.64.0.1/hook",
      "https://[fec0::1]/hook",
    ]) {
      await expect(createWebhookEndpoint(admin, { url, events: ["visit.booked"] }, null), url).rejects.toSatisfy(
        (e: { issues?: { path: unknown[] }[]; fieldErrors?: Record<string, string[]> }) => e.issues?.[0]?.path[0] === "url" || !!e.fieldErrors?.url,
      );
    }
    await expect(createWebhookEndpoint(admin, { url: "https://example.com/hook", events: [] }, null)).rejects.toThrow(/at least one event/);
    await expect(createWebhookEndpoint(tech, { url: "https://example.com/hook", events: ["visit.booked"] }, null)).rejects.toBeInstanceOf(ForbiddenError);
    const made = await createWebhookEndpoint(admin, { url: "https://example.com/hook", events: ["visit.booked"] }, "10.0.0.1");
    expect(made.secret).toMatch(/^whsec_[A-Za-z0-9_-]{43}$/);
    const listed = await listWebhookEndpoints(admin);
    expect(JSON.stringify(listed)).not.toContain(made.secret);
    const db = await getDb();
    expect((await db.select().from(auditEvents).where(eq(auditEvents.entityId, made.id))).map((a) => a.action)).toEqual(["webhook.create"]);
  });
});

describe("endpoint counters", () => {
  it("count each endpoint's own deliveries by status (the correlated subquery once compared a delivery's id with itself: always 0)", async () => {
    const db = await getDb();
    const a = await createWebhookEndpoint(admin, { url: "https://count-a.example/hook", events: ["visit.booked"] }, null);
    const b = await createWebhookEndpoint(admin, { url: "https://count-b.example/hook", events: ["visit.booked"] }, null);
    const row = (endpointId: string, status: "pending" | "delivered" | "failed") => ({
      endpointId,
      eventId: randomUUID(),
      event: "visit.booked" as const,
      payload: {},
      status,
    });
    await db
      .insert(webhookDeliveries)
      .values([row(a.id, "pending"), row(a.id, "delivered"), row(a.id, "delivered"), row(a.id, "failed"), row(b.id, "delivered")]);
    const listed = new Map((await listWebhookEndpoints(admin)).map((e) => [e.id, e]));
    expect(listed.get(a.id)).toMatchObject({ pending: 1, delivered: 2, failed: 1 });
    expect(listed.get(b.id)).toMatchObject({ pending: 0, delivered: 1, failed: 0 });
  });
});

describe("emitEvent", () => {
  it("writes one delivery per active subscribed endpoint, in the caller's transaction", async () => {
    const db = await getDb();
    const a = await createWebhookEndpoint(admin, { url: "https://a.example/hook", events: ["visit.cancelled", "visit.booked"] }, null);
    const b = await createWebhookEndpoint(admin, { url: "https://b.example/hook", events: ["visit.cancelled"] }, null);
    const c = await createWebhookEndpoint(admin, { url: "https://c.example/hook", events: ["visit.completed"] }, null);
    const d = await createWebhookEndpoint(admin, { url: "https://d.example/hook", events: ["visit.cancelled"] }, null);
    await disableWebhookEndpoint(admin, d.id, null);
    const eventId = await db.transaction((tx) => emitEvent(tx, "visit.cancelled", { visitId: "v1" }));
    const rows = await db.select().from(webhookDeliveries).where(eq(webhookDeliveries.eventId, eventId));
    expect(rows.map((r) => r.endpointId).sort()).toEqual([a.id, b.id].sort());
    expect(rows[0]!.payload).toMatchObject({ id: eventId, type: "visit.cancelled", data: { visitId: "v1" } });
    expect(rows.every((r) => r.status === "pending" && r.attempts === 0)).toBe(true);
    void c;
    // Rolled back with the change it was about.
    let rolledBack = "";
    await db
      .transaction(async (tx) => {
        rolledBack = await emitEvent(tx, "visit.cancelled", { visitId: "v2" });
        throw new Error("the change failed");
      })
      .catch(() => {});
    expect(await db.select().from(webhookDeliveries).where(eq(webhookDeliveries.eventId, rolledBack))).toEqual([]);
  });

  it("a backup upload emits backup.uploaded with its metadata", async () => {
    const db = await getDb();
    await db.update(webhookEndpoints).set({ active: false, disabledAt: new Date() }).where(eq(webhookEndpoints.active, true));
    const ep = await createWebhookEndpoint(admin, { url: "https://vault.example/hook", events: ["backup.uploaded"] }, null);
    const cust = await makeUser("customer");
    const deviceId = await makeDevice(cust.customerId!);
    const stored = await storeBackup(admin, {
      deviceId,
      kind: "config",
      filename: "cfg.backup",
      contentType: "application/octet-stream",
      bytes: randomBytes(32),
    });
    const [row] = (await listWebhookDeliveries(admin, { endpointId: ep.id }, { limit: 10 })).data;
    expect(row).toMatchObject({ event: "backup.uploaded", status: "pending" });
    const [full] = await db.select().from(webhookDeliveries).where(eq(webhookDeliveries.id, row!.id));
    expect(full!.payload).toMatchObject({
      type: "backup.uploaded",
      data: { backupId: stored.id, deviceId, customerId: cust.customerId, version: 1, sha256: stored.sha256 },
    });
  });
});
