import { and, eq, inArray } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import { getDb } from "@/db/client";
import { mailOutbox, visits } from "@/db/schema";
import { makeUser } from "@/test/support/factories";
import type { Actor } from "@/lib/auth/permissions";
import { ConflictError, NotFoundError } from "@/lib/platform/errors";
import { bookVisit } from "./book";
import { cancelVisit, rescheduleVisit } from "./manage";
import { rescheduleOptions, slotOptions } from "./slot-options";
import { bookingError, bookingInput, offeredStart } from "@/test/support/booking";

let terry: Actor;
let olive: Actor;
let admin: Actor;
let carla: Actor;
let ben: Actor;

beforeAll(async () => {
  terry = await makeUser("technician", { name: "Terry Tech" });
  olive = await makeUser("technician", { name: "Olive Other" });
  admin = await makeUser("admin");
  carla = await makeUser("customer");
  ben = await makeUser("customer");
});

async function carlaBooks(n: number) {
  const start = await offeredStart(["dahua"], 1, n, new Date(Date.now() + 48 * HOUR)); // well before the cut-off
  const c = await bookVisit(carla, bookingInput(start, { account: { mode: "existing" } }), null);
  const db = await getDb();
  const [v] = await db.select({ technicianId: visits.technicianId }).from(visits).where(eq(visits.id, c.visitId));
  return { ...c, technicianId: v!.technicianId! };
}

async function bookingMails(visitId: string) {
  const db = await getDb();
  const rows = await db
    .select({ kind: mailOutbox.kind, to: mailOutbox.toAddress, attachments: mailOutbox.attachments })
    .from(mailOutbox)
    .where(and(eq(mailOutbox.visitId, visitId), inArray(mailOutbox.kind, ["booking.confirmation", "booking.rescheduled", "booking.cancelled"])))
    .orderBy(mailOutbox.createdAt);
  return rows.map((r) => ({ kind: r.kind, to: r.to, ics: Buffer.from(r.attachments[0]!.contentBase64, "base64").toString("utf8") }));
}

const HOUR = 3600_000;

describe("reschedule", () => {
  it("moves the visit to a free slot, keeping the technician when free, with a new .ics of the same UID and a higher SEQUENCE", async () => {
    const booked = await carlaBooks(0);
    const options = await rescheduleOptions(carla, booked.visitId);
    const target = options.days[5]!.slots[1]!.start;
    const moved = await rescheduleVisit(carla, { visitId: booked.visitId, slotStart: target }, null);
    expect(moved.startsAt).toBe(target);
    const db = await getDb();
    const [v] = await db.select().from(visits).where(eq(visits.id, booked.visitId));
    expect(v!.technicianId).toBe(booked.technicianId);
    expect((v!.endsAt.getTime() - v!.startsAt.getTime()) / 60_000).toBe(60); // one device: the base length
    expect((v!.busyUntil.getTime() - v!.endsAt.getTime()) / 60_000).toBe(30);
    const mails = await bookingMails(booked.visitId);
    expect(mails.map((m) => m.kind)).toEqual(["booking.confirmation", "booking.rescheduled"]);
    expect(mails[1]!.to).toBe(carla.email);
    expect(mails[1]!.ics).toContain(`UID:visit-${booked.visitId}@fieldkey`);
    expect(mails[1]!.ics).toContain("SEQUENCE:1");
    expect(mails[1]!.ics).toContain("METHOD:REQUEST");
  });

  it("can move by less than its own length (it does not block itself)", async () => {
    // A start whose half-hour-later time is offered too (the day's last start has none): found among the offered times.
    const { days } = await slotOptions({ brands: ["dahua"], deviceCount: 1 });
    const offered = days.flatMap((d) => d.slots.map((sl) => new Date(sl.start).getTime())).filter((t) => t >= Date.now() + 48 * HOUR);
    const n = offered.findIndex((t, i) => i >= 5 && offered.includes(t + 30 * 60_000));
    expect(n).toBeGreaterThanOrEqual(5);
    const booked = await carlaBooks(n);
    const later = new Date(new Date(booked.startsAt).getTime() + 30 * 60_000).toISOString();
    const moved = await rescheduleVisit(carla, { visitId: booked.visitId, slotStart: later }, null);
    expect(moved.startsAt).toBe(later);
  });

  it("goes to another technician when its own is busy at the new time", async () => {
    const booked = await carlaBooks(10);
    // Someone else takes the visit's technician at a later time; the other technician is free then.
    const db = await getDb();
    const target = new Date(new Date(booked.startsAt).getTime() + 24 * HOUR).toISOString();
    const blocker = await bookVisit(null, bookingInput(target), null);
    const [b] = await db.select({ technicianId: visits.technicianId }).from(visits).where(eq(visits.id, blocker.visitId));
    if (b!.technicianId !== booked.technicianId) {
      // The booking went to the other technician: swap it so the visit's own technician is the busy one.
      await db.update(visits).set({ technicianId: booked.technicianId }).where(eq(visits.id, blocker.visitId));
    }
    await rescheduleVisit(carla, { visitId: booked.visitId, slotStart: target }, null);
    const [v] = await db.select({ technicianId: visits.technicianId }).from(visits).where(eq(visits.id, booked.visitId));
    expect(v!.technicianId).not.toBe(booked.technicianId);
    expect([terry.id, olive.id]).toContain(v!.technicianId);
  });

  it("refuses a time never offered, on the time field", async () => {
    const booked = await carlaBooks(15);
    const odd = new Date(new Date(booked.startsAt).getTime() + 24 * HOUR + 10 * 60_000).toISOString();
    const e = await bookingError(rescheduleVisit(carla, { visitId: booked.visitId, slotStart: odd }, null));
    expect(e.fieldErrors?.slotStart?.[0]).toMatch(/do not offer that time/);
  });
});

