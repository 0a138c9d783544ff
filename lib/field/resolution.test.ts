import { describe, expect, it } from "vitest";
import type { AttemptOutcome, VisitStatus } from "@/lib/values";
import { acceptsReason, completionBlockers, DEVICE_STATE_LABELS, deviceState, isResolved, type DeviceState } from "./resolution";

const tries = (...outcomes: AttemptOutcome[]) => outcomes.map((outcome, i) => ({ seq: i + 1, outcome }));
const state = (visitStatus: VisitStatus, attempts = tries(), o: { reason?: string; openCase?: boolean } = {}) =>
  deviceState({ visitStatus, attempts, closingReason: o.reason ?? null, openVendorCase: !!o.openCase });

describe("a device's state derives from its attempts and the visit's state", () => {
  it("before anyone started: not started, whatever the visit's status before on site", () => {
    for (const s of ["requested", "scheduled", "en_route", "on_site", "cancelled", "no_show"] as const) expect(state(s)).toBe("not_started");
    expect(DEVICE_STATE_LABELS.not_started).toBe("Not started");
  });

  it("in progress only once the visit is on site and an attempt exists", () => {
    expect(state("on_site", tries("failed"))).toBe("in_progress");
    expect(state("waiting_vendor", tries("abandoned"))).toBe("in_progress");
    expect(DEVICE_STATE_LABELS.in_progress).toBe("In progress");
    // attempts on a visit that is no longer on site (it was cancelled or nobody was there): left unfinished, not in progress
    expect(state("cancelled", tries("failed"))).toBe("not_finished");
    expect(state("no_show", tries("failed"))).toBe("not_finished");
  });

  it("the final states", () => {
    expect(state("on_site", tries("failed", "succeeded"))).toBe("recovered");
    expect(state("completed", tries("succeeded"))).toBe("recovered");
    expect(state("on_site", tries(), { reason: "Customer kept it" })).toBe("not_attempted");
    expect(state("on_site", tries("failed"), { reason: "Board is dead" })).toBe("unresolved");
    expect(state("waiting_vendor", tries("waiting_vendor"), { openCase: true })).toBe("waiting_vendor");
    expect(state("on_site", tries("waiting_vendor"))).toBe("needs_outcome"); // case closed without saying what came of it
  });

  it("completion asks for an outcome or a reason for every device not started or in progress", () => {
    const blockers = (s: DeviceState) =>
      completionBlockers({
        status: "on_site",
        hasAuthorization: true,
        openVendorCases: 0,
        checklistAnswered: true,
        devices: [{ label: "Dahua NVR", state: s }],
      });
    expect(blockers("not_started")).toEqual(["Dahua NVR: log a successful attempt, or give a reason it is left as it is."]);
    expect(blockers("in_progress")).toEqual(["Dahua NVR: log a successful attempt, or give a reason it is left as it is."]);
    expect(blockers("recovered")).toEqual([]);
    for (const s of ["not_started", "in_progress", "not_attempted", "unresolved"] as const) expect(acceptsReason(s)).toBe(true);
    for (const s of ["not_started", "in_progress", "not_finished", "waiting_vendor", "needs_outcome"] as const) expect(isResolved(s)).toBe(false);
  });
});
