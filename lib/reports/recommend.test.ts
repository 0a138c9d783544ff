import { beforeAll, describe, expect, it } from "vitest";
import { getDb } from "@/db/client";
import { configBackups, devices } from "@/db/schema";
import { RECOVERY_METHODS } from "@/db/seed/catalogue";
import { makeDevice, makeUser, makeVisit } from "@/test/support/factories";
import type { Actor } from "@/lib/auth/permissions";
import { rankMethods, type MethodCounts, type RecDevice, type RecMethod } from "./recommend";
import { loadRecommendationStats, loadRecommendationStatsFor, recommendForDevice } from "./recommend-data";
import { addAttempt } from "@/test/support/reports";
import { eq } from "drizzle-orm";

const CATALOGUE: RecMethod[] = RECOVERY_METHODS.map((m) => ({ ...m, kinds: m.kinds ?? [] }));
const counts = (o: Record<string, [number, number]>): MethodCounts => new Map(Object.entries(o).map(([k, [succeeded, n]]) => [k, { n, succeeded }]));
const none = { model: new Map(), similar: new Map() };
const ids = (device: RecDevice, stats = none) => rankMethods(device, CATALOGUE, stats).map((r) => r.methodId);

const hikNvr: RecDevice = {
  brand: "hikvision",
  kind: "nvr",
  model: "DS-7608NI",
  recoveryOptions: { recovery_email: "yes", security_questions: "no" },
  hasConfigBackup: false,
};

describe("rankMethods (pure)", () => {
  it("without data: the brand's methods for this kind, catalogue order, met requirements first, wiping methods last", () => {
    const dahuaNvr: RecDevice = { brand: "dahua", kind: "nvr", model: null, recoveryOptions: {}, hasConfigBackup: false };
    expect(ids(dahuaNvr)).toEqual([
      "dahua_configtool_xml",
      "dahua_support_serial_date",
      "dahua_qr_dmss",
      "dahua_security_questions",
      "other",
      "dahua_reset_button",
    ]);
    const r = rankMethods(dahuaNvr, CATALOGUE, none);
    expect(r.map((x) => x.rank)).toEqual([1, 2, 3, 4, 5, 6]);
    expect(r.find((x) => x.methodId === "dahua_qr_dmss")!.reason).toBe(
      "No results on similar Dahua NVRs yet: catalogue order; needs the registered email; not known whether this device has it",
    );
    expect(r.at(-1)!.reason).toContain("wipes the configuration and there is no backup: try the others first");
    // cameras get the camera methods only
    expect(ids({ ...dahuaNvr, kind: "camera" })).not.toContain("dahua_qr_dmss");
    expect(ids({ ...dahuaNvr, kind: "camera" })).toContain("dahua_reset_button_ipc");
  });

  it("with data: ranked by observed rate for the same brand and kind, thin data after, impossible methods last", () => {
    const similar = counts({ hik_sadp_export: [18, 20], hik_reserved_email_qr: [32, 41], hik_guid_file: [5, 5], hik_tftp_reflash: [30, 30] });
    const r = rankMethods(hikNvr, CATALOGUE, { model: new Map(), similar });
    expect(r.map((x) => x.methodId)).toEqual([
      "hik_sadp_export", // 90%, met
      "hik_reserved_email_qr", // 78%, met
      "hik_sadp_security_code", // met, no data
      "hik_guid_file", // GUID file not known; 5 attempts is thin
      "other", // may wipe
      "hik_hikconnect_verify", // may wipe, app account not known
      "hik_tftp_reflash", // 100% but wipes the config and there is no backup
      "hik_security_questions", // this device has no security questions
    ]);
    expect(r[1]!.reason).toBe("78% of 41 similar Hikvision NVRs; needs the reserved email, which this device has");
    expect(r[1]).toMatchObject({ basis: "similar", n: 41, succeeded: 32, eligibility: "meets" });
    expect(r[3]).toMatchObject({ basis: "catalogue", eligibility: "unknown" });
    expect(r[3]!.reason).toMatch(/^Only 5 attempts on similar Hikvision NVRs so far: catalogue order/);
    expect(r.at(-1)).toMatchObject({ eligibility: "fails" });
    expect(r.at(-1)!.reason).toContain("needs the security question answers, which this device does not have");
  });

  it("a config backup lifts the penalty on wiping methods", () => {
    const similar = counts({ hik_sadp_export: [18, 20], hik_tftp_reflash: [30, 30] });
    const r = rankMethods({ ...hikNvr, hasConfigBackup: true }, CATALOGUE, { model: new Map(), similar });
    expect(r.slice(0, 2).map((x) => x.methodId)).toEqual(["hik_tftp_reflash", "hik_sadp_export"]);
    expect(r[0]!.reason).toBe("100% of 30 similar Hikvision NVRs; wipes the configuration (a backup exists)");
  });

  it("the model's own data wins once it has enough attempts", () => {
    const similar = counts({ hik_sadp_export: [18, 20], hik_reserved_email_qr: [32, 41] });
    const model = counts({ hik_reserved_email_qr: [24, 25], hik_sadp_export: [2, 12] });
    const r = rankMethods(hikNvr, CATALOGUE, { model, similar });
    expect(r.slice(0, 2).map((x) => [x.methodId, x.basis])).toEqual([
      ["hik_reserved_email_qr", "model"],
      ["hik_sadp_export", "similar"], // 12 on this model is not enough: 90% of similar devices
    ]);
    expect(r[0]!.reason).toBe("96% of 25 attempts on Hikvision DS-7608NI NVRs; needs the reserved email, which this device has");
  });
});

