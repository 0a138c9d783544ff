import { describe, expect, it } from "vitest";
import type { PriceListItem, PriceRules } from "./price";
import { priceVisit, surchargesFor } from "./price";

const item = (over: Partial<PriceListItem> & Pick<PriceListItem, "kind" | "name" | "unitCents">): PriceListItem => ({
  id: Math.random().toString(36),
  brand: null,
  deviceClass: null,
  surcharge: null,
  taxable: true,
  active: true,
  ...over,
});
export const LIST: PriceListItem[] = [
  item({ kind: "call_out", name: "Call-out fee", unitCents: 8900 }),
  item({ kind: "device", brand: "dahua", deviceClass: "recorder", name: "Dahua recorder", unitCents: 4900 }),
  item({ kind: "device", brand: "hikvision", deviceClass: "recorder", name: "Hikvision recorder", unitCents: 4900 }),
  item({ kind: "device", brand: "lorex", deviceClass: "camera", name: "Lorex camera", unitCents: 2900, taxable: false }),
  item({ kind: "surcharge", surcharge: "after_hours", name: "After-hours surcharge", unitCents: 5000 }),
  item({ kind: "surcharge", surcharge: "weekend", name: "Weekend surcharge", unitCents: 4000 }),
  item({ kind: "surcharge", surcharge: "same_day", name: "Same-day surcharge", unitCents: 3500 }),
  item({ kind: "vendor_case_fee", name: "Vendor-case handling", unitCents: 2500 }),
  item({ kind: "call_out", name: "Old call-out", unitCents: 1, active: false }),
];
const RULES: PriceRules = {
  timeZone: "America/New_York",
  locale: "en-US",
  currency: "USD",
  taxRate: 8000,
  noFixNoFee: true,
  businessHoursStart: "08:00",
  businessHoursEnd: "18:00",
};
const EARLIER = new Date("2026-01-01T12:00:00Z");

describe("surcharges by the visit's local start (company time zone)", () => {
  // Wednesday 4 March 2026, New York is UTC-5.
  it("after hours: before opening and from closing time on; not at opening or a minute before closing", () => {
    expect(surchargesFor(new Date("2026-03-04T12:59:00Z"), EARLIER, RULES)).toEqual(["after_hours"]); // 07:59
    expect(surchargesFor(new Date("2026-03-04T13:00:00Z"), EARLIER, RULES)).toEqual([]); // 08:00
    expect(surchargesFor(new Date("2026-03-04T22:59:00Z"), EARLIER, RULES)).toEqual([]); // 17:59
    expect(surchargesFor(new Date("2026-03-04T23:00:00Z"), EARLIER, RULES)).toEqual(["after_hours"]); // 18:00
  });

  it("across daylight-saving changes the local clock decides, not UTC", () => {
    // 12:30Z is 08:30 EDT on Friday 30 Oct (in hours) and 07:30 EST on Monday 2 Nov (after hours: clocks went back on 1 Nov).
    expect(surchargesFor(new Date("2026-10-30T12:30:00Z"), EARLIER, RULES)).toEqual([]);
    expect(surchargesFor(new Date("2026-11-02T12:30:00Z"), EARLIER, RULES)).toEqual(["after_hours"]);
    // Spring: 12:30Z is 07:30 EST on Friday 6 March, 08:30 EDT on Monday 9 March (clocks went forward on 8 March).
    expect(surchargesFor(new Date("2026-03-06T12:30:00Z"), EARLIER, RULES)).toEqual(["after_hours"]);
    expect(surchargesFor(new Date("2026-03-09T12:30:00Z"), EARLIER, RULES)).toEqual([]);
    // On the spring-forward Sunday itself: 09:00 local is a weekend morning, in hours.
    expect(surchargesFor(new Date("2026-03-08T13:00:00Z"), EARLIER, RULES)).toEqual(["weekend"]);
  });

  it("weekend: Saturday and Sunday in local time, even when UTC is already Monday", () => {
    expect(surchargesFor(new Date("2026-03-07T15:00:00Z"), EARLIER, RULES)).toEqual(["weekend"]); // Sat 10:00
    expect(surchargesFor(new Date("2026-03-09T03:30:00Z"), EARLIER, RULES)).toEqual(["after_hours", "weekend"]); // Sun 23:30 EDT
  });

  it("same day: booked on the local day of the visit (midnight boundary in the company zone)", () => {
    const visit = new Date("2026-03-04T15:00:00Z"); // Wed 10:00
    expect(surchargesFor(visit, new Date("2026-03-04T05:01:00Z"), RULES)).toEqual(["same_day"]); // 00:01 same day
    expect(surchargesFor(visit, new Date("2026-03-04T04:59:00Z"), RULES)).toEqual([]); // 23:59 the day before (UTC says same day)
  });
});

