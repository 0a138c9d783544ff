import { eq } from "drizzle-orm";
import { DateTime } from "luxon";
import { describe, expect, it } from "vitest";
import { getDb } from "@/db/client";
import { webhookDeliveries } from "@/db/schema";
import { makeUser, makeVisit } from "@/test/support/factories";
import { cancelVisit } from "@/lib/booking/manage";
import { moveVisit } from "@/lib/dispatch/move";
import { createWebhookEndpoint } from "./endpoints";

describe("visit webhooks are written in the same transaction as the change", () => {
  it("a move emits visit.rescheduled and a cancellation visit.cancelled; a refused change emits nothing", async () => {
    const admin = await makeUser("admin");
    const tech = await makeUser("technician");
    const other = await makeUser("technician");
    const cust = await makeUser("customer");
    await createWebhookEndpoint(admin, { url: "https://hooks.example.com/fieldkey", events: ["visit.rescheduled", "visit.cancelled"], description: "" }, null);
    const start = DateTime.now().setZone("America/New_York").plus({ days: 10 }).set({ hour: 10, minute: 0, second: 0, millisecond: 0 });
    const visitId = await makeVisit({ customerId: cust.customerId!, technicianId: tech.id, startsAt: start.toJSDate(), minutes: 60 });
    await makeVisit({ customerId: cust.customerId!, technicianId: other.id, startsAt: start.plus({ hours: 3 }).toJSDate(), minutes: 60 });
    const db = await getDb();
    const deliveries = () => db.select({ event: webhookDeliveries.event, payload: webhookDeliveries.payload }).from(webhookDeliveries);

    // Colliding with the other technician's visit: refused, and no event.
    await expect(moveVisit(admin, { visitId, technicianId: other.id, date: start.toISODate()!, time: "13:00" }, null)).rejects.toThrow(/already has/);
    expect(await deliveries()).toEqual([]);

    await moveVisit(admin, { visitId, technicianId: tech.id, date: start.toISODate()!, time: "15:00" }, null);
    await cancelVisit(admin, { visitId, reason: "Customer found the password" }, null);
    const events = await deliveries();
    expect(events.map((e) => e.event)).toEqual(["visit.rescheduled", "visit.cancelled"]);
    const moved = events[0]!.payload as { data: { visit: { id: string; startsAt: string }; previous: { startsAt: string } } };
    expect(moved.data.visit.id).toBe(visitId);
    expect(moved.data.previous.startsAt).toBe(start.toUTC().toISO({ suppressMilliseconds: false }));
    expect(new Date(moved.data.visit.startsAt).getTime()).toBe(start.set({ hour: 15 }).toMillis());
    expect((await db.select().from(webhookDeliveries).where(eq(webhookDeliveries.event, "visit.booked"))).length).toBe(0);
  });
});
