import { DateTime } from "luxon";
import { describe, expect, it } from "vitest";
import { computeFreeSlots, type AvailabilityRows, type SlotSettings } from "./slots";
import { visitMinutes } from "./visit-length";
import { rangeFor } from "@/lib/availability/slot-rows";
import { getSettings } from "@/lib/settings/company";
import { slotOptions } from "./slot-options";

const ZONE = "America/New_York";
const SETTINGS: SlotSettings = {
  timeZone: ZONE,
  slotStepMinutes: 30,
  minNoticeMinutes: 120,
  horizonDays: 30,
  travelBufferMinutes: 30,
  // One device: 90 minutes (the base covers the first device); each further device: 30 more.
  visitBaseMinutes: 90,
  visitPerDeviceMinutes: 30,
};
const local = (iso: string) => DateTime.fromISO(iso, { zone: ZONE }).toJSDate();
const label = (d: Date) => DateTime.fromJSDate(d, { zone: ZONE }).toFormat("HH:mm");
const labelWithOffset = (d: Date) => DateTime.fromJSDate(d, { zone: ZONE }).toFormat("HH:mm ZZ");

/** One technician, Monday 09:00-17:00 unless told otherwise. */
function rows(over: Partial<AvailabilityRows> = {}): AvailabilityRows {
  return {
    technicians: [{ id: "t1", brands: ["dahua", "lorex", "hikvision"] }],
    hours: [{ technicianId: "t1", weekday: 1, startMinute: 9 * 60, endMinute: 17 * 60 }],
    timeOff: [],
    holidays: [],
    busy: [],
    ...over,
  };
}
const allWeek = (id: string) => [1, 2, 3, 4, 5, 6, 7].map((weekday) => ({ technicianId: id, weekday, startMinute: 0, endMinute: 1440 }));
const SUNDAY_NOON = local("2026-03-01T12:00"); // the day before Monday 2026-03-02
const MONDAY = "2026-03-02";
const monday = (r: AvailabilityRows, s: SlotSettings = SETTINGS, deviceCount = 1, now = SUNDAY_NOON) =>
  computeFreeSlots(r, s, { brands: ["dahua"], deviceCount, fromDay: MONDAY, toDay: MONDAY }, now).map((x) => label(x.start));
const halfHours = (from: string, to: string) => {
  const out: string[] = [];
  for (let t = DateTime.fromFormat(from, "HH:mm"); t <= DateTime.fromFormat(to, "HH:mm"); t = t.plus({ minutes: 30 })) out.push(t.toFormat("HH:mm"));
  return out;
};

