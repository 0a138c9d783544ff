import { and, eq } from "drizzle-orm";
import { DateTime } from "luxon";
import { describe, expect, it } from "vitest";
import { getDb } from "@/db/client";
import { auditEvents, holidays, mailOutbox, technicianHours, technicianProfiles, technicianTimeOff, visits } from "@/db/schema";
import { makeDevice, makeUser, makeVisit } from "@/test/support/factories";
import { ConflictError, ForbiddenError, ValidationError } from "@/lib/platform/errors";
import { getBoard } from "./board";
import { moveVisit } from "./move";

const ZONE = "America/New_York"; // the default company time zone
const US = { timeZone: ZONE, locale: "en-US" }; // and the default locale
const day = DateTime.now().setZone(ZONE).plus({ days: 10 }).toISODate()!;
const at = (time: string, d = day) => DateTime.fromISO(`${d}T${time}`, { zone: ZONE }).toJSDate();

async function world() {
  const admin = await makeUser("admin");
  const terry = await makeUser("technician", { name: "Terry Tech" });
  const olive = await makeUser("technician", { name: "Olive Other" });
  const carla = await makeUser("customer", { name: "Carla Customer", email: `carla-${Math.random().toString(36).slice(2)}@example.test` });
  return { admin, terry, olive, carla };
}

async function visitRow(id: string) {
  const db = await getDb();
  const [v] = await db.select().from(visits).where(eq(visits.id, id));
  return v!;
}

