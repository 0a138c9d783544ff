/**
 * Drill-down: for every kind of number on the report (a brand × method cell,
 * a claim, a technician's attempts, a trend bar, a time-to-unlock count, a
 * first-visit figure overall, per brand and per technician), under every kind
 * of filter, the list behind it (all pages) has exactly that many rows, and
 * its count says so.
 */
import { eq } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import { getDb } from "@/db/client";
import { devices } from "@/db/schema";
import { makeDevice, makeUser, makeVisit } from "@/test/support/factories";
import { addAttempt, addVendorCase, correctAttempt } from "@/test/support/reports";
import type { Actor } from "@/lib/auth/permissions";
import { getReportData } from "./data";
import { drillAttempts, drillVisits, type AttemptCellFilter, type VisitCellFilter } from "./drill";
import type { ReportFilters } from "./filters";

let admin: Actor;
let techs: string[];
let customers: string[];

async function allAttempts(f: ReportFilters, cell: Partial<AttemptCellFilter>) {
  const c: AttemptCellFilter = { outcome: "final", ...cell };
  const first = await drillAttempts(admin, f, c, { limit: 3 });
  const ids = first.data.map((r) => r.id);
  let cursor = first.nextCursor;
  while (cursor) {
    const p = await drillAttempts(admin, f, c, { limit: 3, cursor });
    expect(p.count).toBe(first.count);
    ids.push(...p.data.map((r) => r.id));
    cursor = p.nextCursor;
  }
  expect(new Set(ids).size).toBe(ids.length); // no row twice across pages
  return { count: first.count, rows: ids.length };
}

async function allVisits(f: ReportFilters, cell: VisitCellFilter) {
  const first = await drillVisits(admin, f, cell, { limit: 2 });
  const ids = first.data.map((r) => r.id);
  let cursor = first.nextCursor;
  while (cursor) {
    const p = await drillVisits(admin, f, cell, { limit: 2, cursor });
    ids.push(...p.data.map((r) => r.id));
    cursor = p.nextCursor;
  }
  return { count: first.count, rows: ids.length };
}

/** Every number the page links, and the drill-down behind it. */
async function checkEveryCell(f: ReportFilters) {
  const r = await getReportData(admin, f);
  const checked: string[] = [];
  const expectCell = async (label: string, got: Promise<{ count: number; rows: number }>, want: number) => {
    const g = await got;
    expect({ label, count: g.count, rows: g.rows }).toEqual({ label, count: want, rows: want });
    checked.push(label);
  };
  for (const row of r.byBrandMethod) {
    const cf = { ...f, brand: row.brand as ReportFilters["brand"] };
    await expectCell(`${row.brand}/${row.methodId} attempts`, allAttempts(cf, { method: row.methodId, outcome: "final" }), row.n);
    await expectCell(`${row.brand}/${row.methodId} succeeded`, allAttempts(cf, { method: row.methodId, outcome: "succeeded" }), row.succeeded);
    await expectCell(`${row.brand}/${row.methodId} waiting`, allAttempts(cf, { method: row.methodId, outcome: "waiting" }), row.pending);
  }
  for (const c of r.claims.filter((c) => c.measured.n > 0))
    await expectCell(`claim ${c.methodId}`, allAttempts({ ...f, brand: "dahua" }, { method: c.methodId }), c.measured.n);
  for (const t of r.technicians) {
    const tf = { ...f, technician: t.technicianId };
    await expectCell(`${t.name} attempts`, allAttempts(tf, { outcome: "final" }), t.attempts.n);
    await expectCell(`${t.name} succeeded`, allAttempts(tf, { outcome: "succeeded" }), t.attempts.succeeded);
    await expectCell(`${t.name} waiting`, allAttempts(tf, { outcome: "waiting" }), t.pending);
    await expectCell(`${t.name} visits`, allVisits(tf, { outcome: "completed" }), t.visits.n);
    await expectCell(`${t.name} fixed`, allVisits(tf, { outcome: "fixed" }), t.visits.succeeded);
  }
  for (const w of r.trend) {
    await expectCell(`week ${w.week}`, allAttempts(f, { week: w.week, outcome: "all" }), w.total);
    await expectCell(`week ${w.week} final`, allAttempts(f, { week: w.week, outcome: "final" }), w.n);
    await expectCell(`week ${w.week} succeeded`, allAttempts(f, { week: w.week, outcome: "succeeded" }), w.succeeded);
  }
  for (const t of r.timeToUnlock) await expectCell(`timed ${t.methodId}`, allAttempts(f, { method: t.methodId, outcome: "timed" }), t.n);
  await expectCell("all attempts", allAttempts(f, { outcome: "final" }), r.totals.final);
  await expectCell("all succeeded", allAttempts(f, { outcome: "succeeded" }), r.totals.succeeded);
  await expectCell("all waiting", allAttempts(f, { outcome: "waiting" }), r.totals.pending);
  await expectCell("completed visits (totals)", allVisits(f, { outcome: "completed" }), r.totals.completedVisits);
  await expectCell("completed visits", allVisits(f, { outcome: "completed" }), r.firstVisit.overall.n);
  await expectCell("fixed visits", allVisits(f, { outcome: "fixed" }), r.firstVisit.overall.succeeded);
  for (const b of r.firstVisit.byBrand) {
    const bf = { ...f, brand: b.brand as ReportFilters["brand"] };
    await expectCell(`visits with ${b.brand}`, allVisits(bf, { outcome: "completed" }), b.n);
    await expectCell(`fixed with ${b.brand}`, allVisits(bf, { outcome: "fixed" }), b.succeeded);
  }
  return { report: r, checked };
}

