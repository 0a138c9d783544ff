import { describe, expect, it } from "vitest";
import { safeNextPath } from "./next-path";

describe("safeNextPath", () => {
  it("keeps same-site paths, including non-ASCII ones that can go in a URL", () => {
    expect(safeNextPath("/portal/visits/1?x=2")).toBe("/portal/visits/1?x=2");
    expect(safeNextPath("/tech/é😀")).toBe("/tech/é😀");
    expect(encodeURIComponent(safeNextPath("/tech/é😀"))).toBe("%2Ftech%2F%C3%A9%F0%9F%98%80");
  });
  it("drops other sites, missing values and text with a lone surrogate", () => {
    for (const bad of [undefined, "", "portal", "//evil.example", "/\\evil.example", "https://evil.example/", "/portal\uD800", "/portal\uDC00x", "/a\uDBFF"])
      expect(safeNextPath(bad)).toBe("");
  });
});
