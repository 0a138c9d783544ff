/**
 * Settings whose wording describes a rule: the rule the code applies must be
 * the one the form describes. The expected rule is read from the label and
 * help text the settings form shows (lib/settings/fields.ts); wording this
 * test does not understand fails it, so a change of words or of code that
 * makes them disagree cannot pass unnoticed.
 */
import { describe, expect, it } from "vitest";
import { visitMinutes } from "@/lib/booking/visit-length";
import { settingField } from "./fields";

/** How many devices the wording says a setting's minutes are counted for, out of n. */
function devicesCoveredBy(words: string, n: number): number {
  const w = words.toLowerCase();
  if (/\b(each|every) further device\b|\beach (additional|extra) device\b|\bafter the first\b/.test(w)) return n - 1;
  if (/\bfirst device\b/.test(w)) return 1;
  if (/\b(per|each|every) device\b/.test(w)) return n;
  throw new Error(`The wording "${words}" does not say which devices it counts: update this test with the rule it describes.`);
}

describe("visit length: the rule the settings form describes is the rule bookings use", () => {
  const base = settingField("visitBaseMinutes");
  const extra = settingField("visitPerDeviceMinutes");
  const settings = { visitBaseMinutes: 60, visitPerDeviceMinutes: 30 };

  it.each([1, 2, 3, 5])("%i device(s)", (n) => {
    // The base's text must say what it covers; the extra's label and hint must agree with each other.
    const baseCovers = devicesCoveredBy(`${base.label} ${base.hint}`.replace(/base length/i, ""), n);
    expect(baseCovers).toBe(1);
    const extraFromHint = devicesCoveredBy(extra.hint, n);
    expect(devicesCoveredBy(extra.label, n), `"${extra.label}" and "${extra.hint}" describe different rules`).toBe(extraFromHint);
    const described = settings.visitBaseMinutes + settings.visitPerDeviceMinutes * extraFromHint;
    expect(visitMinutes(settings, n)).toBe(described);
  });

  it("reads the wording it is given (the test itself can fail)", () => {
    expect(devicesCoveredBy("Added for each further device.", 3)).toBe(2);
    expect(devicesCoveredBy("Extra minutes per device", 3)).toBe(3);
    expect(() => devicesCoveredBy("Some minutes", 3)).toThrow(/does not say/);
  });
});
