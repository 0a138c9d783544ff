import { and, eq, inArray } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { getDb } from "@/db/client";
import { attempts, auditEvents, configBackups, devices, mailOutbox, users, vendorCases } from "@/db/schema";
import { logAttempt } from "@/lib/field/attempts";
import { runSender } from "@/lib/mail/sender";
import { openPhoto } from "@/lib/photos/read";
import { storePhoto } from "@/lib/photos/store";
import { ConflictError } from "@/lib/platform/errors";
import { updateSettings } from "@/lib/settings/company";
import { attempt, prepareEvidence, scenario, visitStatus } from "@/test/support/field";
import { makeJpeg } from "@/test/support/images";
import { closeVendorCase, recordVendorResult } from "./manage";
import { expireUnusedAnswers, mailOverdueCases, warnExpiringAnswers } from "./reminders";

const LOREX_DESK = "support-desk@lorex.example";
const lorexCase = (visitId: string, deviceId: string) =>
  attempt(visitId, deviceId, {
    methodId: "lorex_support_temp_password",
    outcome: "waiting_vendor",
    durationSeconds: 600,
    vendorCase: { vendor: "lorex", whatWasSent: "Device ID and photos of the label and the info screen" },
  });

async function mailsOf(visitId: string) {
  const db = await getDb();
  return db.select().from(mailOutbox).where(eq(mailOutbox.visitId, visitId));
}

async function activeAdmins() {
  const db = await getDb();
  return (await db.select({ id: users.id }).from(users).where(eq(users.role, "admin"))).length;
}

describe("sending a vendor case", () => {
  it("a Lorex support case is refused until its evidence is in, then goes out as an email with the device facts, the authorization and the photos", async () => {
    const s = await scenario({ authorized: true });
    await updateSettings(s.admin, { vendorSupportEmails: { dahua: "support_rpwd@dahuatech.com", hikvision: "", lorex: LOREX_DESK } }, null);
    const db = await getDb();
    await db.update(devices).set({ serial: "ND021812345678" }).where(eq(devices.id, s.lorex));

    const refusal = logAttempt(s.tech, lorexCase(s.visitId, s.lorex));
    await expect(refusal).rejects.toBeInstanceOf(ConflictError);
    await expect(refusal).rejects.toThrow(
      "Not sent: Temporary password from Lorex support needs 3 more things first: A photo of the serial/model label; A photo of the device-info screen, taken on this visit; The Lorex Device ID (not the serial).",
    );
    // Half-way: still refused, and the list says only what is still missing.
    const label = await makeJpeg({ width: 1200, height: 900 });
    await storePhoto(s.tech, { deviceId: s.lorex, visitId: s.visitId, kind: "label" }, label);
    await db.update(devices).set({ lorexDeviceId: "LRX9F2A7C1" }).where(eq(devices.id, s.lorex));
    await expect(logAttempt(s.tech, lorexCase(s.visitId, s.lorex))).rejects.toThrow(
      /needs one more thing first: A photo of the device-info screen, taken on this visit\.$/,
    );
    expect((await db.select().from(vendorCases).where(eq(vendorCases.visitId, s.visitId))).length).toBe(0);
    expect(await mailsOf(s.visitId)).toEqual([]);

    const screen = await makeJpeg({ width: 900, height: 1200 });
    await storePhoto(s.tech, { deviceId: s.lorex, visitId: s.visitId, kind: "screen_info" }, screen);
    const sent = await logAttempt(s.tech, lorexCase(s.visitId, s.lorex));
    expect(sent.emailedTo).toBe(LOREX_DESK);
    expect(await visitStatus(s.visitId)).toBe("waiting_vendor");

    const [mail] = await mailsOf(s.visitId);
    expect(mail).toMatchObject({ kind: "vendor_case.request", toAddress: LOREX_DESK, status: "pending" });
    expect(mail!.subject).toMatch(/^Password reset request T-\w+: Lorex DVR TEST-1, S\/N ND021812345678, Device ID LRX9F2A7C1$/);
    expect(mail!.textBody).toContain("- Lorex Device ID: LRX9F2A7C1");
    expect(mail!.textBody).toContain("Carla Owner (owner) confirmed on");
    expect(mail!.textBody).toContain("I authorize the technician to reset or recover its passwords");
    expect(mail!.attachments.map((a) => a.filename)).toEqual(["1-label-sticker.jpg", "2-device-info-screen.jpg", "authorization.txt", "signature.png"]);
    // The photos stay sealed in the vault: the outbox holds a reference, not the bytes.
    expect(mail!.attachments.slice(0, 2).every((a) => a.vaultFileId && a.contentBase64 === "")).toBe(true);
    const [c] = await db.select().from(vendorCases).where(eq(vendorCases.id, sent.vendorCaseId!));
    expect(c!.vendorMailId).toBe(mail!.id);

    // Delivered, the photos go out byte for byte.
    const delivered: { to: string; attachments: { filename: string; content: Buffer | string }[] }[] = [];
    await runSender({ transport: { sendMail: async (m: (typeof delivered)[number]) => void delivered.push(m) } as never, db });
    const out = delivered.find((m) => m.to === LOREX_DESK)!;
    expect(Buffer.from(out.attachments[0]!.content as Buffer).equals(label)).toBe(true);
    expect(Buffer.from(out.attachments[1]!.content as Buffer).equals(screen)).toBe(true);
    expect(String(out.attachments[2]!.content)).toContain("Name: Carla Owner");
    const opened = await openPhoto(s.customer, mail!.attachments[0]!.vaultFileId!, "full", null);
    expect(opened.bytes.equals(label)).toBe(true);
  });

  it("no email without a support address (or when the technician sends it another way); the case still opens", async () => {
    const s = await scenario({ authorized: true });
    await prepareEvidence(s.tech, s.visitId, s.hik, "hik_sadp_export");
    const r = await logAttempt(
      s.tech,
      attempt(s.visitId, s.hik, { methodId: "hik_sadp_export", outcome: "waiting_vendor", vendorCase: { vendor: "hikvision", whatWasSent: "SADP file" } }),
    );
    expect(r.emailedTo).toBeNull();
    await prepareEvidence(s.tech, s.visitId, s.dahua, "dahua_configtool_xml");
    const d = await logAttempt(
      s.tech,
      attempt(s.visitId, s.dahua, {
        methodId: "dahua_configtool_xml",
        outcome: "waiting_vendor",
        vendorCase: { vendor: "dahua", whatWasSent: "XML by the distributor's portal", emailVendor: false },
      }),
    );
    expect([r.vendorCaseId, d.vendorCaseId].every(Boolean)).toBe(true);
    expect(await mailsOf(s.visitId)).toEqual([]);
  });
});