describe("cancel and the cut-off", () => {
  it("cancels before the cut-off and sends METHOD:CANCEL with the same UID", async () => {
    const booked = await carlaBooks(20);
    const r = await cancelVisit(carla, { visitId: booked.visitId }, null);
    expect(r.status).toBe("cancelled");
    const mails = await bookingMails(booked.visitId);
    expect(mails.map((m) => m.kind)).toEqual(["booking.confirmation", "booking.cancelled"]);
    expect(mails[1]!.ics).toContain("METHOD:CANCEL");
    expect(mails[1]!.ics).toContain("STATUS:CANCELLED");
    expect(mails[1]!.ics).toContain(`UID:visit-${booked.visitId}@fieldkey`);
    expect(mails[1]!.ics).toContain("SEQUENCE:1");
    // Cancelled visits free the time and cannot be cancelled again.
    const e = await bookingError(cancelVisit(carla, { visitId: booked.visitId }, null));
    expect(e).toBeInstanceOf(ConflictError);
    expect(e.message).toMatch(/cancelled, so it cannot be changed/);
  });

  it("after the cut-off the customer is told to call, with the company phone, and nothing changes", async () => {
    const booked = await carlaBooks(25);
    const lateNow = new Date(new Date(booked.startsAt).getTime() - 23 * HOUR); // 23 h before: inside the 24 h cut-off
    const e = await bookingError(cancelVisit(carla, { visitId: booked.visitId }, null, { now: lateNow }));
    expect(e).toBeInstanceOf(ConflictError);
    expect(e.message).toBe("Visits can be changed online until 24 hours before they start. Please call us at 216-333-8245.");
    const e2 = await bookingError(
      rescheduleVisit(carla, { visitId: booked.visitId, slotStart: new Date(Date.now() + 10 * 24 * HOUR).toISOString() }, null, { now: lateNow }),
    );
    expect(e2.message).toMatch(/Please call us at 216-333-8245/);
    const db = await getDb();
    const [v] = await db.select({ status: visits.status, startsAt: visits.startsAt }).from(visits).where(eq(visits.id, booked.visitId));
    expect(v).toEqual({ status: "scheduled", startsAt: new Date(booked.startsAt) });
    expect((await bookingMails(booked.visitId)).length).toBe(1);
    // 25 h before is still fine.
    const early = new Date(new Date(booked.startsAt).getTime() - 25 * HOUR);
    await expect(cancelVisit(carla, { visitId: booked.visitId }, null, { now: early })).resolves.toMatchObject({ status: "cancelled" });
  });

  it("the office (admin) can still cancel inside the cut-off", async () => {
    const booked = await carlaBooks(30);
    const lateNow = new Date(new Date(booked.startsAt).getTime() - 2 * HOUR);
    await expect(cancelVisit(admin, { visitId: booked.visitId }, null, { now: lateNow })).resolves.toMatchObject({ status: "cancelled" });
  });

  it("another customer gets 'not found' for a visit that is not theirs, for every action", async () => {
    const booked = await carlaBooks(35);
    await expect(cancelVisit(ben, { visitId: booked.visitId }, null)).rejects.toBeInstanceOf(NotFoundError);
    await expect(rescheduleVisit(ben, { visitId: booked.visitId, slotStart: booked.startsAt }, null)).rejects.toBeInstanceOf(NotFoundError);
    await expect(rescheduleOptions(ben, booked.visitId)).rejects.toBeInstanceOf(NotFoundError);
    await expect(cancelVisit(terry, { visitId: booked.visitId }, null)).rejects.toThrow(/do not have access/);
  });
});