describe("free slots", () => {
  it("follows weekly working hours: the whole visit fits inside them, on the step", () => {
    // 1 device = 60 + 30 = 90 minutes, so the last start is 15:30.
    expect(monday(rows())).toEqual(halfHours("09:00", "15:30"));
    // Tuesday has no hours.
    expect(computeFreeSlots(rows(), SETTINGS, { brands: ["dahua"], deviceCount: 1, fromDay: "2026-03-03", toDay: "2026-03-03" }, SUNDAY_NOON)).toEqual([]);
    // A split shift gives two windows.
    const split = rows({
      hours: [
        { technicianId: "t1", weekday: 1, startMinute: 8 * 60, endMinute: 10 * 60 },
        { technicianId: "t1", weekday: 1, startMinute: 14 * 60, endMinute: 16 * 60 },
      ],
    });
    expect(monday(split)).toEqual(["08:00", "08:30", "14:00", "14:30"]);
  });

  it("leaves out time off, with the new visit's own buffer after it", () => {
    const r = rows({ timeOff: [{ technicianId: "t1", startsAt: local(`${MONDAY}T12:00`), endsAt: local(`${MONDAY}T13:00`) }] });
    // [s, s + 90 + 30) must end by 12:00, or start at 13:00.
    expect(monday(r)).toEqual([...halfHours("09:00", "10:00"), ...halfHours("13:00", "15:30")]);
  });

  it("leaves out existing visits up to their busy_until (their buffer) and adds the new visit's buffer", () => {
    const r = rows({ busy: [{ id: "v1", technicianId: "t1", startsAt: local(`${MONDAY}T12:00`), busyUntil: local(`${MONDAY}T13:30`) }] });
    expect(monday(r)).toEqual([...halfHours("09:00", "10:00"), ...halfHours("13:30", "15:30")]);
    // Without a travel buffer the new visit may end right when the other starts.
    expect(monday(r, { ...SETTINGS, travelBufferMinutes: 0 })).toEqual([...halfHours("09:00", "10:30"), ...halfHours("13:30", "15:30")]);
    // A visit being rescheduled does not block itself.
    const ignoring = computeFreeSlots(r, SETTINGS, { brands: ["dahua"], deviceCount: 1, fromDay: MONDAY, toDay: MONDAY, ignoreVisitId: "v1" }, SUNDAY_NOON);
    expect(ignoring.map((s) => label(s.start))).toEqual(halfHours("09:00", "15:30"));
  });

  it("closes holidays", () => {
    expect(monday(rows({ holidays: [MONDAY] }))).toEqual([]);
    expect(monday(rows({ holidays: ["2026-03-03"] }))).toHaveLength(14);
  });

  it("offers nothing before the minimum notice", () => {
    // Monday 08:10 + 2 h notice: the first start is 10:30.
    expect(monday(rows(), SETTINGS, 1, local(`${MONDAY}T08:10`))[0]).toBe("10:30");
    expect(monday(rows(), { ...SETTINGS, minNoticeMinutes: 0 }, 1, local(`${MONDAY}T08:10`))[0]).toBe("09:00");
  });

  it("offers nothing past the horizon", () => {
    const r = rows({ hours: allWeek("t1") });
    const now = local("2026-03-10T10:00");
    const slots = computeFreeSlots(r, { ...SETTINGS, horizonDays: 3 }, { brands: ["dahua"], deviceCount: 1 }, now);
    const limit = local("2026-03-13T10:00").getTime();
    expect(slots.length).toBeGreaterThan(100);
    expect(slots.every((s) => s.start.getTime() < limit)).toBe(true);
    expect(slots.at(-1)!.start.getTime()).toBe(limit - 30 * 60_000);
    expect(slots[0]!.start).toEqual(local("2026-03-10T12:00"));
  });

  it("makes the visit longer for more devices", () => {
    expect(visitMinutes(SETTINGS, 1)).toBe(90);
    expect(visitMinutes(SETTINGS, 3)).toBe(150);
    expect(monday(rows(), SETTINGS, 3).at(-1)).toBe("14:30");
    const [first] = computeFreeSlots(rows(), SETTINGS, { brands: ["dahua"], deviceCount: 3, fromDay: MONDAY, toDay: MONDAY }, SUNDAY_NOON);
    expect(first!.end.getTime() - first!.start.getTime()).toBe(150 * 60_000);
  });

  it("offers a slot only through technicians who handle every brand asked for", () => {
    const r = rows({
      technicians: [
        { id: "dahua-only", brands: ["dahua"] },
        { id: "hik-lorex", brands: ["hikvision", "lorex"] },
      ],
      hours: [
        { technicianId: "dahua-only", weekday: 1, startMinute: 540, endMinute: 1020 },
        { technicianId: "hik-lorex", weekday: 1, startMinute: 540, endMinute: 1020 },
      ],
    });
    const ask = (brands: ("dahua" | "lorex" | "hikvision")[]) =>
      computeFreeSlots(r, SETTINGS, { brands, deviceCount: brands.length, fromDay: MONDAY, toDay: MONDAY }, SUNDAY_NOON);
    expect(ask(["dahua", "lorex"])).toEqual([]);
    expect(new Set(ask(["hikvision"]).flatMap((s) => s.technicianIds))).toEqual(new Set(["hik-lorex"]));
    expect(new Set(ask(["dahua"]).flatMap((s) => s.technicianIds))).toEqual(new Set(["dahua-only"]));
    // Only hik-lorex handles Lorex.
    expect(ask(["lorex"])[0]!.technicianIds).toEqual(["hik-lorex"]);
  });

  it("lists the least busy free technician first", () => {
    const r = rows({
      technicians: [
        { id: "a", brands: ["dahua"] },
        { id: "b", brands: ["dahua"] },
      ],
      hours: [...allWeek("a"), ...allWeek("b")],
      busy: [{ technicianId: "a", startsAt: local(`${MONDAY}T18:00`), busyUntil: local(`${MONDAY}T19:00`) }],
    });
    const [first] = computeFreeSlots(r, SETTINGS, { brands: ["dahua"], deviceCount: 1, fromDay: MONDAY, toDay: MONDAY }, SUNDAY_NOON);
    expect(first!.technicianIds).toEqual(["b", "a"]);
  });
});

