import { eq } from "drizzle-orm";
import { DateTime } from "luxon";
import { describe, expect, it } from "vitest";
import { getDb } from "@/db/client";
import { auditEvents, holidays, technicianHours, technicianProfiles, technicianTimeOff } from "@/db/schema";
import { makeUser, makeVisit } from "@/test/support/factories";
import { ConflictError, ForbiddenError, NotFoundError, ValidationError, toAppError, zodFieldErrors } from "@/lib/platform/errors";
import { addHoliday, listHolidays, removeHoliday } from "./holidays";
import { brandsSchema, weeklyHoursSchema } from "./schemas";
import { summarizeWeek } from "./summary";
import { addTimeOff, getTechnicianAvailability, listTechnicians, removeTimeOff, setBrands, setWeeklyHours } from "./technicians";

const week = (byDay: Record<number, [string, string][]>) =>
  Array.from({ length: 7 }, (_, d) => ({ ranges: (byDay[d] ?? []).map(([start, end]) => ({ start, end })) }));
const ZONE = "America/New_York";

describe("weekly hours validation", () => {
  const id = "00000000-0000-4000-8000-000000000001";
  it("accepts several ranges a day", () => {
    expect(
      weeklyHoursSchema.safeParse({
        technicianId: id,
        days: week({
          0: [
            ["09:00", "12:00"],
            ["13:00", "17:00"],
          ],
          5: [["10:00", "14:00"]],
        }),
      }).success,
    ).toBe(true);
  });
  it("puts each problem on its own field: end before start, overlaps, bad times", () => {
    const r = weeklyHoursSchema.safeParse({
      technicianId: id,
      days: week({
        0: [["12:00", "09:00"]],
        1: [
          ["09:00", "12:00"],
          ["11:30", "17:00"],
        ],
        2: [["9am", "17:00"]],
      }),
    });
    expect(r.success).toBe(false);
    const errs = zodFieldErrors(r.error!);
    expect(errs["days.0.ranges.0.end"]).toEqual(["Must end after it starts (12:00)."]);
    expect(errs["days.1.ranges.1.start"]).toEqual(["Overlaps Tuesday 09:00–12:00."]);
    expect(errs["days.2.ranges.0.start"]).toEqual(["Use a time like 09:00."]);
  });
  it("finds overlaps whatever order the ranges are entered in, and allows touching ranges", () => {
    const bad = weeklyHoursSchema.safeParse({
      technicianId: id,
      days: week({
        4: [
          ["13:00", "17:00"],
          ["08:00", "13:30"],
        ],
      }),
    });
    expect(zodFieldErrors(bad.error!)["days.4.ranges.0.start"]).toEqual(["Overlaps Friday 08:00–13:30."]);
    expect(
      weeklyHoursSchema.safeParse({
        technicianId: id,
        days: week({
          4: [
            ["13:00", "17:00"],
            ["08:00", "13:00"],
          ],
        }),
      }).success,
    ).toBe(true);
  });
  it("summarises a week by grouping equal days", () => {
    const rows = [1, 2, 3, 4, 5].map((weekday) => ({ weekday, startMinute: 540, endMinute: 1020 }));
    expect(summarizeWeek([...rows, { weekday: 6, startMinute: 600, endMinute: 840 }])).toBe("Mon–Fri 09:00–17:00; Sat 10:00–14:00");
    expect(summarizeWeek([])).toBe("No working hours");
    expect(brandsSchema.safeParse({ technicianId: id, brands: [] }).success).toBe(false);
    expect(brandsSchema.safeParse({ technicianId: id, brands: ["sony"] }).success).toBe(false);
  });
});