describe("recommendForDevice (database)", () => {
  let admin: Actor;
  let tech: Actor;
  let other: Actor;
  let target: string;
  beforeAll(async () => {
    admin = await makeUser("admin");
    tech = await makeUser("technician");
    other = await makeUser("technician");
    const customerId = (await makeUser("customer")).customerId!;
    const db = await getDb();
    // 12 similar Hikvision NVRs: the QR worked on 3 of 12, the SADP export on 11 of 12.
    for (let i = 0; i < 12; i++) {
      const d = await makeDevice(customerId, { brand: "hikvision", kind: "nvr" });
      const v = await makeVisit({ customerId, technicianId: tech.id, startsAt: new Date(Date.UTC(2025, 3, 1 + i, 14)), status: "completed", deviceIds: [d] });
      await addAttempt({ visitId: v, deviceId: d, technicianId: tech.id, methodId: "hik_reserved_email_qr", outcome: i < 3 ? "succeeded" : "failed" });
      await addAttempt({ visitId: v, deviceId: d, technicianId: tech.id, methodId: "hik_sadp_export", outcome: i < 11 ? "succeeded" : "abandoned" });
    }
    target = await makeDevice(customerId, { brand: "hikvision", kind: "nvr" });
    await db
      .update(devices)
      .set({ recoveryOptions: { recovery_email: "yes" } })
      .where(eq(devices.id, target));
    await makeVisit({ customerId, technicianId: tech.id, startsAt: new Date(Date.UTC(2025, 5, 1, 14)), status: "scheduled", deviceIds: [target] });
  });

  it("ranks by what happened on similar devices, with the reason", async () => {
    const r = await recommendForDevice(admin, target);
    expect(r.slice(0, 2).map((x) => [x.methodId, x.n, x.succeeded])).toEqual([
      ["hik_sadp_export", 12, 11],
      ["hik_reserved_email_qr", 12, 3],
    ]);
    expect(r[1]!.reason).toBe("25% of 12 similar Hikvision NVRs; needs the reserved email, which this device has");
  });

  it("knows whether a config backup exists", async () => {
    const before = await recommendForDevice(admin, target);
    expect(before.find((x) => x.methodId === "hik_tftp_reflash")!.reason).toContain("there is no backup");
    const db = await getDb();
    await db.insert(configBackups).values({
      deviceId: target,
      version: 1,
      filename: "c.bin",
      contentType: "application/octet-stream",
      sizeBytes: 1,
      sha256: "a".repeat(64),
      ciphertext: Buffer.from("x"),
      iv: Buffer.alloc(12),
      authTag: Buffer.alloc(16),
      keyId: "k1",
      uploadedBy: admin.id,
    });
    const after = await recommendForDevice(admin, target);
    expect(after.find((x) => x.methodId === "hik_tftp_reflash")!.reason).toContain("(a backup exists)");
  });

  it("technicians see devices on their visits only; customers never", async () => {
    await expect(recommendForDevice(tech, target)).resolves.toHaveLength(8);
    await expect(recommendForDevice(other, target)).rejects.toMatchObject({ status: 404 });
    await expect(recommendForDevice(await makeUser("customer"), target)).rejects.toMatchObject({ status: 403 });
  });
});

describe("loadRecommendationStatsFor (database): a job's devices in two queries", () => {
  it("gives each device its brand-and-kind and its own model's results, in the order asked", async () => {
    const tech = await makeUser("technician");
    const customerId = (await makeUser("customer")).customerId!;
    const db = await getDb();
    // Dahua DVRs (no other test here uses them): 4 × model XVR-5104, 2 × model OTHER.
    const plan: { model: string; outcome: "succeeded" | "failed" | "waiting_vendor" }[] = [
      { model: "XVR-5104", outcome: "succeeded" },
      { model: "XVR-5104", outcome: "succeeded" },
      { model: "XVR-5104", outcome: "failed" },
      { model: "XVR-5104", outcome: "waiting_vendor" },
      { model: "OTHER", outcome: "failed" },
      { model: "OTHER", outcome: "failed" },
    ];
    for (const [i, p] of plan.entries()) {
      const d = await makeDevice(customerId, { brand: "dahua", kind: "dvr" });
      await db.update(devices).set({ model: p.model }).where(eq(devices.id, d));
      const v = await makeVisit({ customerId, technicianId: tech.id, startsAt: new Date(Date.UTC(2025, 7, 1 + i, 14)), status: "completed", deviceIds: [d] });
      await addAttempt({ visitId: v, deviceId: d, technicianId: tech.id, methodId: "dahua_qr_dmss", outcome: p.outcome });
    }
    const asked = [
      { brand: "dahua", kind: "dvr", model: "  xvr-5104 " },
      { brand: "lorex", kind: "camera", model: null },
      { brand: "dahua", kind: "dvr", model: "other" },
      { brand: "dahua", kind: "dvr", model: "" },
    ] as const;
    const got = await loadRecommendationStatsFor(db, asked);
    const of = (m: MethodCounts) => Object.fromEntries(m);
    // Brand and kind: every Dahua DVR; a vendor wait is not a final result.
    const dahuaDvr = { dahua_qr_dmss: { n: 5, succeeded: 2 } };
    expect(got.map((g) => of(g.similar))).toEqual([dahuaDvr, {}, dahuaDvr, dahuaDvr]);
    // The model's own: matched ignoring case and surrounding spaces; none without a model.
    expect(got.map((g) => of(g.model))).toEqual([{ dahua_qr_dmss: { n: 3, succeeded: 2 } }, {}, { dahua_qr_dmss: { n: 2, succeeded: 0 } }, {}]);
    // One device at a time gives the same.
    for (const [i, d] of asked.entries()) expect(await loadRecommendationStats(db, d)).toEqual(got[i]);
    expect(await loadRecommendationStatsFor(db, [])).toEqual([]);
  });
});
