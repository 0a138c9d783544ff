import { describe, expect, it } from "vitest";
import { companySettingsSchema, DEFAULT_SETTINGS } from "@/lib/settings/schema";
import {
  canonicalLocale,
  isTimeZone,
  formatDate,
  formatDateTime,
  formatDateTimeRange,
  formatDayLabel,
  formatFullDateTime,
  formatTime,
  formatTimeRange,
  formatVisitWindow,
  formatWeekday,
  formatWeekdayDate,
} from "./dates";

const US = { timeZone: "America/New_York", locale: "en-US" };
const GB = { timeZone: "America/New_York", locale: "en-GB" };
// Monday 2 March 2026, 10:30 to 12:00 in New York (EST, UTC-5).
const start = new Date("2026-03-02T15:30:00Z");
const end = new Date("2026-03-02T17:00:00Z");

describe("date formats follow the company's locale and time zone", () => {
  it("writes US dates month first with a 12-hour clock", () => {
    expect(formatDate(start, US)).toBe("Mar 2, 2026");
    expect(formatDate(start, US, { weekday: true })).toBe("Mon, Mar 2, 2026");
    expect(formatDateTime(start, US)).toBe("Mar 2, 2026, 10:30 AM");
    expect(formatDateTime(start, US, { seconds: true })).toBe("Mar 2, 2026, 10:30:00 AM");
    expect(formatTime(start, US)).toBe("10:30 AM");
    expect(formatTimeRange(start, end, US)).toBe("10:30 AM – 12:00 PM");
    expect(formatTimeRange(start, new Date("2026-03-02T16:00:00Z"), US)).toBe("10:30 – 11:00 AM");
    expect(formatWeekdayDate(start, US)).toBe("Mon, Mar 2");
    expect(formatWeekday(start, US)).toBe("Monday");
    expect(formatDayLabel(start, US)).toBe("Monday, March 2, 2026");
    expect(formatVisitWindow(start, end, US)).toBe("Monday, March 2, 2026, 10:30 AM – 12:00 PM EST");
    expect(formatFullDateTime(start, US)).toBe("Monday, March 2, 2026 at 10:30 AM EST");
    expect(formatDateTimeRange(start, new Date("2026-03-03T14:00:00Z"), US)).toBe("Mar 2, 2026, 10:30 AM – Mar 3, 2026, 9:00 AM");
  });

  it("writes UK dates day first with a 24-hour clock, for the same instants", () => {
    expect(formatDate(start, GB)).toBe("2 Mar 2026");
    expect(formatDateTime(start, GB)).toBe("2 Mar 2026, 10:30");
    expect(formatTime(start, GB)).toBe("10:30");
    expect(formatTimeRange(start, end, GB)).toBe("10:30–12:00");
    expect(formatWeekdayDate(start, GB)).toBe("Mon 2 Mar");
    expect(formatDayLabel(start, GB)).toBe("Monday, 2 March 2026");
    // A 24-hour clock keeps two-digit hours, in ranges too.
    const early = new Date("2026-03-02T12:05:00Z"); // 07:05 in New York
    expect(formatTime(early, GB)).toBe("07:05");
    expect(formatTimeRange(early, start, GB)).toBe("07:05–10:30");
    expect(formatTime(early, US)).toBe("7:05 AM");
  });

  it("shows the instant in the company's zone, not the server's", () => {
    expect(formatTime(start, { timeZone: "Europe/London", locale: "en-US" })).toBe("3:30 PM");
    expect(formatDateTime(new Date("2026-03-03T03:30:00Z"), US)).toBe("Mar 2, 2026, 10:30 PM");
  });

  it("keeps a calendar day (yyyy-MM-dd) on that day in every zone", () => {
    for (const timeZone of ["Pacific/Kiritimati", "Pacific/Pago_Pago", "America/New_York"]) {
      expect(formatDate("2026-03-08", { timeZone, locale: "en-US" }, { weekday: true })).toBe("Sun, Mar 8, 2026");
    }
  });

  it("tells the repeated hour of the autumn change apart when asked for the zone", () => {
    const first = new Date("2026-11-01T05:30:00Z"); // 1:30 EDT
    const second = new Date("2026-11-01T06:30:00Z"); // 1:30 EST
    expect(formatTime(first, US)).toBe(formatTime(second, US));
    expect(formatTime(first, US, { zoneName: true })).toBe("1:30 AM EDT");
    expect(formatTime(second, US, { zoneName: true })).toBe("1:30 AM EST");
  });

  it("uses plain spaces, so server and browser text match and plain-text mail reads well", () => {
    for (const s of [formatTimeRange(start, end, US), formatVisitWindow(start, end, US), formatTime(start, US), formatDateTime(start, US)]) {
      expect(s).not.toMatch(/[\u202f\u2009\u00a0]/);
    }
  });
});

describe("the locale setting", () => {
  it("accepts BCP 47 tags Intl knows, in their canonical form, and refuses others", () => {
    expect(canonicalLocale("en-us")).toBe("en-US");
    expect(canonicalLocale(" fr-CA ")).toBe("fr-CA");
    expect(canonicalLocale("en-US-u-hc-h23")).toBe("en-US-u-hc-h23");
    for (const bad of ["", "xx-YY", "not a locale", "en_US", "12"]) expect(canonicalLocale(bad), bad).toBeNull();
  });

  it("answers the same when asked again (the answers are remembered; a refusal is not)", () => {
    for (let i = 0; i < 3; i++) {
      expect(canonicalLocale("en-gb")).toBe("en-GB");
      expect(canonicalLocale("xx-YY")).toBeNull();
      expect(isTimeZone("America/Chicago")).toBe(true);
      expect(isTimeZone("US/Eastern")).toBe(true);
      expect(isTimeZone("Mars/Olympus_Mons")).toBe(false);
      expect(isTimeZone("")).toBe(false);
    }
  });

  it("defaults to en-US beside the time zone, and says what is wrong on the field", () => {
    expect(DEFAULT_SETTINGS.locale).toBe("en-US");
    expect(companySettingsSchema.partial().parse({ locale: "en-gb" }).locale).toBe("en-GB");
    const bad = companySettingsSchema.partial().safeParse({ locale: "xx-YY" });
    expect(bad.success).toBe(false);
    expect(bad.error!.issues).toEqual([
      expect.objectContaining({ path: ["locale"], message: "Use a language tag such as en-US or en-GB (this one is unknown)." }),
    ]);
  });
});