const JUNE = (day: number, hour = 14) => new Date(Date.UTC(2025, 5, day, hour));

beforeAll(async () => {
  admin = await makeUser("admin");
  techs = [(await makeUser("technician")).id, (await makeUser("technician")).id];
  customers = [(await makeUser("customer")).customerId!, (await makeUser("customer")).customerId!];
  const db = await getDb();
  const dev = async (
    c: string,
    brand: "dahua" | "hikvision" | "lorex",
    kind: "dvr" | "nvr" | "camera",
    model: string,
    extra: Partial<typeof devices.$inferInsert>,
  ) => {
    const id = await makeDevice(c, { brand, kind });
    await db
      .update(devices)
      .set({ model, ...extra })
      .where(eq(devices.id, id));
    return id;
  };
  const nvr = await dev(customers[0]!, "hikvision", "nvr", "DS-7608NI-K2", { firmware: "V4.30.005", recoveryOptions: { recovery_email: "yes" } });
  const cam = await dev(customers[0]!, "hikvision", "camera", "DS-2CD2143G2", { warrantySeal: "broken" });
  const dvr = await dev(customers[1]!, "dahua", "dvr", "XVR5108HS", { firmware: "V4.001", recoveryOptions: { guid_file: "yes", recovery_email: "no" } });
  const lorex = await dev(customers[1]!, "lorex", "nvr", "N841", { warrantySeal: "intact" });
  let n = 0;
  const visit = async (tech: string, ids: string[], day: number, status: "completed" | "on_site" = "completed") =>
    makeVisit({
      customerId: ids.includes(dvr) ? customers[1]! : customers[0]!,
      technicianId: tech,
      startsAt: JUNE(day, 13 + (n++ % 6)),
      status,
      deviceIds: ids,
    });
  // week of 2 June: a mixed visit, two tries on the NVR (the second works), the camera fails
  const v1 = await visit(techs[0]!, [nvr, cam], 2);
  await addAttempt({
    visitId: v1,
    deviceId: nvr,
    technicianId: techs[0]!,
    methodId: "hik_security_questions",
    outcome: "failed",
    startedAt: JUNE(2, 14),
    durationMinutes: 12,
  });
  await addAttempt({
    visitId: v1,
    deviceId: nvr,
    technicianId: techs[0]!,
    methodId: "hik_reserved_email_qr",
    outcome: "succeeded",
    startedAt: JUNE(2, 15),
    durationMinutes: 25,
  });
  await addAttempt({
    visitId: v1,
    deviceId: cam,
    technicianId: techs[0]!,
    methodId: "hik_sadp_export",
    outcome: "abandoned",
    startedAt: JUNE(3, 3),
    durationMinutes: null,
  });
  // week of 9 June: the Dahua waits on the vendor, then succeeds; late-night attempt (local day before)
  const v2 = await visit(techs[1]!, [dvr], 10);
  const waiting = await addAttempt({
    visitId: v2,
    deviceId: dvr,
    technicianId: techs[1]!,
    methodId: "dahua_configtool_xml",
    outcome: "waiting_vendor",
    startedAt: JUNE(10, 3),
    durationMinutes: 40,
  });
  await addVendorCase({ attemptId: waiting, visitId: v2, deviceId: dvr, vendor: "dahua", sentAt: JUNE(10, 4), resultAfterHours: 20 });
  await addAttempt({
    visitId: v2,
    deviceId: dvr,
    technicianId: techs[1]!,
    methodId: "dahua_qr_dmss",
    outcome: "succeeded",
    startedAt: JUNE(11),
    durationMinutes: 6,
  });
  // a follow-up on the camera, later attempts on it, one still waiting
  const v3 = await visit(techs[1]!, [cam, lorex], 12);
  await addAttempt({
    visitId: v3,
    deviceId: cam,
    technicianId: techs[1]!,
    methodId: "hik_sadp_export",
    outcome: "succeeded",
    startedAt: JUNE(12),
    durationMinutes: 9,
  });
  await addAttempt({
    visitId: v3,
    deviceId: lorex,
    technicianId: techs[1]!,
    methodId: "lorex_default_credentials",
    outcome: "failed",
    startedAt: JUNE(12, 16),
    durationMinutes: 3,
  });
  const w2 = await addAttempt({
    visitId: v3,
    deviceId: lorex,
    technicianId: techs[0]!,
    methodId: "lorex_app_temp_password",
    outcome: "failed",
    startedAt: JUNE(13),
  });
  await correctAttempt(w2, { outcome: "succeeded", durationSeconds: 900 });
  // an open visit: its attempts count, the visit does not
  const v4 = await visit(techs[0]!, [dvr], 16, "on_site");
  await addAttempt({
    visitId: v4,
    deviceId: dvr,
    technicianId: techs[0]!,
    methodId: "dahua_reset_button",
    outcome: "failed",
    startedAt: JUNE(16),
    durationMinutes: 30,
  });
});

