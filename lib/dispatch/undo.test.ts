import { eq } from "drizzle-orm";
import { DateTime } from "luxon";
import { describe, expect, it } from "vitest";
import { getDb } from "@/db/client";
import { auditEvents, mailOutbox, visits } from "@/db/schema";
import { ConflictError, ForbiddenError } from "@/lib/platform/errors";
import { makeUser, makeVisit } from "@/test/support/factories";
import { MOVE_MAIL_HOLD_SECONDS, moveVisit } from "./move";
import { undoMove } from "./undo";

const ZONE = "America/New_York";
const day = DateTime.now().setZone(ZONE).plus({ days: 12 }).toISODate()!;
const at = (time: string) => DateTime.fromISO(`${day}T${time}`, { zone: ZONE }).toJSDate();

async function world() {
  const admin = await makeUser("admin");
  const terry = await makeUser("technician", { name: "Terry Tech" });
  const olive = await makeUser("technician", { name: "Olive Other" });
  const carla = await makeUser("customer", { name: "Carla Customer", email: `carla-${Math.random().toString(36).slice(2)}@example.test` });
  return { admin, terry, olive, carla };
}
const row = async (id: string) => (await (await getDb()).select().from(visits).where(eq(visits.id, id)))[0]!;
const mailOf = async (id: string) => (await getDb()).select().from(mailOutbox).where(eq(mailOutbox.visitId, id));

describe("undoing a move on the board", () => {
  it("puts the visit back (technician, time, length) and withdraws the held email: the customer hears nothing", async () => {
    const { admin, terry, olive, carla } = await world();
    const id = await makeVisit({ customerId: carla.customerId!, technicianId: olive.id, startsAt: at("13:00"), minutes: 90, bufferMinutes: 30 });
    const before = await row(id);
    const now = new Date();
    await moveVisit(admin, { visitId: id, technicianId: terry.id, date: day, time: "09:00" }, null, now);
    const [held] = await mailOf(id);
    // Held for the undo window, not sent at once.
    expect(held!.nextAttemptAt.getTime()).toBe(now.getTime() + MOVE_MAIL_HOLD_SECONDS * 1000);

    const r = await undoMove(admin, { visitId: id }, "10.0.0.1");
    expect(r).toMatchObject({ technicianId: olive.id, technicianName: "Olive Other", status: "scheduled", mailWithdrawn: true, emailed: false });
    const after = await row(id);
    expect({ t: after.technicianId, s: after.startsAt, e: after.endsAt, b: after.busyUntil }).toEqual({
      t: before.technicianId,
      s: before.startsAt,
      e: before.endsAt,
      b: before.busyUntil,
    });
    expect(await mailOf(id)).toEqual([]);
    const events = await (await getDb()).select({ action: auditEvents.action }).from(auditEvents).where(eq(auditEvents.entityId, id));
    expect(events.map((e) => e.action)).toEqual(["visit.reassign", "visit.move-undone"]);
    // Once undone, there is nothing left to undo.
    await expect(undoMove(admin, { visitId: id }, null)).rejects.toThrow("has no move to undo");
  });

  it("when the email already went, tells the customer the visit is back at its old time", async () => {
    const { admin, terry, carla } = await world();
    const id = await makeVisit({ customerId: carla.customerId!, technicianId: terry.id, startsAt: at("13:00"), minutes: 60 });
    await moveVisit(admin, { visitId: id, technicianId: terry.id, date: day, time: "15:00" }, null);
    await (await getDb()).update(mailOutbox).set({ status: "sent", attempts: 1, sentAt: new Date() }).where(eq(mailOutbox.visitId, id));
    const r = await undoMove(admin, { visitId: id }, null);
    expect(r).toMatchObject({ mailWithdrawn: false, emailed: true });
    const mails = await mailOf(id);
    expect(mails.map((m) => m.status).sort()).toEqual(["pending", "sent"]);
    expect(mails.find((m) => m.status === "pending")!.textBody).toContain("1:00 – 2:00 PM");
  });

  it("an assignment undone makes the request a request again", async () => {
    const { admin, terry, carla } = await world();
    const id = await makeVisit({ customerId: carla.customerId!, technicianId: null, startsAt: at("10:00"), minutes: 60 });
    await moveVisit(admin, { visitId: id, technicianId: terry.id, date: day, time: "10:00" }, null);
    expect((await row(id)).status).toBe("scheduled");
    await undoMove(admin, { visitId: id }, null);
    expect(await row(id)).toMatchObject({ status: "requested", technicianId: null });
  });

  it("refuses, changing nothing, when the old place was taken meanwhile, when the visit changed since, or the move is old", async () => {
    const { admin, terry, olive, carla } = await world();
    const id = await makeVisit({ customerId: carla.customerId!, technicianId: olive.id, startsAt: at("09:00"), minutes: 60, bufferMinutes: 30 });
    await moveVisit(admin, { visitId: id, technicianId: terry.id, date: day, time: "14:00" }, null);
    const taker = await makeVisit({ customerId: carla.customerId!, technicianId: olive.id, startsAt: at("09:15"), minutes: 60, bufferMinutes: 30 });
    const takerRef = (await row(taker)).reference;
    const err = await undoMove(admin, { visitId: id }, null).catch((e) => e);
    expect(err).toBeInstanceOf(ConflictError);
    expect(err.message).toContain(`Olive Other already has ${takerRef}`);
    expect((await row(id)).technicianId).toBe(terry.id);

    await expect(undoMove(admin, { visitId: id }, null, new Date(Date.now() + 16 * 60_000))).rejects.toThrow("more than 15 minutes ago");
    await (await getDb()).update(visits).set({ status: "en_route" }).where(eq(visits.id, id));
    await expect(undoMove(admin, { visitId: id }, null)).rejects.toThrow("has changed since that move");
  });

  it("is the office's", async () => {
    const { admin, terry, carla } = await world();
    const id = await makeVisit({ customerId: carla.customerId!, technicianId: terry.id, startsAt: at("16:00"), minutes: 60 });
    await moveVisit(admin, { visitId: id, technicianId: terry.id, date: day, time: "17:00" }, null);
    await expect(undoMove(terry, { visitId: id }, null)).rejects.toBeInstanceOf(ForbiddenError);
  });
});