describe("the answer's clock", () => {
  it("recording Lorex's temporary password (never the password itself) starts a clock that ends at midnight in the company's zone", async () => {
    const s = await scenario({ authorized: true });
    await prepareEvidence(s.tech, s.visitId, s.lorex, "lorex_support_temp_password");
    const { vendorCaseId } = await logAttempt(s.tech, lorexCase(s.visitId, s.lorex));
    await expect(recordVendorResult(s.tech, { caseId: vendorCaseId!, note: "password: Hx7-22!" })).rejects.toMatchObject({
      status: 422,
      fieldErrors: { note: ["Record that it came, never the password or code itself."] },
    });
    await expect(recordVendorResult(s.otherTech, { caseId: vendorCaseId!, note: "Given by phone" })).rejects.toThrow(/Visit not found/);
    // 21:30 in New York on 8 March 2026, the spring-forward day: usable until 00:00 EDT.
    const r = await recordVendorResult(s.tech, { caseId: vendorCaseId!, note: "Temporary password given by phone" }, null, new Date("2026-03-09T01:30:00Z"));
    expect(r.expiresAt?.toISOString()).toBe("2026-03-09T04:00:00.000Z");
    await expect(recordVendorResult(s.tech, { caseId: vendorCaseId!, note: "again" })).rejects.toThrow(/already recorded; its clock is running/);
    const db = await getDb();
    const [c] = await db.select().from(vendorCases).where(eq(vendorCases.id, vendorCaseId!));
    expect(c).toMatchObject({ status: "result_received", notes: "Answer in: Temporary password given by phone" });
    // Voided on site (a reboot): it expires, and the answer's arrival stays on record for the reports.
    await closeVendorCase(s.tech, { caseId: vendorCaseId!, result: "voided", resultNote: "Recorder rebooted by the customer" });
    const [v] = await db.select().from(vendorCases).where(eq(vendorCases.id, vendorCaseId!));
    expect(v).toMatchObject({ status: "expired", closedReason: "voided" });
    expect(v!.resultReceivedAt).toEqual(c!.resultReceivedAt);
    expect(await visitStatus(s.visitId)).toBe("on_site");
  });

  it("reminders go out once however many instances run: overdue, about to expire, then expired unused (the visit back on site)", async () => {
    const s = await scenario({ authorized: true });
    await Promise.all([prepareEvidence(s.tech, s.visitId, s.dahua, "dahua_configtool_xml"), prepareEvidence(s.tech, s.visitId, s.hik, "hik_sadp_export")]);
    const sentAt = new Date("2030-05-01T12:00:00Z");
    const xml = await logAttempt(
      s.tech,
      attempt(s.visitId, s.dahua, { methodId: "dahua_configtool_xml", outcome: "waiting_vendor", vendorCase: { vendor: "dahua", whatWasSent: "XML" } }),
      null,
      sentAt,
    );
    const sadp = await logAttempt(
      s.tech,
      attempt(s.visitId, s.hik, { methodId: "hik_sadp_export", outcome: "waiting_vendor", vendorCase: { vendor: "hikvision", whatWasSent: "SADP file" } }),
      null,
      sentAt,
    );
    const db = await getDb();
    await db.delete(mailOutbox).where(eq(mailOutbox.visitId, s.visitId)); // the vendor email; only reminders below
    const perCase = 1 + (await activeAdmins()); // the technician and every admin
    const byKind = async (kind: string) => (await mailsOf(s.visitId)).filter((m) => m.kind === kind);

    // 49 h later both are overdue (due after 48 h): two runs at once, each case mailed once.
    const later = new Date(sentAt.getTime() + 49 * 3_600_000);
    const runs = await Promise.all([mailOverdueCases({ now: later }), mailOverdueCases({ now: later })]);
    expect(runs.map((r) => r.cases).reduce((a, b) => a + b)).toBeGreaterThanOrEqual(2);
    const overdue = await byKind("vendor_case.overdue");
    expect(overdue.filter((m) => m.subject.includes("Dahua"))).toHaveLength(perCase);
    expect(overdue.filter((m) => m.subject.includes("Hikvision"))).toHaveLength(perCase);
    expect(overdue.find((m) => m.toAddress === s.tech.email)!.textBody).toContain(`/tech/visits/${s.visitId}`);
    expect(overdue.find((m) => m.toAddress === s.tech.email)!.textBody).toContain("Do not reboot the recorder or close ConfigTool");
    expect((await mailOverdueCases({ now: later })).mails).toBe(0);

    // Dahua's result comes back: 24 hours to use it. 21 h later, a warning, once.
    const answered = new Date(later.getTime() + 3_600_000);
    await recordVendorResult(s.tech, { caseId: xml.vendorCaseId!, note: "Result file by email" }, null, answered);
    expect((await warnExpiringAnswers({ now: new Date(answered.getTime() + 19 * 3_600_000) })).cases).toBe(0);
    const warnAt = new Date(answered.getTime() + 21 * 3_600_000);
    await Promise.all([warnExpiringAnswers({ now: warnAt }), warnExpiringAnswers({ now: warnAt })]);
    expect(await byKind("vendor_case.expiring")).toHaveLength(perCase);
    expect((await warnExpiringAnswers({ now: warnAt })).mails).toBe(0);

    // Unused past its deadline: expired, once; Hikvision still waits, so the visit stays waiting.
    const after = new Date(answered.getTime() + 24 * 3_600_000 + 60_000);
    const [e1, e2] = await Promise.all([expireUnusedAnswers({ now: after }), expireUnusedAnswers({ now: after })]);
    expect(e1.cases + e2.cases).toBe(1);
    const [c] = await db.select().from(vendorCases).where(eq(vendorCases.id, xml.vendorCaseId!));
    expect(c).toMatchObject({ status: "expired", closedReason: "expired_unused" });
    expect(c!.notes).toContain("Expired unused");
    // The attempt that waited on it is settled as failed, as when a technician closes a case with no usable answer.
    const [waited] = await db.select({ outcome: attempts.outcome }).from(attempts).where(eq(attempts.id, c!.attemptId));
    expect(waited!.outcome).toBe("failed");
    expect(await visitStatus(s.visitId)).toBe("waiting_vendor");
    expect(await byKind("vendor_case.expired")).toHaveLength(perCase);
    const audits = await db
      .select()
      .from(auditEvents)
      .where(and(eq(auditEvents.action, "vendor_case.expire"), eq(auditEvents.entityId, xml.vendorCaseId!)));
    expect(audits).toHaveLength(1);

    // Hikvision's answer also dies unused: now nothing waits, and the visit is back on site.
    await recordVendorResult(s.tech, { caseId: sadp.vendorCaseId!, note: "Key file" }, null, after);
    expect((await expireUnusedAnswers({ now: new Date(after.getTime() + 25 * 3_600_000) })).visitsBackOnSite).toBe(1);
    expect(await visitStatus(s.visitId)).toBe("on_site");
    const last = (await byKind("vendor_case.expired")).filter((m) => m.subject.includes("Hikvision NVR") || m.textBody.includes("Hikvision"));
    expect(last.some((m) => m.textBody.includes("The visit is back on site"))).toBe(true);
    // Cases with no known validity never expire by the clock.
    const files = await db
      .select({ id: configBackups.id })
      .from(configBackups)
      .where(inArray(configBackups.deviceId, [s.dahua, s.hik]));
    expect(files.length).toBeGreaterThan(0);
  });
});
