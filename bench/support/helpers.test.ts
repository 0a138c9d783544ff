import { describe, expect, it } from "vitest";
import { firstSlotOnWeekday } from "./bookings";
import { cookieHeader } from "./http";

describe("cookieHeader", () => {
  it("keeps name=value pairs only, optionally filtered by name", () => {
    const set = [
      "authjs.csrf-token=abc%7Cdef; Path=/; HttpOnly; SameSite=Lax",
      "authjs.session-token=eyJ.x.y; Path=/; Expires=Sat, 27 Dec 2026 10:00:00 GMT; HttpOnly",
      "junk",
    ];
    expect(cookieHeader(set)).toBe("authjs.csrf-token=abc%7Cdef; authjs.session-token=eyJ.x.y");
    expect(cookieHeader(set, (n) => n.includes("session-token"))).toBe("authjs.session-token=eyJ.x.y");
    expect(cookieHeader([])).toBe("");
  });
});

describe("firstSlotOnWeekday", () => {
  const options = {
    timeZone: "America/New_York",
    days: [
      { day: "2026-11-28", slots: [{ start: "2026-11-28T14:00:00.000Z" }] }, // Saturday
      { day: "2026-11-29", slots: [] }, // Sunday, nothing free
      { day: "2026-12-06", slots: [{ start: "2026-12-06T15:00:00.000Z" }, { start: "2026-12-06T16:00:00.000Z" }] }, // Sunday
    ],
  };
  it("picks the first offered start on a day with that local weekday", () => {
    expect(firstSlotOnWeekday(options, 7)).toBe("2026-12-06T15:00:00.000Z");
    expect(firstSlotOnWeekday(options, 6)).toBe("2026-11-28T14:00:00.000Z");
    expect(firstSlotOnWeekday(options, 1)).toBeNull();
  });
});
