import { describe, expect, it } from "vitest";
import { RECOVERY_METHODS } from "@/db/seed/catalogue";
import { answerExpiresAt, clockState, describeValidity, formatCountdown, NEAR_DEADLINE_MS } from "./clock";

const NY = "America/New_York";
const method = (id: string) => {
  const m = RECOVERY_METHODS.find((x) => x.id === id);
  if (!m) throw new Error(`no method ${id}`);
  return { validity: m.answerValidity ?? { kind: "unknown" as const }, voidedBy: m.voidedBy ?? [], doNotReboot: m.doNotReboot ?? null };
};
const at = (iso: string) => new Date(iso);

describe("how long each method's answer lives (catalogue data)", () => {
  const received = at("2026-06-10T15:00:00Z"); // 11:00 in New York
  it.each([
    ["dahua_configtool_xml", "2026-06-11T15:00:00.000Z", ["a reboot", "closing ConfigTool mid-process"]],
    ["dahua_qr_dmss", "2026-06-11T15:00:00.000Z", ["a reboot"]],
    ["hik_reserved_email_qr", "2026-06-12T15:00:00.000Z", ["a reboot", "a change of the reserved email"]],
    ["hik_sadp_export", "2026-06-11T15:00:00.000Z", ["a reboot", "a second export"]],
    ["lorex_support_temp_password", "2026-06-11T04:00:00.000Z", []], // midnight in New York (EDT)
    ["dahua_support_serial_date", null, ["a reboot"]],
    ["hik_sadp_security_code", null, ["a reboot"]],
  ])("%s: expires %s, voided by %j", (id, expected, voidedBy) => {
    const m = method(id);
    expect(answerExpiresAt(m.validity, received, NY)?.toISOString() ?? null).toBe(expected);
    expect(m.voidedBy).toEqual(voidedBy);
  });

  it("every vendor-pending method says what voids its answer, in its own words, or why there is nothing to say", () => {
    for (const m of RECOVERY_METHODS.filter((x) => x.vendorPending)) {
      expect(m.evidence?.length ?? 0, m.id).toBeGreaterThan(0);
      if ((m.voidedBy ?? []).length) expect(m.doNotReboot, m.id).toMatch(/^Do not reboot/);
      else expect(m.answerValidity, m.id).toEqual({ kind: "end_of_day" }); // Lorex: nothing known voids it; the day's end does
    }
  });

  it("reads the validity as people say it", () => {
    expect(describeValidity({ kind: "hours", hours: 24 })).toBe("24 hours");
    expect(describeValidity({ kind: "hours", hours: 48 })).toBe("2 days");
    expect(describeValidity({ kind: "end_of_day" })).toBe("until the end of the day");
    expect(describeValidity({ kind: "unknown" })).toMatch(/^unknown/);
  });
});

describe("the end of the day in the company's time zone, across daylight-saving changes", () => {
  const eod = { kind: "end_of_day" } as const;
  it("an ordinary day ends at the next local midnight", () => {
    expect(answerExpiresAt(eod, at("2026-01-15T22:30:00Z"), NY)?.toISOString()).toBe("2026-01-16T05:00:00.000Z"); // 17:30 EST -> 00:00 EST
    // 23:30 local is already the next UTC day: still the same local day.
    expect(answerExpiresAt(eod, at("2026-01-16T04:30:00Z"), NY)?.toISOString()).toBe("2026-01-16T05:00:00.000Z");
    expect(answerExpiresAt(eod, at("2026-01-15T22:30:00Z"), "Europe/London")?.toISOString()).toBe("2026-01-16T00:00:00.000Z");
  });

  it("the spring-forward day is 23 hours long: midnight comes in EDT", () => {
    // 8 March 2026, 01:30 EST, just before the clocks jump from 02:00 to 03:00.
    const end = answerExpiresAt(eod, at("2026-03-08T06:30:00Z"), NY)!;
    expect(end.toISOString()).toBe("2026-03-09T04:00:00.000Z");
    // Received at 00:00:01 that day: 23 hours (less a second) later, not 24.
    expect((end.getTime() - at("2026-03-08T05:00:01Z").getTime()) / 3_600_000).toBeCloseTo(23, 3);
  });

  it("the fall-back day is 25 hours long: 01:30 happens twice and both end at the same midnight", () => {
    const first = at("2026-11-01T05:30:00Z"); // 01:30 EDT
    const second = at("2026-11-01T06:30:00Z"); // 01:30 EST, an hour later
    expect(answerExpiresAt(eod, first, NY)?.toISOString()).toBe("2026-11-02T05:00:00.000Z");
    expect(answerExpiresAt(eod, second, NY)?.toISOString()).toBe("2026-11-02T05:00:00.000Z");
    expect((answerExpiresAt(eod, at("2026-11-01T04:00:00Z"), NY)!.getTime() - at("2026-11-01T04:00:00Z").getTime()) / 3_600_000).toBe(25);
  });

  it("where the change skips midnight itself (Santiago), the day ends at the next day's first instant, 01:00", () => {
    expect(answerExpiresAt(eod, at("2026-09-06T02:00:00Z"), "America/Santiago")?.toISOString()).toBe("2026-09-06T04:00:00.000Z");
  });

  it("an hours validity is plain elapsed time, whatever the wall clock does", () => {
    expect(answerExpiresAt({ kind: "hours", hours: 24 }, at("2026-03-07T17:00:00Z"), NY)?.toISOString()).toBe("2026-03-08T17:00:00.000Z");
  });
});

describe("countdowns", () => {
  const deadline = at("2026-06-10T20:00:00Z");
  it("turn red near the deadline and past it", () => {
    expect(clockState(deadline, deadline.getTime() - NEAR_DEADLINE_MS - 1)).toBe("ok");
    expect(clockState(deadline, deadline.getTime() - NEAR_DEADLINE_MS)).toBe("near");
    expect(clockState(deadline, deadline.getTime() - 1)).toBe("near");
    expect(clockState(deadline, deadline)).toBe("past");
  });
  it("read as hours and minutes", () => {
    expect(formatCountdown(3 * 3_600_000 + 5 * 60_000 + 20_000)).toBe("3 h 05 min");
    expect(formatCountdown(12 * 60_000 + 59_000)).toBe("12 min");
    expect(formatCountdown(45_000)).toBe("45 s");
    expect(formatCountdown(50 * 3_600_000)).toBe("2 d 2 h");
    expect(formatCountdown(-90 * 60_000)).toBe("1 h 30 min");
  });
});
