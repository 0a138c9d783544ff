import { eq } from "drizzle-orm";
import { DateTime } from "luxon";
import { describe, expect, it } from "vitest";
import { getDb } from "@/db/client";
import { mailOutbox, visits } from "@/db/schema";
import { makeUser, makeVisit } from "@/test/support/factories";
import { sendDueReminders } from "./reminders";

const ZONE = "America/New_York";

describe("day-before reminders", () => {
  it("reminds each active visit starting tomorrow (company time) exactly once, even with runs side by side", async () => {
    const tech = await makeUser("technician", { name: "Terry Tech" });
    const customer = await makeUser("customer", { name: "Carla Customer" });
    // "Now" is 20:00 local on some day; tomorrow runs from the next local midnight.
    const now = DateTime.fromISO("2031-06-10T20:00", { zone: ZONE });
    const at = (iso: string) => DateTime.fromISO(iso, { zone: ZONE }).toJSDate();
    const tomorrowEarly = await makeVisit({ customerId: customer.customerId!, technicianId: tech.id, startsAt: at("2031-06-11T00:30") });
    const tomorrowLate = await makeVisit({ customerId: customer.customerId!, technicianId: tech.id, startsAt: at("2031-06-11T22:00") });
    const today = await makeVisit({ customerId: customer.customerId!, technicianId: tech.id, startsAt: at("2031-06-10T22:00") });
    const dayAfter = await makeVisit({ customerId: customer.customerId!, technicianId: tech.id, startsAt: at("2031-06-12T00:00") });
    const cancelled = await makeVisit({ customerId: customer.customerId!, technicianId: tech.id, startsAt: at("2031-06-11T12:00"), status: "cancelled" });
    const requested = await makeVisit({ customerId: customer.customerId!, technicianId: null, startsAt: at("2031-06-11T15:00") });

    const runs = await Promise.all([1, 2, 3].map(() => sendDueReminders({ now: now.toJSDate() })));
    expect(runs.reduce((n, r) => n + r.claimed, 0)).toBe(2);
    expect(runs.reduce((n, r) => n + r.enqueued, 0)).toBe(2);
    expect(await sendDueReminders({ now: now.plus({ hours: 1 }).toJSDate() })).toEqual({ claimed: 0, enqueued: 0 });

    const db = await getDb();
    const mails = await db.select().from(mailOutbox).where(eq(mailOutbox.kind, "visit.reminder"));
    expect(mails.map((m) => m.visitId).sort()).toEqual([tomorrowEarly, tomorrowLate].sort());
    expect(mails[0]).toMatchObject({ toAddress: customer.email, status: "pending" });
    expect(mails[0]!.textBody).toContain("a monitor and a mouse");
    expect(mails[0]!.textBody).toContain("Technician: Terry Tech");
    for (const id of [today, dayAfter, cancelled, requested]) {
      const [v] = await db.select({ r: visits.reminderSentAt }).from(visits).where(eq(visits.id, id));
      expect(v!.r).toBeNull();
    }
    const [v] = await db.select({ r: visits.reminderSentAt }).from(visits).where(eq(visits.id, tomorrowEarly));
    expect(v!.r?.toISOString()).toBe(now.toJSDate().toISOString());
  });
});