describe("moving and reassigning visits", () => {
  it("refuses a collision with a message naming the technician and the visit in the way, and changes nothing", async () => {
    const { admin, terry, olive, carla } = await world();
    const busy = await makeVisit({ customerId: carla.customerId!, technicianId: terry.id, startsAt: at("09:00"), minutes: 90, bufferMinutes: 30 });
    const mover = await makeVisit({ customerId: carla.customerId!, technicianId: olive.id, startsAt: at("13:00"), minutes: 60, bufferMinutes: 30 });
    const busyRef = (await visitRow(busy)).reference;
    const err = await moveVisit(admin, { visitId: mover, technicianId: terry.id, date: day, time: "09:30" }, null).catch((e) => e);
    expect(err).toBeInstanceOf(ConflictError);
    expect(err.message).toBe(`Terry Tech already has ${busyRef} 9:00 – 10:30 AM. Visits need 30 min of travel time between them.`);
    expect(err.fieldErrors.time[0]).toContain(busyRef);
    // The travel buffer counts: 10:45 is inside Terry's 10:30 + 30 min.
    await expect(moveVisit(admin, { visitId: mover, technicianId: terry.id, date: day, time: "10:45" }, null)).rejects.toThrow(`already has ${busyRef}`);
    const after = await visitRow(mover);
    expect(after.technicianId).toBe(olive.id);
    expect(after.startsAt.toISOString()).toBe(at("13:00").toISOString());
    const db = await getDb();
    expect(await db.select().from(mailOutbox).where(eq(mailOutbox.visitId, mover))).toHaveLength(0);
  });

  it("moves and reassigns keeping the length, recomputes busy_until, emails the customer and audits, in one go", async () => {
    const { admin, terry, olive, carla } = await world();
    const id = await makeVisit({ customerId: carla.customerId!, technicianId: olive.id, startsAt: at("13:00"), minutes: 90, bufferMinutes: 0 });
    const db = await getDb();
    await db.update(visits).set({ reminderSentAt: new Date() }).where(eq(visits.id, id));
    const r = await moveVisit(admin, { visitId: id, technicianId: terry.id, date: day, time: "11:00" }, "10.1.1.1");
    expect(r).toMatchObject({ changed: true, status: "scheduled", emailed: true, action: "visit.reassign" });
    const v = await visitRow(id);
    expect(v.technicianId).toBe(terry.id);
    expect(v.startsAt.toISOString()).toBe(at("11:00").toISOString());
    expect(v.endsAt.toISOString()).toBe(at("12:30").toISOString());
    expect(v.busyUntil.toISOString()).toBe(at("13:00").toISOString()); // + default 30 min travel buffer
    expect(v.reminderSentAt).toBeNull(); // a new day gets a new reminder
    const mail = await db.select().from(mailOutbox).where(eq(mailOutbox.visitId, id));
    expect(mail).toHaveLength(1);
    expect(mail[0]).toMatchObject({ kind: "visit.moved", toAddress: carla.email, status: "pending" });
    expect(mail[0]!.subject).toContain("new time");
    expect(mail[0]!.textBody).toContain("Technician: Terry Tech");
    // the new time in full, in the company's zone and locale
    expect(mail[0]!.textBody).toContain(`When: ${DateTime.fromISO(day).toFormat("cccc, LLLL d, yyyy")}, 11:00 AM – 12:30 PM E`);
    // the customer's calendar entry moves with the visit: same UID, the new start; this factory visit had no .ics mailed before
    const attachments = mail[0]!.attachments as { filename: string; contentBase64: string }[];
    expect(attachments.map((a) => a.filename)).toEqual([expect.stringMatching(/^visit-.+\.ics$/)]);
    const ics = Buffer.from(attachments[0]!.contentBase64, "base64").toString("utf8");
    expect(ics).toContain(`UID:visit-${id}@fieldkey`);
    expect(ics).toContain(
      `DTSTART:${at("11:00")
        .toISOString()
        .replace(/[-:]/g, "")
        .replace(/\.\d{3}/, "")}`,
    );
    expect(ics).toContain("SEQUENCE:0");
    const [ev] = await db
      .select()
      .from(auditEvents)
      .where(and(eq(auditEvents.entityType, "visit"), eq(auditEvents.entityId, id)));
    expect(ev).toMatchObject({ action: "visit.reassign", actorId: admin.id, ip: "10.1.1.1" });
    expect(ev!.details).toMatchObject({ from: { technicianId: olive.id }, to: { technicianId: terry.id } });

    // a second move sends the next SEQUENCE so calendar apps replace the entry
    await moveVisit(admin, { visitId: id, technicianId: terry.id, date: day, time: "14:00" }, null);
    const again = await db.select().from(mailOutbox).where(eq(mailOutbox.visitId, id)).orderBy(mailOutbox.createdAt);
    const second = Buffer.from((again[1]!.attachments as { contentBase64: string }[])[0]!.contentBase64, "base64").toString("utf8");
    expect(second).toContain("SEQUENCE:1");
    expect(second).toContain(`UID:visit-${id}@fieldkey`);
  });

  it("goes through the lifecycle: assigning a requested visit schedules it, unassigning makes it requested again", async () => {
    const { admin, terry, carla } = await world();
    const id = await makeVisit({ customerId: carla.customerId!, technicianId: null, startsAt: at("15:00") });
    expect((await visitRow(id)).status).toBe("requested");
    expect(await moveVisit(admin, { visitId: id, technicianId: terry.id, date: day, time: "15:00" }, null)).toMatchObject({
      status: "scheduled",
      action: "visit.assign",
      emailed: true,
    });
    expect((await visitRow(id)).status).toBe("scheduled");
    expect(await moveVisit(admin, { visitId: id, technicianId: "", date: day, time: "15:00" }, null)).toMatchObject({
      status: "requested",
      action: "visit.unassign",
      emailed: false,
    });
    const v = await visitRow(id);
    expect(v).toMatchObject({ status: "requested", technicianId: null });
    // Nothing changed -> nothing written.
    expect(await moveVisit(admin, { visitId: id, technicianId: "", date: day, time: "15:00" }, null)).toMatchObject({ changed: false });
  });

  it("refuses visits already under way, past times, non-technicians, times lost to daylight saving, and non-admins", async () => {
    const { admin, terry, olive, carla } = await world();
    const onSite = await makeVisit({ customerId: carla.customerId!, technicianId: terry.id, startsAt: at("08:00"), status: "on_site" });
    await expect(moveVisit(admin, { visitId: onSite, technicianId: olive.id, date: day, time: "08:00" }, null)).rejects.toThrow(
      "A visit that is on site cannot be moved or reassigned.",
    );
    const id = await makeVisit({ customerId: carla.customerId!, technicianId: terry.id, startsAt: at("16:00") });
    const yesterday = DateTime.now().setZone(ZONE).minus({ days: 1 }).toISODate()!;
    await expect(moveVisit(admin, { visitId: id, technicianId: terry.id, date: yesterday, time: "10:00" }, null)).rejects.toSatisfy(
      (e) => e instanceof ValidationError && e.fieldErrors?.time?.[0] === "Pick a time in the future.",
    );
    await expect(moveVisit(admin, { visitId: id, technicianId: admin.id, date: day, time: "10:00" }, null)).rejects.toSatisfy(
      (e) => e instanceof ValidationError && e.fieldErrors?.technicianId?.[0] === "Choose an active technician.",
    );
    // US clocks go forward on the second Sunday of March: 02:30 does not exist that day.
    const eighth = DateTime.fromObject({ year: DateTime.now().year + 1, month: 3, day: 8 });
    const springForward = eighth.plus({ days: (7 - eighth.weekday) % 7 }).toISODate()!;
    await expect(moveVisit(admin, { visitId: id, technicianId: terry.id, date: springForward, time: "02:30" }, null)).rejects.toThrow(ValidationError);
    await expect(moveVisit(admin, { visitId: id, technicianId: terry.id, date: springForward, time: "02:30" }, null)).rejects.toSatisfy(
      (e) => e instanceof ValidationError && /does not exist/.test(e.fieldErrors?.time?.[0] ?? ""),
    );
    await expect(moveVisit(terry, { visitId: id, technicianId: terry.id, date: day, time: "10:00" }, null)).rejects.toBeInstanceOf(ForbiddenError);
    await expect(moveVisit(admin, { visitId: id, technicianId: terry.id, date: "2026-02-30", time: "10:00" }, null)).rejects.toThrow();
    expect((await visitRow(id)).startsAt.toISOString()).toBe(at("16:00").toISOString());
  });

  it("lets exactly one of two simultaneous moves onto the same time win; the other gets the named collision", async () => {
    const { admin, terry, olive, carla } = await world();
    const a = await makeVisit({ customerId: carla.customerId!, technicianId: olive.id, startsAt: at("08:00") });
    const b = await makeVisit({ customerId: carla.customerId!, technicianId: null, startsAt: at("17:00") });
    const results = await Promise.allSettled([
      moveVisit(admin, { visitId: a, technicianId: terry.id, date: day, time: "12:00" }, null),
      moveVisit(admin, { visitId: b, technicianId: terry.id, date: day, time: "12:15" }, null),
    ]);
    expect(results.filter((r) => r.status === "fulfilled")).toHaveLength(1);
    const rejected = results.find((r) => r.status === "rejected") as PromiseRejectedResult;
    expect(rejected.reason).toBeInstanceOf(ConflictError);
    expect(rejected.reason.message).toMatch(/^Terry Tech already has T-[0-9A-F]+ 12:(00|15) – 1:(00|15) PM\./);
  });
});

