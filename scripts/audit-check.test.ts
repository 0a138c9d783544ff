import { describe, expect, it } from "vitest";
import { judgeAudit } from "./audit-check";

const report = (vulns: Record<string, number>, list: Record<string, { name: string; severity: string }> = {}) =>
  JSON.stringify({
    auditReportVersion: 2,
    vulnerabilities: list,
    metadata: { vulnerabilities: { info: 0, low: 0, moderate: 0, high: 0, critical: 0, total: 0, ...vulns } },
  });

describe("judgeAudit", () => {
  it("passes a report with only low and moderate advisories", () => {
    expect(judgeAudit(report({ low: 2, moderate: 1 })).kind).toBe("clean");
  });

  it("fails on a high or a critical advisory and names the package", () => {
    const high = judgeAudit(report({ high: 1 }, { next: { name: "next", severity: "high" }, ms: { name: "ms", severity: "low" } }));
    expect(high).toEqual({ kind: "vulnerable", counts: expect.objectContaining({ high: 1 }), packages: ["next (high)"] });
    expect(judgeAudit(report({ critical: 1 }, { x: { name: "x", severity: "critical" } })).kind).toBe("vulnerable");
  });

  it("reports an unreachable advisory endpoint as 'did not run', never as clean", () => {
    const refused = JSON.stringify({
      message: "405 Method Not Allowed - POST https://registry.example/-/npm/v1/security/advisories/bulk",
      statusCode: 405,
      error: { summary: "" },
    });
    expect(judgeAudit(refused)).toEqual({ kind: "unavailable", reason: expect.stringContaining("405") });
    expect(judgeAudit("").kind).toBe("unavailable");
  });
});
