/**
 * Report numbers against small hand-computed fixtures. Every case is read
 * through the cumulative rollups AND the raw facts, and both must give the
 * same report.
 */
import { eq } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import { getDb } from "@/db/client";
import { vendorCases, visits } from "@/db/schema";
import { makeDevice, makeUser } from "@/test/support/factories";
import type { Actor } from "@/lib/auth/permissions";
import type { ReportFilters } from "./filters";
import { addAttempt, addVendorCase, correctAttempt, juneVisit, reportFromEverySource } from "@/test/support/reports";

let admin: Actor;
let customerId: string;

/** The report from every source that can answer these filters; they must agree. */
const report = (filters: ReportFilters) => reportFromEverySource(admin, filters);

async function technician() {
  return (await makeUser("technician")).id;
}

/** A completed visit in June 2025 (distinct times so nothing overlaps). */
const completedVisit = (technicianId: string, deviceIds: string[], status?: "completed" | "on_site") => juneVisit(customerId, technicianId, deviceIds, status);

beforeAll(async () => {
  admin = await makeUser("admin");
  customerId = (await makeUser("customer")).customerId!;
});

describe("report fixtures", () => {
  it("zero attempts: empty views, no rates, no intervals", async () => {
    const r = await report({});
    expect(r.byBrandMethod).toEqual([]);
    expect(r.technicians).toEqual([]);
    expect(r.trend).toEqual([]);
    expect(r.firstVisit.overall).toMatchObject({ n: 0, rate: null, ci: null });
    expect(r.claims.map((c) => [c.methodId, c.verdict])).toEqual([
      ["dahua_qr_dmss", "no data"],
      ["dahua_security_questions", "no data"],
      ["dahua_reset_button", "no data"],
      ["dahua_configtool_xml", "no data"],
    ]);
    expect(r.totals).toEqual({ final: 0, succeeded: 0, pending: 0, completedVisits: 0, fixedVisits: 0 });
  });

  it("one attempt: 1/1, interval [0.2065, 1], small sample, median from its bucket", async () => {
    const t = await technician();
    const d = await makeDevice(customerId, { brand: "dahua", kind: "nvr" });
    const v = await completedVisit(t, [d]);
    await addAttempt({ visitId: v, deviceId: d, technicianId: t, methodId: "dahua_qr_dmss", outcome: "succeeded", durationMinutes: 12.5 });
    const r = await report({ technician: t });
    expect(r.byBrandMethod).toHaveLength(1);
    const row = r.byBrandMethod[0]!;
    expect(row).toMatchObject({ brand: "dahua", methodId: "dahua_qr_dmss", n: 1, succeeded: 1, rate: 1, small: true, pending: 0 });
    expect(row.ci![0]).toBeCloseTo(0.2065, 4);
    expect(row.ci![1]).toBe(1);
    expect(r.firstVisit.overall).toMatchObject({ n: 1, succeeded: 1, rate: 1 });
    expect(r.timeToUnlock).toEqual([
      { methodId: "dahua_qr_dmss", methodName: "QR code + DMSS app", n: 1, medianMinutes: 13, p90Minutes: expect.closeTo(13.8, 10) },
    ]);
    expect(r.technicians).toHaveLength(1);
    expect(r.technicians[0]).toMatchObject({ technicianId: t, attempts: { n: 1, succeeded: 1 }, visits: { n: 1, succeeded: 1 }, medianMinutes: 13 });
    expect(r.trend).toEqual([expect.objectContaining({ week: "2025-06-02", n: 1, succeeded: 1, total: 1 })]);
    // The claim of 95% lies inside [0.21, 1].
    expect(r.claims.find((c) => c.methodId === "dahua_qr_dmss")).toMatchObject({ claimed: 0.95, verdict: "inside" });
  });

  it("all failures: 0/3, interval [0, 0.5615], no first-visit fix, no time to unlock", async () => {
    const t = await technician();
    const d = await makeDevice(customerId, { brand: "hikvision", kind: "dvr" });
    const v = await completedVisit(t, [d]);
    for (const m of ["hik_security_questions", "hik_reserved_email_qr", "hik_sadp_security_code"])
      await addAttempt({ visitId: v, deviceId: d, technicianId: t, methodId: m, outcome: "failed", durationMinutes: 20 });
    const r = await report({ technician: t });
    expect(r.byBrandMethod.map((x) => [x.methodId, x.n, x.succeeded])).toEqual([
      ["hik_security_questions", 1, 0],
      ["hik_reserved_email_qr", 1, 0],
      ["hik_sadp_security_code", 1, 0],
    ]);
    expect(r.totals).toMatchObject({ final: 3, succeeded: 0, completedVisits: 1, fixedVisits: 0 });
    expect(r.technicians[0]!.attempts.ci![1]).toBeCloseTo(0.5615, 4);
    expect(r.timeToUnlock).toEqual([]);
    expect(r.firstVisit.byBrand).toEqual([expect.objectContaining({ brand: "hikvision", n: 1, succeeded: 0, rate: 0 })]);
  });

  it("a vendor wait is pending until corrected; once it succeeds it counts as a success but not as a first-visit fix", async () => {
    const t = await technician();
    const d = await makeDevice(customerId, { brand: "dahua", kind: "dvr" });
    const v = await completedVisit(t, [d]);
    await addAttempt({ visitId: v, deviceId: d, technicianId: t, methodId: "dahua_qr_dmss", outcome: "failed", durationMinutes: 8 });
    const waiting = await addAttempt({
      visitId: v,
      deviceId: d,
      technicianId: t,
      methodId: "dahua_configtool_xml",
      outcome: "waiting_vendor",
      durationMinutes: 30,
    });
    const sentAt = new Date("2025-06-10T15:00:00Z");
    const vc = await addVendorCase({ attemptId: waiting, visitId: v, deviceId: d, vendor: "dahua", sentAt });

    let r = await report({ technician: t });
    const xml = () => r.byBrandMethod.find((x) => x.methodId === "dahua_configtool_xml")!;
    expect(xml()).toMatchObject({ n: 0, succeeded: 0, pending: 1, rate: null, ci: null });
    expect(r.totals).toMatchObject({ final: 1, succeeded: 0, pending: 1, completedVisits: 1, fixedVisits: 0 });
    expect(r.technicians[0]!.pending).toBe(1);
    expect(r.trend[0]).toMatchObject({ n: 1, pending: 1, total: 2 });

    // The vendor answers after 30 h and the unlock works: the technician corrects the attempt.
    const db = await getDb();
    await db
      .update(vendorCases)
      .set({ status: "result_received", resultReceivedAt: new Date(sentAt.getTime() + 30 * 3600_000) })
      .where(eq(vendorCases.id, vc));
    await correctAttempt(waiting, { outcome: "succeeded" });
    r = await report({ technician: t });
    expect(xml()).toMatchObject({ n: 1, succeeded: 1, pending: 0, rate: 1 });
    expect(r.totals).toMatchObject({ final: 2, succeeded: 1, pending: 0, completedVisits: 1, fixedVisits: 0 });
    expect(r.vendorTurnaround).toEqual([{ vendor: "dahua", cases: 1, received: 1, waiting: 0, medianHours: 33, p90Hours: expect.closeTo(35.4, 10) }]);
    expect(r.timeToUnlock.map((x) => [x.methodId, x.n])).toEqual([["dahua_configtool_xml", 1]]);
    // vendor cases are filtered by the local day they were sent (10 June, 11:00 in New York)
    const cases = async (f: ReportFilters) => (await report({ technician: t, ...f })).vendorTurnaround.reduce((s, v) => s + v.cases, 0);
    expect(await cases({ from: "2025-06-10", to: "2025-06-10" })).toBe(1);
    expect(await cases({ from: "2025-06-11" })).toBe(0);
    expect(await cases({ to: "2025-06-09" })).toBe(0);
    expect(await cases({ brand: "dahua", kind: "dvr" })).toBe(1);
    expect(await cases({ kind: "nvr" })).toBe(0);
  });

  it("corrections move an attempt: method, outcome, duration and device changes leave no trace of the old values", async () => {
    const t = await technician();
    const d = await makeDevice(customerId, { brand: "lorex", kind: "dvr" });
    const v = await completedVisit(t, [d]);
    const a = await addAttempt({ visitId: v, deviceId: d, technicianId: t, methodId: "lorex_default_credentials", outcome: "succeeded", durationMinutes: 3.5 });
    let r = await report({ technician: t });
    expect(r.byBrandMethod.map((x) => [x.methodId, x.n, x.succeeded])).toEqual([["lorex_default_credentials", 1, 1]]);
    expect(r.firstVisit.overall).toMatchObject({ n: 1, succeeded: 1 });

    await correctAttempt(a, { methodId: "lorex_app_temp_password", outcome: "failed", durationSeconds: 600 });
    r = await report({ technician: t });
    expect(r.byBrandMethod.map((x) => [x.methodId, x.n, x.succeeded])).toEqual([["lorex_app_temp_password", 1, 0]]);
    expect(r.timeToUnlock).toEqual([]);
    expect(r.firstVisit.overall).toMatchObject({ n: 1, succeeded: 0 });

    // The device was really a Dahua: the attempt moves brand in every view.
    const db = await getDb();
    await correctAttempt(a, { outcome: "succeeded", durationSeconds: 1500 });
    const { devices } = await import("@/db/schema");
    await db.update(devices).set({ brand: "dahua" }).where(eq(devices.id, d));
    r = await report({ technician: t });
    expect(r.byBrandMethod.map((x) => [x.brand, x.methodId, x.n, x.succeeded])).toEqual([["dahua", "lorex_app_temp_password", 1, 1]]);
    expect(r.firstVisit.byBrand.map((x) => x.brand)).toEqual(["dahua"]);
    expect(r.timeToUnlock[0]).toMatchObject({ n: 1, medianMinutes: 27.5 });

    // A follow-up visit pointing at it: no longer a first-visit fix.
    const follow = await completedVisit(t, [d], "on_site");
    await db.update(visits).set({ followUpOf: v }).where(eq(visits.id, follow));
    r = await report({ technician: t });
    expect(r.firstVisit.overall).toMatchObject({ n: 1, succeeded: 0 });
    // ...unless that follow-up was cancelled.
    await db.update(visits).set({ status: "cancelled" }).where(eq(visits.id, follow));
    r = await report({ technician: t });
    expect(r.firstVisit.overall).toMatchObject({ n: 1, succeeded: 1 });
  });

  it("first-visit fix needs every device unlocked; only completed visits count", async () => {
    const t = await technician();
    const d1 = await makeDevice(customerId, { brand: "hikvision", kind: "nvr" });
    const d2 = await makeDevice(customerId, { brand: "dahua", kind: "camera" });
    const v = await completedVisit(t, [d1, d2]);
    await addAttempt({ visitId: v, deviceId: d1, technicianId: t, methodId: "hik_guid_file", outcome: "succeeded", durationMinutes: 5 });
    await addAttempt({ visitId: v, deviceId: d2, technicianId: t, methodId: "dahua_reset_button_ipc", outcome: "failed", durationMinutes: 5 });
    // an unfinished visit: not counted at all
    const open = await completedVisit(t, [d1], "on_site");
    await addAttempt({ visitId: open, deviceId: d1, technicianId: t, methodId: "hik_guid_file", outcome: "succeeded", durationMinutes: 5 });
    let r = await report({ technician: t });
    expect(r.firstVisit.overall).toMatchObject({ n: 1, succeeded: 0 });
    expect(r.firstVisit.byBrand.map((x) => [x.brand, x.n, x.succeeded])).toEqual([
      ["dahua", 1, 0],
      ["hikvision", 1, 0],
    ]);
    // Brand and kind filters pick visits with such a device (the same device for both).
    r = await report({ technician: t, brand: "dahua", kind: "camera" });
    expect(r.firstVisit.overall.n).toBe(1);
    expect(r.firstVisit.byBrand.map((x) => x.brand)).toEqual(["dahua"]);
    r = await report({ technician: t, brand: "dahua", kind: "nvr" });
    expect(r.firstVisit.overall.n).toBe(0);
    // The second try on the camera works: the device's LAST attempt decides.
    await addAttempt({ visitId: v, deviceId: d2, technicianId: t, methodId: "dahua_reset_button_ipc", outcome: "succeeded", durationMinutes: 5 });
    r = await report({ technician: t });
    expect(r.firstVisit.overall).toMatchObject({ n: 1, succeeded: 1 });
    expect(r.totals).toMatchObject({ final: 4, succeeded: 3 });
  });

  it("dates are company-local days (America/New_York): an attempt at 03:30 UTC belongs to the day before", async () => {
    const t = await technician();
    const d = await makeDevice(customerId, { brand: "dahua", kind: "dvr" });
    const v = await completedVisit(t, [d]);
    await addAttempt({
      visitId: v,
      deviceId: d,
      technicianId: t,
      methodId: "dahua_security_questions",
      outcome: "succeeded",
      startedAt: new Date("2025-03-10T03:30:00Z"),
    });
    expect((await report({ technician: t, to: "2025-03-09" })).totals.final).toBe(1);
    expect((await report({ technician: t, from: "2025-03-10" })).totals.final).toBe(0);
    // the week of Sunday 9 March starts Monday 3 March
    expect((await report({ technician: t, from: "2025-03-01", to: "2025-03-31" })).trend.map((w) => w.week)).toEqual(["2025-03-03"]);
  });

  it("model text searches the distinct models and matches literally (no wildcards from the user)", async () => {
    const t = await technician();
    const d = await makeDevice(customerId, { brand: "dahua", kind: "nvr" }); // model TEST-1
    const v = await completedVisit(t, [d]);
    await addAttempt({ visitId: v, deviceId: d, technicianId: t, methodId: "dahua_qr_dmss", outcome: "succeeded" });
    const hit = await report({ technician: t, model: "test-1" });
    expect(hit.source).toBe("rollups");
    // every brand's TEST-1 matched (other tests made such devices); only the Dahua one has this technician's attempt
    expect(hit.matchedModels).toEqual([
      { brand: "dahua", name: "TEST-1", attempts: 1 },
      { brand: "hikvision", name: "TEST-1", attempts: 0 },
      { brand: "lorex", name: "TEST-1", attempts: 0 },
    ]);
    expect(hit.totals.final).toBe(1);
    expect(hit.firstVisit.overall.n).toBe(1);
    expect((await report({ technician: t, model: "TEST_1" })).totals.final).toBe(0);
    expect((await report({ technician: t, model: "%" })).totals.final).toBe(0);
  });

  it("every view's totals agree for the same filters (whole fixture set)", async () => {
    // [filters, successes logged without a duration (the March and the model-text fixtures)]
    const cases: [ReportFilters, number][] = [
      [{}, 2],
      [{ brand: "dahua" }, 2],
      [{ kind: "dvr" }, 1],
      [{ from: "2025-06-01", to: "2025-06-30" }, 1],
    ];
    for (const [f, undated] of cases) {
      const r = await report(f);
      const sum = (xs: number[]) => xs.reduce((a, b) => a + b, 0);
      expect(sum(r.byBrandMethod.map((x) => x.n))).toBe(r.totals.final);
      expect(sum(r.technicians.map((x) => x.attempts.n))).toBe(r.totals.final);
      expect(sum(r.trend.map((x) => x.n))).toBe(r.totals.final);
      expect(sum(r.byBrandMethod.map((x) => x.succeeded))).toBe(r.totals.succeeded);
      expect(sum(r.technicians.map((x) => x.attempts.succeeded))).toBe(r.totals.succeeded);
      expect(sum(r.trend.map((x) => x.succeeded))).toBe(r.totals.succeeded);
      expect(sum(r.byBrandMethod.map((x) => x.pending))).toBe(r.totals.pending);
      expect(sum(r.technicians.map((x) => x.visits.n))).toBe(r.totals.completedVisits);
      expect(sum(r.technicians.map((x) => x.visits.succeeded))).toBe(r.totals.fixedVisits);
      expect(sum(r.timeToUnlock.map((x) => x.n))).toBe(r.totals.succeeded - undated);
    }
  });
});