describe("technician availability (admin only, audited)", () => {
  it("replaces the week, and lists technicians with their summary", async () => {
    const admin = await makeUser("admin");
    const tech = await makeUser("technician", { name: "Hana Hours" });
    await setWeeklyHours(
      admin,
      {
        technicianId: tech.id,
        days: week({
          0: [
            ["13:00", "17:00"],
            ["08:00", "12:00"],
          ],
          2: [["08:00", "12:00"]],
        }),
      },
      "1.1.1.1",
    );
    const db = await getDb();
    const rows = await db.select().from(technicianHours).where(eq(technicianHours.technicianId, tech.id));
    expect(rows.map((r) => [r.weekday, r.startMinute, r.endMinute]).sort()).toEqual(
      [
        [1, 480, 720],
        [1, 780, 1020],
        [3, 480, 720],
      ].sort(),
    );
    const list = await listTechnicians(admin);
    expect(list.find((t) => t.id === tech.id)).toMatchObject({ summary: "Mon 08:00–12:00, 13:00–17:00; Wed 08:00–12:00", weeklyHours: 12 });
    const detail = await getTechnicianAvailability(admin, tech.id);
    expect(detail.days[0]!.ranges).toEqual([
      { start: "08:00", end: "12:00" },
      { start: "13:00", end: "17:00" },
    ]);
    const [ev] = await db.select().from(auditEvents).where(eq(auditEvents.action, "availability.hours_set"));
    expect(ev).toMatchObject({ actorId: admin.id, entityId: tech.id, ip: "1.1.1.1" });
    expect(ev!.details).toMatchObject({ after: "Mon 08:00–12:00, 13:00–17:00; Wed 08:00–12:00" });
  });

  it("refuses non-admins, unknown technicians and invalid weeks, writing nothing", async () => {
    const admin = await makeUser("admin");
    const tech = await makeUser("technician");
    const customer = await makeUser("customer");
    const input = { technicianId: tech.id, days: week({ 0: [["09:00", "10:00"]] }) };
    await expect(setWeeklyHours(tech, input, null)).rejects.toBeInstanceOf(ForbiddenError);
    await expect(setWeeklyHours(customer, input, null)).rejects.toBeInstanceOf(ForbiddenError);
    await expect(setWeeklyHours(admin, { ...input, technicianId: customer.id }, null)).rejects.toBeInstanceOf(NotFoundError);
    await expect(getTechnicianAvailability(admin, "not-a-uuid")).rejects.toBeInstanceOf(NotFoundError);
    await expect(setWeeklyHours(admin, { technicianId: tech.id, days: week({ 0: [["10:00", "09:00"]] }) }, null)).rejects.toThrow();
    const db = await getDb();
    expect(await db.select().from(technicianHours).where(eq(technicianHours.technicianId, tech.id))).toHaveLength(7); // the factory's week, untouched
  });

  it("stores time off entered in company time as instants, across a DST change, and names visits inside it", async () => {
    const admin = await makeUser("admin");
    const tech = await makeUser("technician");
    const customer = await makeUser("customer");
    const y = DateTime.now().year + 1;
    // 1 Nov (fall back) and a summer day: local 09:00 is 13:00Z in summer, 14:00Z in winter.
    const r = await addTimeOff(admin, { technicianId: tech.id, startsAt: `${y}-07-01T09:00`, endsAt: `${y}-11-20T09:00`, reason: "Leave" }, null);
    const db = await getDb();
    const [row] = await db.select().from(technicianTimeOff).where(eq(technicianTimeOff.id, r.id));
    expect(row!.startsAt.toISOString()).toBe(`${y}-07-01T13:00:00.000Z`);
    expect(row!.endsAt.toISOString()).toBe(`${y}-11-20T14:00:00.000Z`);
    expect(r.conflicts).toEqual([]);
    const inside = DateTime.fromISO(`${y}-12-02T10:00`, { zone: ZONE }).toJSDate();
    await makeVisit({ customerId: customer.customerId!, technicianId: tech.id, startsAt: inside });
    const r2 = await addTimeOff(admin, { technicianId: tech.id, startsAt: `${y}-12-02T00:00`, endsAt: `${y}-12-03T00:00` }, null);
    expect(r2.conflicts).toHaveLength(1);
    expect(r2.conflicts[0]!.when).toContain("10:00");
    const detail = await getTechnicianAvailability(admin, tech.id);
    expect(detail.timeOff.map((t) => t.startsLocal)).toEqual([`${y}-07-01T09:00`, `${y}-12-02T00:00`]);
    await removeTimeOff(admin, { technicianId: tech.id, id: r.id }, null);
    await expect(removeTimeOff(admin, { technicianId: tech.id, id: r.id }, null)).rejects.toBeInstanceOf(NotFoundError);
    expect((await getTechnicianAvailability(admin, tech.id)).timeOff).toHaveLength(1);
    const actions = (await db.select({ a: auditEvents.action }).from(auditEvents).where(eq(auditEvents.entityId, tech.id))).map((e) => e.a);
    expect(actions).toEqual(["availability.time_off_add", "availability.time_off_add", "availability.time_off_remove"]);
  });

  it("rejects time off that is over, backwards, in a DST gap or impossible", async () => {
    const admin = await makeUser("admin");
    const tech = await makeUser("technician");
    const y = DateTime.now().year + 1;
    const fieldOf = (e: unknown) => toAppError(e).fieldErrors;
    const past = await addTimeOff(admin, { technicianId: tech.id, startsAt: "2020-01-01T09:00", endsAt: "2020-01-02T09:00" }, null).catch((e) => e);
    expect(fieldOf(past)).toEqual({ endsAt: ["This time off would already be over."] });
    await expect(addTimeOff(admin, { technicianId: tech.id, startsAt: `${y}-05-02T09:00`, endsAt: `${y}-05-01T09:00` }, null)).rejects.toThrow(
      "Must end after it starts.",
    );
    const eighth = DateTime.fromObject({ year: y, month: 3, day: 8 });
    const gapDay = eighth.plus({ days: (7 - eighth.weekday) % 7 }).toISODate()!;
    const gap = await addTimeOff(admin, { technicianId: tech.id, startsAt: `${gapDay}T02:30`, endsAt: `${gapDay}T05:00` }, null).catch((e) => e);
    expect(gap).toBeInstanceOf(ValidationError);
    expect(fieldOf(gap)!.startsAt![0]).toMatch(/does not exist/);
    await expect(addTimeOff(admin, { technicianId: tech.id, startsAt: `${y}-02-30T09:00`, endsAt: `${y}-03-01T09:00` }, null)).rejects.toThrow(
      "That date or time does not exist.",
    );
    const db = await getDb();
    expect(await db.select().from(technicianTimeOff).where(eq(technicianTimeOff.technicianId, tech.id))).toEqual([]);
  });

  it("sets the brands a technician handles", async () => {
    const admin = await makeUser("admin");
    const tech = await makeUser("technician");
    await setBrands(admin, { technicianId: tech.id, brands: ["hikvision", "dahua"] }, null);
    const db = await getDb();
    const [p] = await db.select({ brands: technicianProfiles.brands }).from(technicianProfiles).where(eq(technicianProfiles.userId, tech.id));
    expect(p!.brands).toEqual(["hikvision", "dahua"]);
    await expect(setBrands(tech, { technicianId: tech.id, brands: ["dahua"] }, null)).rejects.toBeInstanceOf(ForbiddenError);
  });
});