describe("daylight-saving changes (America/New_York)", () => {
  // Visits of 30 minutes and no buffer, so every half hour of a 24/7 day is a slot.
  const S: SlotSettings = { ...SETTINGS, visitBaseMinutes: 30, visitPerDeviceMinutes: 0, travelBufferMinutes: 0, minNoticeMinutes: 0 };
  const r = rows({ hours: allWeek("t1") });
  const now = local("2026-02-20T00:00");
  const nowFall = local("2026-10-20T00:00");
  const day = (d: string, n = now) => computeFreeSlots(r, S, { brands: ["dahua"], deviceCount: 1, fromDay: d, toDay: d }, n);
  const expectEvenlySpaced = (slots: { start: Date }[]) => {
    for (let i = 1; i < slots.length; i++) expect(slots[i]!.start.getTime() - slots[i - 1]!.start.getTime()).toBe(30 * 60_000);
    expect(new Set(slots.map((s) => s.start.getTime())).size).toBe(slots.length);
  };

  it("spring forward 2026-03-08: 23 hours, 46 slots, 01:30 then 03:00, nothing doubled or missing", () => {
    const slots = day("2026-03-08");
    expect(slots).toHaveLength(46);
    expectEvenlySpaced(slots);
    const labels = slots.map((s) => label(s.start));
    expect(labels).not.toContain("02:00");
    expect(labels).not.toContain("02:30");
    expect(labels.slice(2, 5)).toEqual(["01:00", "01:30", "03:00"]);
    expect(new Set(labels).size).toBe(46);
    // The days either side are ordinary, and the three days join up without a gap.
    expect(day("2026-03-07")).toHaveLength(48);
    expect(day("2026-03-09")).toHaveLength(48);
    const across = computeFreeSlots(r, S, { brands: ["dahua"], deviceCount: 1, fromDay: "2026-03-07", toDay: "2026-03-09" }, now);
    expect(across).toHaveLength(48 + 46 + 48);
    expectEvenlySpaced(across);
  });

  it("fall back 2026-11-01: 25 hours, 50 slots, the 01:00 hour twice with different offsets", () => {
    const slots = day("2026-11-01", nowFall);
    expect(slots).toHaveLength(50);
    expectEvenlySpaced(slots);
    const labels = slots.map((s) => labelWithOffset(s.start));
    expect(labels.slice(2, 7)).toEqual(["01:00 -04:00", "01:30 -04:00", "01:00 -05:00", "01:30 -05:00", "02:00 -05:00"]);
    expect(new Set(labels).size).toBe(50);
    const across = computeFreeSlots(r, S, { brands: ["dahua"], deviceCount: 1, fromDay: "2026-10-31", toDay: "2026-11-02" }, nowFall);
    expect(across).toHaveLength(48 + 50 + 48);
    expectEvenlySpaced(across);
  });

  it("working hours stay on the local clock across both changes", () => {
    const nine = (d: string, n: Date) =>
      computeFreeSlots(
        rows({ hours: allWeek("t1").map((h) => ({ ...h, startMinute: 540, endMinute: 1020 })) }),
        SETTINGS,
        { brands: ["dahua"], deviceCount: 1, fromDay: d, toDay: d },
        n,
      );
    // EST (-5) before, EDT (-4) on and after the spring change; back to EST on the fall change.
    expect(nine("2026-03-07", now)[0]!.start.toISOString()).toBe("2026-03-07T14:00:00.000Z");
    expect(nine("2026-03-08", now)[0]!.start.toISOString()).toBe("2026-03-08T13:00:00.000Z");
    expect(nine("2026-03-08", now)).toHaveLength(14);
    expect(nine("2026-10-31", nowFall)[0]!.start.toISOString()).toBe("2026-10-31T13:00:00.000Z");
    expect(nine("2026-11-01", nowFall)[0]!.start.toISOString()).toBe("2026-11-01T14:00:00.000Z");
    expect(nine("2026-11-01", nowFall)).toHaveLength(14);
  });
});

describe("the slot range is clamped to the booking horizon (finding 12)", () => {
  it("any days asked for read and answer at most the horizon: the year 0 to 9999 is today … horizon", async () => {
    const s = await getSettings();
    const now = new Date();
    const range = rangeFor(s, { fromDay: "0001-01-01", toDay: "9999-12-31" }, now);
    expect(range.from.getTime()).toBeGreaterThanOrEqual(now.getTime() - 3 * 86_400_000);
    expect(range.to.getTime()).toBeLessThanOrEqual(now.getTime() + (s.horizonDays + 3) * 86_400_000);
    const t0 = Date.now();
    const { days } = await slotOptions({ brands: ["dahua"], deviceCount: 1, fromDay: "1900-01-01", toDay: "2999-12-31" });
    expect(Date.now() - t0).toBeLessThan(10_000);
    const last = new Date(now.getTime() + (s.horizonDays + 1) * 86_400_000).toISOString().slice(0, 10);
    for (const d of days) expect(d.day <= last).toBe(true);
  });
});
