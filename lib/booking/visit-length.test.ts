import { describe, expect, it } from "vitest";
import { visitMinutes } from "./visit-length";

const S = { visitBaseMinutes: 60, visitPerDeviceMinutes: 30 };

describe("visitMinutes: the base covers the first device, each further device adds the extra", () => {
  it("1 device = base; 2 = base + extra; 3 = base + 2 × extra", () => {
    expect(visitMinutes(S, 1)).toBe(60);
    expect(visitMinutes(S, 2)).toBe(90);
    expect(visitMinutes(S, 3)).toBe(120);
  });
  it("no device listed yet counts as one (a visit is never shorter than the base)", () => {
    expect(visitMinutes(S, 0)).toBe(60);
  });
  it("no extra: every visit takes the base", () => {
    expect(visitMinutes({ visitBaseMinutes: 45, visitPerDeviceMinutes: 0 }, 5)).toBe(45);
  });
});