describe("the board", () => {
  it("shows one lane per technician with visits placed by time, and open requests separately", async () => {
    const { admin, terry, olive, carla } = await world();
    const assigned = await makeVisit({ customerId: carla.customerId!, technicianId: terry.id, startsAt: at("09:00"), minutes: 120 });
    const requested = await makeVisit({ customerId: carla.customerId!, technicianId: null, startsAt: at("10:00") });
    const cancelled = await makeVisit({ customerId: carla.customerId!, technicianId: olive.id, startsAt: at("11:00"), status: "cancelled" });
    const board = await getBoard(admin, { view: "day", date: day });
    expect(board.title).toBe(DateTime.fromISO(day).toFormat("cccc, LLLL d, yyyy")); // "Monday, March 2, 2026"
    const terryLane = board.lanes.find((l) => l.id === terry.id)!;
    expect(terryLane.visits.map((v) => v.id)).toEqual([assigned]);
    expect(terryLane.visits[0]).toMatchObject({ timeLabel: "9:00 – 11:00 AM", time: "09:00", date: day, leftPct: expect.any(Number) });
    // 08:00-18:00 window: 09:00 is 1/10 in, two hours are 2/10 wide.
    expect(terryLane.visits[0]!.leftPct).toBeCloseTo(10, 1);
    expect(terryLane.visits[0]!.widthPct).toBeCloseTo(20, 1);
    expect(board.lanes.find((l) => l.id === olive.id)!.visits).toEqual([]);
    expect(board.unassigned.map((v) => v.id)).toContain(requested);
    expect(board.unassigned.map((v) => v.id)).not.toContain(cancelled);
    const week = await getBoard(admin, { view: "week", date: day });
    expect(week.days).toHaveLength(7);
    expect(DateTime.fromISO(week.days[0]!.date).weekday).toBe(1);
    const idx = week.days.findIndex((d) => d.date === day);
    expect(week.lanes.find((l) => l.id === terry.id)!.byDay[idx]!.map((v) => v.id)).toEqual([assigned]);
    await expect(getBoard(terry, { view: "day" })).rejects.toBeInstanceOf(ForbiddenError);
  });
});