describe("holidays", () => {
  it("adds, refuses a duplicate day with a clear message, lists upcoming, removes", async () => {
    const admin = await makeUser("admin");
    const y = DateTime.now().year + 1;
    await addHoliday(admin, { day: `${y}-12-25`, name: "Christmas Day" }, null);
    const dup = await addHoliday(admin, { day: `${y}-12-25`, name: "Again" }, null).then(
      () => null,
      (e) => toAppError(e),
    );
    expect(dup).toBeInstanceOf(ConflictError);
    expect(dup?.fieldErrors).toEqual({ day: ["That day is already a holiday."] });
    await addHoliday(admin, { day: "2001-01-01", name: "Long ago" }, null);
    expect((await listHolidays(admin)).map((h) => h.name)).toEqual(["Christmas Day"]);
    await removeHoliday(admin, { day: `${y}-12-25` }, null);
    const db = await getDb();
    expect((await db.select().from(holidays)).map((h) => h.day)).toEqual(["2001-01-01"]);
    await expect(addHoliday(admin, { day: `${y}-02-30`, name: "Nope" }, null)).rejects.toThrow("Enter a date like 2026-12-25.");
    await expect(addHoliday(await makeUser("technician"), { day: `${y}-12-26`, name: "Boxing Day" }, null)).rejects.toBeInstanceOf(ForbiddenError);
  });
});