describe("priceVisit: one function for the booking estimate and the invoice", () => {
  it("the booking estimate groups devices: Call-out $89 + 2 × $49 = $187 before tax", () => {
    const q = priceVisit({
      priceList: LIST,
      rules: RULES,
      devices: [
        { brand: "dahua", kind: "nvr", charge: "estimate" },
        { brand: "dahua", kind: "dvr", charge: "estimate" },
      ],
      startsAt: new Date("2026-03-04T15:00:00Z"),
      bookedAt: EARLIER,
    });
    expect(q.summary).toBe("Call-out $89.00 + 2 × $49.00 = $187.00 before tax");
    expect(q).toMatchObject({ subtotalCents: 18700, taxCents: 1496, totalCents: 20196, surcharges: [] });
    expect(q.lines.map((l) => [l.description, l.quantity, l.unitCents, l.taxCents])).toEqual([
      ["Call-out fee", 1, 8900, 712],
      ["Dahua recorder", 2, 4900, 784],
    ]);
  });

  it("adds each surcharge once, and a vendor-case fee per case", () => {
    const q = priceVisit({
      priceList: LIST,
      rules: RULES,
      devices: [{ brand: "lorex", kind: "camera", charge: "estimate" }],
      vendorCases: 2,
      startsAt: new Date("2026-03-07T23:30:00Z"), // Saturday 18:30
      bookedAt: new Date("2026-03-07T14:00:00Z"), // the same Saturday
      perDevice: true,
    });
    expect(q.surcharges).toEqual(["after_hours", "weekend", "same_day"]);
    expect(q.lines.map((l) => l.kind)).toEqual(["call_out", "device", "vendor_case_fee", "surcharge", "surcharge", "surcharge"]);
    expect(q.subtotalCents).toBe(8900 + 2900 + 2 * 2500 + 5000 + 4000 + 3500);
    // The Lorex camera price is not taxable.
    expect(q.taxCents).toBe(Math.round((q.subtotalCents - 2900) * 0.08));
  });

  it("invoice lines: recovered devices are charged; unrecovered ones only without no-fix-no-fee; not attempted never", () => {
    const devices = [
      { brand: "dahua", kind: "nvr", model: "NVR4108HS", deviceId: "d1", charge: "recovered" },
      { brand: "hikvision", kind: "nvr", deviceId: "d2", charge: "unrecovered" },
      { brand: "dahua", kind: "dvr", deviceId: "d3", charge: "not_attempted" },
    ] as const;
    const base = { priceList: LIST, devices, startsAt: new Date("2026-03-04T15:00:00Z"), bookedAt: EARLIER, perDevice: true };
    const on = priceVisit({ ...base, rules: RULES });
    expect(on.lines.map((l) => [l.description, l.unitCents, l.deviceId ?? null])).toEqual([
      ["Call-out fee", 8900, null],
      ["Dahua NVR NVR4108HS — recovered", 4900, "d1"],
      ["Hikvision NVR — not recovered (no fix, no fee)", 0, "d2"],
      ["Dahua DVR — not attempted (not charged)", 0, "d3"],
    ]);
    const off = priceVisit({ ...base, rules: { ...RULES, noFixNoFee: false } });
    expect(off.lines[2]).toMatchObject({ description: "Hikvision NVR — not recovered", unitCents: 4900 });
    expect(off.lines[3]).toMatchObject({ unitCents: 0 });
    expect(off.subtotalCents - on.subtotalCents).toBe(4900);
  });

  it("inactive prices are ignored; a device without a price is listed at 0 for the admin to fix", () => {
    const q = priceVisit({
      priceList: LIST,
      rules: RULES,
      devices: [{ brand: "hikvision", kind: "camera", charge: "recovered" }],
      startsAt: new Date("2026-03-04T15:00:00Z"),
      bookedAt: EARLIER,
      perDevice: true,
    });
    expect(q.lines[0]).toMatchObject({ description: "Call-out fee", unitCents: 8900 });
    expect(q.lines[1]).toMatchObject({ description: "Hikvision IP camera — recovered (no price set)", unitCents: 0 });
  });
});
