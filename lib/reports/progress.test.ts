import { describe, expect, it } from "vitest";
import { shownProgress } from "./progress";

describe("shownProgress", () => {
  it("whole percent rounded down, 0 for nothing or nonsense, never 100 while the move runs", () => {
    expect(shownProgress(0)).toBe(0);
    expect(shownProgress(0.337)).toBe(33);
    expect(shownProgress(0.999)).toBe(99);
    expect(shownProgress(1)).toBe(99);
    expect(shownProgress(Number.NaN)).toBe(0);
    expect(shownProgress(-0.2)).toBe(0);
  });
});
