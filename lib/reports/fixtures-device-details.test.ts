/**
 * Device-detail filters against a hand-built fixture: a firmware text, and two
 * details at once (model × firmware, firmware × seal), read through the
 * cumulative rollups AND the raw facts (both must give the same report).
 */
import { eq } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import { getDb } from "@/db/client";
import { devices } from "@/db/schema";
import { makeDevice, makeUser } from "@/test/support/factories";
import type { Actor } from "@/lib/auth/permissions";
import { addAttempt, juneVisit, reportFromEverySource } from "@/test/support/reports";
import { devicePlan } from "./device-plan";
import type { ReportFilters } from "./filters";

let admin: Actor;
let customerId: string;

const report = (filters: ReportFilters) => reportFromEverySource(admin, filters);
const technician = async () => (await makeUser("technician")).id;
const completedVisit = (technicianId: string, deviceIds: string[]) => juneVisit(customerId, technicianId, deviceIds);

beforeAll(async () => {
  admin = await makeUser("admin");
  customerId = (await makeUser("customer")).customerId!;
});

describe("device-detail filters", () => {
  it("firmware text (alone or with one more device detail) reads the matching keys; a visit with devices of two of them counts once", async () => {
    const t = await technician();
    const db = await getDb();
    const withFirmware = async (brand: "dahua" | "hikvision", firmware: string) => {
      const id = await makeDevice(customerId, { brand, kind: "nvr" });
      await db.update(devices).set({ firmware }).where(eq(devices.id, id));
      return id;
    };
    const [h1, h2, d1, other] = [
      await withFirmware("hikvision", "V4.30.005"),
      await withFirmware("hikvision", "V4.40.001"),
      await withFirmware("dahua", "v4.001"),
      await withFirmware("hikvision", "V5.7.0"),
    ];
    const v = await completedVisit(t, [h1, h2, d1, other]);
    const [m1, m2] = ["hik_security_questions", "dahua_qr_dmss"];
    await addAttempt({ visitId: v, deviceId: h1, technicianId: t, methodId: m1, outcome: "succeeded", durationMinutes: 4 });
    await addAttempt({ visitId: v, deviceId: h2, technicianId: t, methodId: m1, outcome: "failed", durationMinutes: 6 });
    await addAttempt({ visitId: v, deviceId: d1, technicianId: t, methodId: m2, outcome: "succeeded", durationMinutes: 3 });
    await addAttempt({ visitId: v, deviceId: other, technicianId: t, methodId: m1, outcome: "failed", durationMinutes: 9 });

    expect((await devicePlan(db, { firmware: "V4." })).plan).toMatchObject({
      by: "attr",
      attrs: [expect.stringMatching(/^f\d+$/), expect.anything(), expect.anything()],
    });
    let r = await report({ technician: t, firmware: "V4." });
    expect(r.totals).toMatchObject({ final: 3, succeeded: 2, completedVisits: 1, fixedVisits: 0 });
    // the page lists the firmware versions the text matched, each with its attempts in the view
    expect(r.matchedFirmwares).toEqual([
      { brand: "dahua", name: "v4.001", attempts: 1 },
      { brand: "hikvision", name: "V4.30.005", attempts: 1 },
      { brand: "hikvision", name: "V4.40.001", attempts: 1 },
    ]);
    expect(r.byBrandMethod.map((x) => [x.brand, x.methodId, x.n, x.succeeded])).toEqual([
      ["dahua", m2, 1, 1],
      ["hikvision", m1, 2, 1],
    ]);
    // once overall and once per brand, though two Hikvision devices matched
    expect(r.firstVisit.byBrand.map((x) => [x.brand, x.n])).toEqual([
      ["dahua", 1],
      ["hikvision", 1],
    ]);
    // two details: model × firmware pairs (three here, two of one brand), firmware × seal
    const both = await devicePlan(db, { model: "test-1", firmware: "V4." });
    expect(both.plan).toMatchObject({ by: "attr", multi: ["model_id", "firmware_id"] });
    expect(both.plan.by === "attr" && both.plan.attrs.every((a) => /^m\d+f\d+$/.test(a))).toBe(true);
    for (const f of [
      { model: "test-1", firmware: "V4." },
      { firmware: "V4.", seal: "unknown" as const },
    ]) {
      r = await report({ technician: t, ...f });
      expect(r.totals, JSON.stringify(f)).toMatchObject({ final: 3, succeeded: 2, completedVisits: 1, fixedVisits: 0 });
      expect(r.firstVisit.byBrand.map((x) => [x.brand, x.n])).toEqual([
        ["dahua", 1],
        ["hikvision", 1],
      ]);
    }
    expect((await report({ technician: t, firmware: "V4.", seal: "intact" })).totals).toMatchObject({ final: 0, completedVisits: 0 });
    r = await report({ technician: t, firmware: "v4.4", brand: "hikvision" });
    expect(r.totals).toMatchObject({ final: 1, succeeded: 0, completedVisits: 1 });
    r = await report({ technician: t, firmware: "v9" });
    expect(r.totals).toMatchObject({ final: 0, completedVisits: 0 });
    expect((await devicePlan(db, { firmware: "v9" })).plan).toEqual({ by: "none" });
  });
});