describe("drill-down counts equal the numbers they come from", () => {
  it.each<[string, ReportFilters]>([
    ["no filter", {}],
    ["a date range", { from: "2025-06-02", to: "2025-06-11" }],
    ["brand + kind", { brand: "hikvision", kind: "camera" }],
    ['model text "ds" (two models)', { model: "ds" }],
    ["firmware text", { firmware: "v4" }],
    ["recovery option", { option: "recovery_email" }],
    ["warranty seal", { seal: "broken" }],
    ["first attempts on the device", { attempt: "first" }],
    ["later attempts, one week", { attempt: "later", from: "2025-06-09", to: "2025-06-15" }],
    ["technician + model", { model: "DS", technician: "" }],
    ["two device details", { model: "ds", option: "recovery_email" }],
    ["customer (raw facts)", { customer: "" }],
  ])("%s", async (_label, f) => {
    const filters = { ...f };
    if (filters.technician === "") filters.technician = techs[0];
    if (filters.customer === "") filters.customer = customers[0];
    const { report, checked } = await checkEveryCell(filters);
    // each case reaches a real number, not only empty cells
    expect(report.totals.final + report.totals.pending).toBeGreaterThan(0);
    expect(checked.length).toBeGreaterThan(3);
  });

  it("a week outside the range is empty; bad cursors are refused", async () => {
    expect(await allAttempts({ from: "2025-06-09", to: "2025-06-15" }, { week: "2025-06-02", outcome: "all" })).toEqual({ count: 0, rows: 0 });
    await expect(drillAttempts(admin, {}, { outcome: "final" }, { limit: 3, cursor: "nope" })).rejects.toMatchObject({ status: 422 });
  });

  it("is for admins only", async () => {
    const tech = await makeUser("technician");
    await expect(drillAttempts(tech, {}, { outcome: "final" }, { limit: 3 })).rejects.toMatchObject({ status: 403 });
    await expect(drillVisits(null, {}, { outcome: "completed" }, { limit: 3 })).rejects.toMatchObject({ status: 401 });
  });
});
