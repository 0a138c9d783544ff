import { describe, expect, it } from "vitest";
import { parseReportFilters } from "./filters";

describe("report filters", () => {
  it("parse GET parameters; blanks mean any", () => {
    expect(parseReportFilters(new URLSearchParams("from=2031-03-01&to=2031-03-31&brand=dahua&kind="))).toEqual({
      ok: true,
      filters: { from: "2031-03-01", to: "2031-03-31", brand: "dahua" },
    });
  });

  it("bad input: one message per field (the refine lands on `to`), and the raw values back for the form", () => {
    const r = parseReportFilters({ from: "2031-03-31", to: "2031-03-01", brand: "sony" });
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(Object.keys(r.fieldErrors).sort()).toEqual(["brand"]);
    const dates = parseReportFilters({ from: "2031-03-31", to: "2031-03-01" });
    expect(dates).toEqual({
      ok: false,
      fieldErrors: { to: "The end date must be on or after the start date." },
      raw: { from: "2031-03-31", to: "2031-03-01" },
    });
    expect(r.raw).toEqual({ from: "2031-03-31", to: "2031-03-01", brand: "sony" });
  });
});
