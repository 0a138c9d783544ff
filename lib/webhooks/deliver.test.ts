import { createHmac } from "node:crypto";
import { eq, inArray, sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { getDatabaseHandle, getDb, openDatabase, type Database, type DatabaseHandle } from "@/db/client";
import { attempts, vendorCases, webhookDeliveries, webhookEndpoints } from "@/db/schema";
import { withDatabase } from "@/test/harness/databases";
import { makeDevice, makeUser, makeVisit } from "@/test/support/factories";
import type { Actor } from "@/lib/auth/permissions";
import { backoffSeconds, deliverDueWebhooks } from "./deliver";
import { emitEvent } from "./emit";
import { createWebhookEndpoint, disableWebhookEndpoint } from "./endpoints";
import { scanOverdueVendorCases } from "./overdue";
import { startReceiver } from "@/test/support/webhooks";

/** Two app instances: on PostgreSQL a second connection pool to the same database; on PGlite the one database, two concurrent callers. */
let admin: Actor, one: Database, two: Database, second: DatabaseHandle | undefined;
beforeAll(async () => {
  // The test receivers listen on 127.0.0.1 over plain http: a server set up for a local receiver.
  vi.stubEnv("FIELDKEY_WEBHOOKS_ALLOW_PRIVATE", "1");
  admin = await makeUser("admin");
  const h = await getDatabaseHandle();
  one = two = h.db;
  if (h.kind === "postgres") {
    const rows = (await one.execute(sql`select current_database() as name`)) as unknown as { name: string }[];
    second = await openDatabase({ url: withDatabase(process.env.DATABASE_URL!, rows[0]!.name), max: 10 });
    two = second.db;
  }
});
afterAll(async () => {
  vi.unstubAllEnvs();
  await second?.close();
});

async function freshEndpoint(url: string, events: ("visit.booked" | "vendor_case.overdue")[] = ["visit.booked"]) {
  const db = await getDb();
  await db.update(webhookEndpoints).set({ active: false, disabledAt: new Date() }).where(eq(webhookEndpoints.active, true));
  return createWebhookEndpoint(admin, { url, events }, null);
}
const emit = async (n: number) => {
  const db = await getDb();
  const ids: string[] = [];
  for (let i = 0; i < n; i++) ids.push(await db.transaction((tx) => emitEvent(tx, "visit.booked", { visitId: `visit-${i}` })));
  return ids;
};
const deliveriesOf = async (endpointId: string) => (await getDb()).select().from(webhookDeliveries).where(eq(webhookDeliveries.endpointId, endpointId));

describe("webhook delivery to a local receiver", () => {
  it("POSTs the JSON with event, delivery id, timestamp and a signature that verifies independently", async () => {
    const rx = await startReceiver();
    try {
      const ep = await freshEndpoint(rx.url);
      const [eventId] = await emit(1);
      expect(await deliverDueWebhooks({ workerId: "w1" })).toEqual({ claimed: 1, delivered: 1 });
      expect(rx.received).toHaveLength(1);
      const { headers, body } = rx.received[0]!;
      const [row] = await deliveriesOf(ep.id);
      expect(headers["fieldkey-event"]).toBe("visit.booked");
      expect(headers["fieldkey-delivery"]).toBe(row!.id);
      expect(headers["content-type"]).toBe("application/json");
      const ts = headers["fieldkey-timestamp"] as string;
      expect(Math.abs(Number(ts) - Date.now() / 1000)).toBeLessThan(30);
      const expected = createHmac("sha256", ep.secret).update(`${ts}.${body}`).digest("hex");
      expect(headers["fieldkey-signature"]).toBe(`t=${ts},v1=${expected}`);
      expect(JSON.parse(body)).toMatchObject({ id: eventId, type: "visit.booked", data: { visitId: "visit-0" } });
      expect(row).toMatchObject({ status: "delivered", attempts: 1, lastStatusCode: 200, claimedBy: null });
      expect(row).not.toHaveProperty("lastResponse"); // the receiver's body is never kept
      expect(row!.deliveredAt).toBeInstanceOf(Date);
    } finally {
      await rx.close();
    }
  });

  it("retries with back-off after a failing receiver (500, then 200), keeping its status code and never its body", async () => {
    const rx = await startReceiver([500]);
    try {
      const ep = await freshEndpoint(rx.url);
      await emit(1);
      expect(await deliverDueWebhooks({ workerId: "w1" })).toEqual({ claimed: 1, delivered: 0 });
      let [row] = await deliveriesOf(ep.id);
      expect(row).toMatchObject({ status: "pending", attempts: 1, lastStatusCode: 500, lastError: "Receiver answered 500" });
      expect(JSON.stringify(row)).not.toContain("nope"); // the receiver's body (start: "nope xxx…") is not kept anywhere
      const wait = (row!.nextAttemptAt.getTime() - Date.now()) / 1000;
      expect(wait).toBeGreaterThan(backoffSeconds(1) - 5);
      expect(wait).toBeLessThanOrEqual(backoffSeconds(1) + 1);
      // Not due yet: nothing is sent.
      expect(await deliverDueWebhooks({ workerId: "w1" })).toEqual({ claimed: 0, delivered: 0 });
      await (
        await getDb()
      )
        .update(webhookDeliveries)
        .set({ nextAttemptAt: new Date(Date.now() - 1000) })
        .where(eq(webhookDeliveries.id, row!.id));
      expect(await deliverDueWebhooks({ workerId: "w1" })).toEqual({ claimed: 1, delivered: 1 });
      [row] = await deliveriesOf(ep.id);
      expect(row).toMatchObject({ status: "delivered", attempts: 2, lastStatusCode: 200 });
      expect(rx.received.map((r) => r.headers["fieldkey-delivery"])).toEqual([row!.id, row!.id]); // same id on the retry
      expect([1, 2, 3, 4, 20].map(backoffSeconds)).toEqual([30, 60, 120, 240, 21600]);
    } finally {
      await rx.close();
    }
  });

  it("two instances delivering at once send every delivery exactly once", async () => {
    const rx = await startReceiver();
    try {
      const ep = await freshEndpoint(rx.url);
      await emit(30);
      const runs = await Promise.all([
        deliverDueWebhooks({ db: one, workerId: "instance-a", batch: 7 }),
        deliverDueWebhooks({ db: two, workerId: "instance-b", batch: 7 }),
        deliverDueWebhooks({ db: one, workerId: "instance-a2", batch: 7 }),
        deliverDueWebhooks({ db: two, workerId: "instance-b2", batch: 7 }),
        deliverDueWebhooks({ db: one, workerId: "instance-a3", batch: 7 }),
      ]);
      expect(runs.reduce((n, r) => n + r.delivered, 0)).toBe(30);
      const ids = rx.received.map((r) => r.headers["fieldkey-delivery"]);
      expect(ids).toHaveLength(30);
      expect(new Set(ids).size).toBe(30);
      expect((await deliveriesOf(ep.id)).every((d) => d.status === "delivered" && d.attempts === 1)).toBe(true);
    } finally {
      await rx.close();
    }
  });

  it("a claim left by an instance that died is taken over; a disabled endpoint's deliveries fail without being sent", async () => {
    const rx = await startReceiver();
    try {
      const ep = await freshEndpoint(rx.url);
      await emit(2);
      const db = await getDb();
      const rows = await deliveriesOf(ep.id);
      await db
        .update(webhookDeliveries)
        .set({ status: "sending", claimedBy: "dead", claimedAt: sql`now() - interval '10 minutes'`, attempts: 1 })
        .where(eq(webhookDeliveries.id, rows[0]!.id));
      await db
        .update(webhookDeliveries)
        .set({ status: "sending", claimedBy: "busy", claimedAt: sql`now()`, attempts: 1 })
        .where(eq(webhookDeliveries.id, rows[1]!.id));
      expect(await deliverDueWebhooks({ workerId: "w2" })).toEqual({ claimed: 1, delivered: 1 });
      expect(rx.received.map((r) => r.headers["fieldkey-delivery"])).toEqual([rows[0]!.id]);

      await emit(1);
      await disableWebhookEndpoint(admin, ep.id, null);
      await deliverDueWebhooks({ workerId: "w2" });
      expect(rx.received).toHaveLength(1);
      const failed = (await deliveriesOf(ep.id)).filter((d) => d.status === "failed");
      expect(failed).toHaveLength(1);
      expect(failed[0]!.lastError).toBe("The endpoint was disabled.");
    } finally {
      await rx.close();
    }
  });

  it("an unreachable receiver is retried later with the connection error recorded", async () => {
    const rx = await startReceiver();
    await rx.close(); // nothing listens there now
    const ep = await freshEndpoint(rx.url);
    await emit(1);
    await deliverDueWebhooks({ workerId: "w3" });
    const [row] = await deliveriesOf(ep.id);
    expect(row).toMatchObject({ status: "pending", attempts: 1, lastStatusCode: null });
    expect(row!.lastError).toMatch(/^Could not connect/);
  });
});

describe("vendor_case.overdue scanner", () => {
  it("emits once per overdue open case, even when two instances scan at once", async () => {
    const db = await getDb();
    const ep = await freshEndpoint("https://ops.example/hook", ["vendor_case.overdue"]);
    const tech = await makeUser("technician");
    const cust = await makeUser("customer");
    const deviceId = await makeDevice(cust.customerId!);
    const visitId = await makeVisit({ customerId: cust.customerId!, technicianId: tech.id, startsAt: new Date("2030-05-01T14:00:00Z"), deviceIds: [deviceId] });
    const mk = async (seq: number, hoursAgoDue: number, status: "open" | "closed") => {
      const [a] = await db
        .insert(attempts)
        .values({ visitId, deviceId, methodId: "dahua_configtool_xml", seq, technicianId: tech.id, outcome: "waiting_vendor" })
        .returning({ id: attempts.id });
      const dueAt = new Date(Date.now() - hoursAgoDue * 3600_000);
      const [c] = await db
        .insert(vendorCases)
        .values({
          attemptId: a!.id,
          visitId,
          deviceId,
          vendor: "dahua",
          whatWasSent: "XML export",
          sentAt: new Date(dueAt.getTime() - 48 * 3600_000),
          dueAt,
          status,
          // An ended case says why it ended (vendor_cases_ended_has_reason).
          ...(status === "closed" ? { closedReason: "answered" as const, closedAt: new Date() } : {}),
        })
        .returning({ id: vendorCases.id });
      return c!.id;
    };
    const overdue = await mk(1, 2, "open");
    const notYet = await mk(2, -5, "open");
    const closed = await mk(3, 2, "closed");
    const counts = await Promise.all([scanOverdueVendorCases(one), scanOverdueVendorCases(two)]);
    expect(counts.reduce((a, b) => a + b, 0)).toBe(1);
    expect(await scanOverdueVendorCases(one)).toBe(0);
    const sent = await deliveriesOf(ep.id);
    expect(sent).toHaveLength(1);
    expect(sent[0]!.payload).toMatchObject({ type: "vendor_case.overdue", data: { vendorCaseId: overdue, vendor: "dahua", visitId } });
    const marks = await db
      .select({ id: vendorCases.id, at: vendorCases.overdueNotifiedAt })
      .from(vendorCases)
      .where(inArray(vendorCases.id, [overdue, notYet, closed]));
    expect(Object.fromEntries(marks.map((m) => [m.id, !!m.at]))).toEqual({ [overdue]: true, [notYet]: false, [closed]: false });
  });
});
