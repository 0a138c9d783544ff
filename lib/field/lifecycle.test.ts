import { describe, expect, it } from "vitest";
import { VISIT_STATUSES, type VisitStatus } from "@/db/schema";
import { ConflictError } from "@/lib/platform/errors";
import { assertTransition, canTransition, isClosed } from "@/lib/visits/lifecycle";

/** The visit state machine, spelled out: every pair of states is either allowed here or refused. */
const ALLOWED: [VisitStatus, VisitStatus][] = [
  ["requested", "scheduled"],
  ["requested", "cancelled"],
  ["requested", "no_show"],
  ["scheduled", "en_route"],
  ["scheduled", "on_site"],
  ["scheduled", "cancelled"],
  ["scheduled", "no_show"],
  ["scheduled", "requested"],
  ["en_route", "on_site"],
  ["en_route", "scheduled"],
  ["en_route", "cancelled"],
  ["en_route", "no_show"],
  ["on_site", "waiting_vendor"],
  ["on_site", "completed"],
  ["on_site", "cancelled"],
  ["on_site", "no_show"],
  ["waiting_vendor", "on_site"],
  ["waiting_vendor", "completed"],
  ["waiting_vendor", "cancelled"],
  ["waiting_vendor", "no_show"],
];

describe("visit lifecycle", () => {
  for (const from of VISIT_STATUSES) {
    for (const to of VISIT_STATUSES) {
      const allowed = ALLOWED.some(([a, b]) => a === from && b === to);
      it(`${from} -> ${to} is ${allowed ? "allowed" : "refused"}`, () => {
        expect(canTransition(from, to)).toBe(allowed);
        if (allowed) expect(() => assertTransition(from, to)).not.toThrow();
        else expect(() => assertTransition(from, to)).toThrow(ConflictError);
      });
    }
  }

  it("refusals say what happened in words", () => {
    expect(() => assertTransition("completed", "on_site")).toThrow("A visit that is completed cannot become on site.");
    expect(() => assertTransition("scheduled", "completed")).toThrow("A visit that is scheduled cannot become completed.");
  });

  it("completed, cancelled and no-show are closed; nothing leaves them", () => {
    for (const s of VISIT_STATUSES) expect(isClosed(s)).toBe(s === "completed" || s === "cancelled" || s === "no_show");
    for (const s of ["completed", "cancelled", "no_show"] as const) for (const to of VISIT_STATUSES) expect(canTransition(s, to)).toBe(false);
  });
});
