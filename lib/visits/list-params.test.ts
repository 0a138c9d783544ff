import { describe, expect, it } from "vitest";
import { parseVisitListParams, visitListFilter, visitListHref } from "./list-params";

describe("the office's visit list filters (URL parameters)", () => {
  it("turns local days into the instants that bound them in the company's time zone, across a daylight-saving change", () => {
    const p = parseVisitListParams({ from: "2026-03-08", to: "2026-03-08", status: "scheduled", technician: "none" });
    expect(p.ok).toBe(true);
    const f = visitListFilter(p.ok ? p.params : {}, "America/New_York");
    // 8 March 2026 starts at 05:00Z (EST) and the next day at 04:00Z (EDT): a 23-hour day.
    expect(f).toEqual({ status: "scheduled", technicianId: "none", from: "2026-03-08T05:00:00.000Z", to: "2026-03-09T04:00:00.000Z" });
  });

  it("names each bad field instead of guessing, and treats empty fields as any", () => {
    const bad = parseVisitListParams({ status: "lost", technician: "bob", from: "2026-13-01", to: "x" });
    expect(bad).toEqual({
      ok: false,
      fieldErrors: {
        status: "Pick a status from the list.",
        technician: "Pick a technician from the list.",
        from: "Enter a date as YYYY-MM-DD.",
        to: "Enter a date as YYYY-MM-DD.",
      },
    });
    expect(parseVisitListParams({ from: "2026-05-02", to: "2026-05-01" })).toEqual({
      ok: false,
      fieldErrors: { to: "The end date must be on or after the start date." },
    });
    expect(parseVisitListParams({ status: "", technician: [""], from: " " })).toEqual({ ok: true, params: {} });
  });

  it("writes the same filters back as a link, leaving out empty ones", () => {
    expect(visitListHref({ status: "requested", from: "", technician: undefined })).toBe("/admin/visits?status=requested");
    expect(visitListHref({})).toBe("/admin/visits");
  });
});
