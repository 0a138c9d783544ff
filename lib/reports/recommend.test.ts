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

describe("rankMethods (pure): what works soonest, for a technician on site", () => {
  const dahuaDvr: RecDevice = { brand: "dahua", kind: "dvr", model: null, recoveryOptions: {}, hasConfigBackup: false };
  // The company's record on Dahua DVRs: the QR route 76 of 95 (80%), security questions 12 of 40.
  const dahuaRecord = { model: new Map(), similar: counts({ dahua_qr_dmss: [76, 95], dahua_security_questions: [12, 40] }) };

  it("the issue's Dahua DVR with nothing known: QR code + DMSS (80% of 95, minutes) outranks the 24–48 h vendor routes", () => {
    const r = rankMethods(dahuaDvr, CATALOGUE, dahuaRecord);
    expect(r.map((x) => x.methodId)).toEqual([
      "dahua_qr_dmss", // 80%, halved: not known whether the email was registered; 10 min
      "dahua_security_questions", // 30%, halved; 5 min
      "dahua_support_serial_date", // no data; hours on the vendor
      "dahua_configtool_xml", // no data; 24–48 h on the vendor
      "other", // may wipe, and there is no backup
      "dahua_reset_button", // wipes, and there is no backup
    ]);
    expect(r[0]!.reason).toBe("80% of 95 similar Dahua DVRs; typically minutes; needs the registered email; not known whether this device has it");
    expect(r.find((x) => x.methodId === "dahua_configtool_xml")!.reason).toBe(
      "No results on similar Dahua DVRs yet; typically 24–48 h (vendor), waiting on the vendor",
    );
    // Expected time to unlock grows down the list of non-destructive methods.
    const minutes = r.slice(0, 4).map((x) => x.expectedMinutes);
    expect([...minutes].sort((a, b) => a - b)).toEqual(minutes);
  });

  it("unknown requirements are not met: only a known 'yes' counts (and makes the method likelier)", () => {
    const unknown = rankMethods(dahuaDvr, CATALOGUE, dahuaRecord);
    const qr = (r: typeof unknown) => r.find((x) => x.methodId === "dahua_qr_dmss")!;
    expect(qr(unknown).eligibility).toBe("unknown");
    expect(unknown.find((x) => x.methodId === "dahua_configtool_xml")!.eligibility).toBe("none");
    const known = rankMethods({ ...dahuaDvr, recoveryOptions: { recovery_email: "yes" } }, CATALOGUE, dahuaRecord);
    expect(qr(known).eligibility).toBe("meets");
    expect(qr(known).expectedMinutes).toBeLessThan(qr(unknown).expectedMinutes);
    expect(qr(known).reason).toContain("needs the registered email, which this device has");
  });

  it("time counts: a fast method outranks a better-rated one that waits a day on the vendor", () => {
    const hik: RecDevice = {
      brand: "hikvision",
      kind: "nvr",
      model: "DS-7608NI",
      recoveryOptions: { recovery_email: "yes", security_questions: "no" },
      hasConfigBackup: false,
    };
    const similar = counts({ hik_sadp_export: [18, 20], hik_reserved_email_qr: [32, 41], hik_guid_file: [5, 5], hik_tftp_reflash: [30, 30] });
    const r = rankMethods(hik, CATALOGUE, { model: new Map(), similar });
    expect(r.map((x) => x.methodId)).toEqual([
      "hik_reserved_email_qr", // 78% in minutes
      "hik_guid_file", // 5 of 5 is thin, and the GUID file is not known to exist
      "hik_sadp_security_code", // no data, hours on the vendor
      "hik_sadp_export", // 90%, but a day on the vendor
      "hik_hikconnect_verify", // may wipe; 10 min, the app account not known
      "other", // may wipe; 20 min
      "hik_tftp_reflash", // 100%, but wipes the configuration and there is no backup
      "hik_security_questions", // this device has no security questions
    ]);
    expect(r[0]).toMatchObject({ basis: "similar", n: 41, succeeded: 32, eligibility: "meets" });
    expect(r[1]!.reason).toMatch(/^Only 5 attempts on similar Hikvision NVRs so far/);
    expect(r.at(-1)).toMatchObject({ eligibility: "fails" });
  });

  it("measured time beats the catalogue's when there is enough of it", () => {
    const hik: RecDevice = {
      brand: "hikvision",
      kind: "nvr",
      model: null,
      recoveryOptions: { recovery_email: "yes", guid_file: "yes", security_questions: "no" },
      hasConfigBackup: false,
    };
    const similar = counts({ hik_reserved_email_qr: [40, 50], hik_guid_file: [40, 50] });
    const catalogueOnly = rankMethods(hik, CATALOGUE, { model: new Map(), similar });
    expect(catalogueOnly.slice(0, 2).map((x) => x.methodId)).toEqual(["hik_guid_file", "hik_reserved_email_qr"]); // same rate, same 10 min: catalogue order
    // Measured: the reserved-email QR takes 4 minutes on site, the GUID file 25.
    const minutes = new Map([
      ["hik_reserved_email_qr", { n: 40, median: 4 }],
      ["hik_guid_file", { n: 40, median: 25 }],
    ]);
    const measured = rankMethods(hik, CATALOGUE, { model: new Map(), similar, minutes });
    expect(measured.slice(0, 2).map((x) => x.methodId)).toEqual(["hik_reserved_email_qr", "hik_guid_file"]);
    expect(measured[0]!.reason).toContain("about 4 min on site");
  });

  it("a method already tried on this device is marked with its outcome and moved down; one that worked before is not", () => {
    const tried = new Map([["dahua_qr_dmss", { outcome: "failed" as const, reference: "FK-ABC123" }]]);
    const r = rankMethods({ ...dahuaDvr, tried }, CATALOGUE, dahuaRecord);
    expect(r.map((x) => x.methodId).slice(-2)).toEqual(["dahua_reset_button", "dahua_qr_dmss"]);
    const qr = r.at(-1)!;
    expect(qr.tried).toEqual({ outcome: "failed", reference: "FK-ABC123" });
    expect(qr.reason).toMatch(/^Tried on this device \(FK-ABC123\): failed; 80% of 95/);
    const worked = rankMethods(
      { ...dahuaDvr, tried: new Map([["dahua_qr_dmss", { outcome: "succeeded" as const, reference: "FK-OLD001" }]]) },
      CATALOGUE,
      dahuaRecord,
    );
    expect(worked[0]).toMatchObject({ methodId: "dahua_qr_dmss", tried: { outcome: "succeeded" } });
    expect(worked[0]!.reason).toMatch(/^Worked on this device before \(FK-OLD001\)/);
  });

  it("without a backup, methods that wipe wait until the others were tried; with one they take their place", () => {
    const similar = counts({ dahua_reset_button: [30, 30], dahua_qr_dmss: [5, 50], dahua_security_questions: [5, 40] });
    const none = rankMethods({ ...dahuaDvr, recoveryOptions: { recovery_email: "yes" } }, CATALOGUE, { model: new Map(), similar });
    expect(none.at(-1)!.methodId).toBe("dahua_reset_button");
    expect(none.at(-1)!.reason).toContain("wipes the configuration and there is no backup: try the others first");
    const backedUp = rankMethods({ ...dahuaDvr, recoveryOptions: { recovery_email: "yes" }, hasConfigBackup: true }, CATALOGUE, { model: new Map(), similar });
    expect(backedUp[0]!.methodId).toBe("dahua_reset_button");
    expect(backedUp[0]!.reason).toContain("wipes the configuration (a backup exists)");
    // cameras get the camera methods only
    expect(ids({ ...dahuaDvr, kind: "camera" })).not.toContain("dahua_qr_dmss");
    expect(ids({ ...dahuaDvr, kind: "camera" })).toContain("dahua_reset_button_ipc");
  });

  it("the model's own data wins once it has enough attempts", () => {
    const hik: RecDevice = { brand: "hikvision", kind: "nvr", model: "DS-7608NI", recoveryOptions: { recovery_email: "yes" }, hasConfigBackup: false };
    const similar = counts({ hik_sadp_export: [18, 20], hik_reserved_email_qr: [10, 41] });
    const model = counts({ hik_reserved_email_qr: [24, 25], hik_sadp_export: [2, 12] });
    const r = rankMethods(hik, CATALOGUE, { model, similar });
    expect(r[0]).toMatchObject({ methodId: "hik_reserved_email_qr", basis: "model", n: 25, succeeded: 24 });
    expect(r[0]!.reason).toBe("96% of 25 attempts on Hikvision DS-7608NI NVRs; typically minutes; needs the reserved email, which this device has");
    expect(r.find((x) => x.methodId === "hik_sadp_export")).toMatchObject({ basis: "similar", n: 20 }); // 12 on this model is not enough
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
    // 25% in minutes is worth a try before 92% after a day's wait on the vendor.
    const qr = r.findIndex((x) => x.methodId === "hik_reserved_email_qr");
    const sadp = r.findIndex((x) => x.methodId === "hik_sadp_export");
    expect(qr).toBeLessThan(sadp);
    expect([r[qr], r[sadp]].map((x) => [x!.methodId, x!.n, x!.succeeded])).toEqual([
      ["hik_reserved_email_qr", 12, 3],
      ["hik_sadp_export", 12, 11],
    ]);
    expect(r[qr]!.reason).toBe("25% of 12 similar Hikvision NVRs; typically minutes; needs the reserved email, which this device has");
    expect(r[sadp]!.reason).toBe("92% of 12 similar Hikvision NVRs; typically hours to 24–48 h (vendor), waiting on the vendor");
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

describe("loadRecommendationStatsFor (database): a job's devices in one statement", () => {
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
      await addAttempt({ visitId: v, deviceId: d, technicianId: tech.id, methodId: "dahua_qr_dmss", outcome: p.outcome, durationMinutes: 20 });
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
    // The methods' minutes (all methods, every device alike): the two successes of this method are counted.
    const minutes = got[0]?.minutes;
    expect(minutes?.get("dahua_qr_dmss")).toMatchObject({ n: 2 });
    for (const g of got) expect(g.minutes).toEqual(minutes);
    // One device at a time gives the same.
    for (const [i, d] of asked.entries()) expect(await loadRecommendationStats(db, d)).toEqual(got[i]);
    expect(await loadRecommendationStatsFor(db, [])).toEqual([]);
  });
});