describe("placement notes for the dispatcher", () => {
  it("names hours, time off, a holiday and missing brand skills, without refusing the move", async () => {
    const { admin, terry, carla } = await world();
    const db = await getDb();
    const weekday = DateTime.fromISO(day, { zone: ZONE }).weekday;
    await db.delete(technicianHours).where(and(eq(technicianHours.technicianId, terry.id), eq(technicianHours.weekday, weekday)));
    await db.insert(technicianHours).values({ technicianId: terry.id, weekday, startMinute: 9 * 60, endMinute: 17 * 60 });
    await db
      .update(technicianProfiles)
      .set({ brands: ["dahua"] })
      .where(eq(technicianProfiles.userId, terry.id));
    const lorex = await makeDevice(carla.customerId!, { brand: "lorex" });
    const dahua = await makeDevice(carla.customerId!, { brand: "dahua" });
    const id = await makeVisit({
      customerId: carla.customerId!,
      technicianId: null,
      startsAt: at("10:00"),
      minutes: 60,
      bufferMinutes: 0,
      deviceIds: [lorex, dahua],
    });

    const inHours = await moveVisit(admin, { visitId: id, technicianId: terry.id, date: day, time: "10:00" }, null);
    expect(inHours.warnings).toEqual(["Terry Tech is not set up for Lorex devices."]);

    await db.insert(technicianTimeOff).values({ technicianId: terry.id, startsAt: at("17:00"), endsAt: at("19:00") });
    await db.insert(holidays).values({ day, name: "Founders' Day" });
    const late = await moveVisit(admin, { visitId: id, technicianId: terry.id, date: day, time: "16:30" }, null);
    expect(late.changed).toBe(true);
    expect(late.warnings).toEqual([
      "This is outside Terry Tech's hours on " + DateTime.fromISO(day).toFormat("cccc") + "s (09:00–17:00).",
      "Terry Tech has time off then.",
      `${DateTime.fromISO(day).toFormat("LLL d, yyyy")} is a company holiday (Founders' Day).`,
      "Terry Tech is not set up for Lorex devices.",
    ]);
    expect((await visitRow(id)).startsAt.toISOString()).toBe(at("16:30").toISOString());
    expect((await moveVisit(admin, { visitId: id, technicianId: "", date: day, time: "16:30" }, null)).warnings).toEqual([]);
  });
});

describe("lane layout", () => {
  it("labels every hour of a working day, and every second or third hour of a long one", async () => {
    const { dayWindow, labelledMarks } = await import("./layout");
    const at2 = (d: string, t: string) => DateTime.fromISO(`${d}T${t}`, { zone: ZONE }).toJSDate();
    const labels = (w: { marks: { label: string }[] }) => labelledMarks(w.marks).map((m) => m.label);
    expect(labels(dayWindow("2031-06-10", US, []))).toEqual([
      "8:00 AM",
      "9:00 AM",
      "10:00 AM",
      "11:00 AM",
      "12:00 PM",
      "1:00 PM",
      "2:00 PM",
      "3:00 PM",
      "4:00 PM",
      "5:00 PM",
    ]);
    const long = dayWindow("2031-06-10", US, [{ startsAt: at2("2031-06-10", "01:00"), endsAt: at2("2031-06-10", "23:30") }]);
    expect(long.marks).toHaveLength(23);
    expect(labels(long)).toEqual(["1:00 AM", "4:00 AM", "7:00 AM", "10:00 AM", "1:00 PM", "4:00 PM", "7:00 PM", "10:00 PM"]);
  });

  it("widens the window for early or late visits and keeps wall-clock hour marks across a DST change", async () => {
    const { dayWindow, place } = await import("./layout");
    const at2 = (d: string, t: string) => DateTime.fromISO(`${d}T${t}`, { zone: ZONE }).toJSDate();
    const w = dayWindow("2031-06-10", US, [{ startsAt: at2("2031-06-10", "06:30"), endsAt: at2("2031-06-10", "19:10") }]);
    expect(w.marks[0]!.label).toBe("6:00 AM");
    expect(w.marks.at(-1)!.label).toBe("7:00 PM");
    expect(place({ startsAt: at2("2031-06-10", "06:00"), endsAt: at2("2031-06-10", "20:00") }, w.from, w.to)).toEqual({ leftPct: 0, widthPct: 100 });
    // 2 Nov 2031 (fall back): 01:00 happens twice; the marks still read as a clock does.
    const fall = dayWindow("2031-11-02", US, [{ startsAt: at2("2031-11-02", "00:00"), endsAt: at2("2031-11-02", "03:00") }]);
    expect(fall.marks.slice(0, 4).map((m) => m.label)).toEqual(["12:00 AM", "1:00 AM", "1:00 AM", "2:00 AM"]);
    // A 24-hour locale reads the same hours its own way; an empty day starts at 08:00 wall-clock time, even on the 25-hour day.
    expect(
      dayWindow("2031-11-02", { timeZone: ZONE, locale: "en-GB" }, [])
        .marks.slice(0, 2)
        .map((m) => m.label),
    ).toEqual(["08:00", "09:00"]);
  });
});
