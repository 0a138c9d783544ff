/**
 * Report fixtures for vendor cases worked on the job page (lib/field): closing
 * a case settles the attempt that waited on it, and a case closed with the
 * answer can still have its attempt corrected. The hand-made fixtures are
 * fixtures.test.ts.
 */
import { beforeAll, describe, expect, it } from "vitest";
import { makeUser } from "@/test/support/factories";
import type { Actor } from "@/lib/auth/permissions";
import type { ReportFilters } from "./filters";
import { reportFromEverySource } from "@/test/support/reports";
import { attempt as fieldAttempt, prepareEvidence, scenario } from "@/test/support/field";
import { correctAttempt as correctFieldAttempt, logAttempt } from "@/lib/field/attempts";
import { closeVendorCase } from "@/lib/vendor-cases/manage";

let admin: Actor;

/** The report from every source that can answer these filters; they must agree. */
const report = (filters: ReportFilters) => reportFromEverySource(admin, filters);

beforeAll(async () => {
  admin = await makeUser("admin");
});

describe("report fixtures: vendor cases on the job page", () => {
  it("closing a vendor case on the job page settles its waiting attempt: 'waiting on vendor' drops and the outcome counts (docs/reports.md)", async () => {
    const s = await scenario({ authorized: true });
    const xml = (deviceId: string, vendor: "dahua" | "hikvision", methodId: string) =>
      logAttempt(s.tech, fieldAttempt(s.visitId, deviceId, { methodId, outcome: "waiting_vendor", vendorCase: { vendor, whatWasSent: "export file" } }));
    // Each case goes with what its vendor asks for (the method's evidence list).
    await prepareEvidence(s.tech, s.visitId, s.dahua, "dahua_configtool_xml");
    await prepareEvidence(s.tech, s.visitId, s.hik, "hik_sadp_export");
    const a = await xml(s.dahua, "dahua", "dahua_configtool_xml");
    const b = await xml(s.hik, "hikvision", "hik_sadp_export");
    let r = await report({ technician: s.tech.id });
    expect(r.totals).toMatchObject({ final: 0, succeeded: 0, pending: 2 });

    // Dahua's answer unlocks the recorder: one step on the job page, no second attempt to log.
    await closeVendorCase(s.tech, { caseId: a.vendorCaseId!, result: "unlocked", resultNote: "Result file imported, unlocked" });
    r = await report({ technician: s.tech.id });
    expect(r.totals).toMatchObject({ final: 1, succeeded: 1, pending: 1 });
    expect(r.byBrandMethod.find((x) => x.methodId === "dahua_configtool_xml")).toMatchObject({ n: 1, succeeded: 1, pending: 0 });
    expect(r.vendorTurnaround.find((x) => x.vendor === "dahua")).toMatchObject({ cases: 1, received: 1, waiting: 0 });

    // Hikvision never answers: the vendor route failed; nothing is left waiting.
    await closeVendorCase(s.tech, { caseId: b.vendorCaseId!, result: "no_answer", resultNote: "No answer in 3 days" });
    r = await report({ technician: s.tech.id });
    expect(r.totals).toMatchObject({ final: 2, succeeded: 1, pending: 0 });
    expect(r.byBrandMethod.find((x) => x.methodId === "hik_sadp_export")).toMatchObject({ n: 1, succeeded: 0, pending: 0 });
  });

  it("a case closed with the answer received can still have its waiting attempt corrected to succeeded (the documented rule)", async () => {
    const s = await scenario({ authorized: true });
    await prepareEvidence(s.tech, s.visitId, s.dahua, "dahua_configtool_xml");
    const a = await logAttempt(
      s.tech,
      fieldAttempt(s.visitId, s.dahua, { methodId: "dahua_configtool_xml", outcome: "waiting_vendor", vendorCase: { vendor: "dahua", whatWasSent: "XML" } }),
    );
    await closeVendorCase(s.tech, { caseId: a.vendorCaseId!, result: "received", resultNote: "Result file came back" });
    expect((await report({ technician: s.tech.id })).totals).toMatchObject({ pending: 1 });
    await correctFieldAttempt(s.tech, { attemptId: a.attemptId, methodId: "dahua_configtool_xml", outcome: "succeeded", durationSeconds: 1800 });
    const r = await report({ technician: s.tech.id });
    expect(r.totals).toMatchObject({ final: 1, succeeded: 1, pending: 0 });
  });
});
