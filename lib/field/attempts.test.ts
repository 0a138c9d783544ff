import { eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { getDb } from "@/db/client";
import { attempts, auditEvents, vendorCases, visits } from "@/db/schema";
import { makeDevice } from "@/test/support/factories";
import { ConflictError, ForbiddenError, NotFoundError, UnauthenticatedError, ValidationError } from "@/lib/platform/errors";
import { correctAttempt, logAttempt } from "./attempts";
import { closeVendorCase } from "@/lib/vendor-cases/manage";
import { attempt, prepareEvidence, scenario, visitStatus } from "@/test/support/field";

async function attemptCount(visitId: string) {
  const db = await getDb();
  return (await db.select({ id: attempts.id }).from(attempts).where(eq(attempts.visitId, visitId))).length;
}

/** Expect a refusal of a given class, whose message (or a field message) matches. */
async function refused(p: Promise<unknown>, cls: new (...a: never[]) => Error, text: RegExp) {
  const err = await p.then(
    () => null,
    (e: unknown) => e,
  );
  expect(err).toBeInstanceOf(cls);
  const e = err as Error & { fieldErrors?: Record<string, string[]> };
  expect([e.message, ...Object.values(e.fieldErrors ?? {}).flat()].join(" | ")).toMatch(text);
}

describe("logging attempts", () => {
  it("numbers attempts per device in order, stores the duration and timer times, audits each", async () => {
    const s = await scenario({ authorized: true });
    const now = new Date();
    const startedAt = new Date(now.getTime() - 240_000).toISOString();
    const a1 = await logAttempt(s.tech, attempt(s.visitId, s.dahua, { startedAt }), null, now);
    const a2 = await logAttempt(s.tech, attempt(s.visitId, s.dahua, { methodId: "dahua_security_questions", outcome: "succeeded", durationSeconds: 120 }));
    const b1 = await logAttempt(s.tech, attempt(s.visitId, s.hik, { methodId: "hik_security_questions", outcome: "abandoned" }));
    expect([a1.seq, a2.seq, b1.seq]).toEqual([1, 2, 1]);
    const db = await getDb();
    const [row] = await db.select().from(attempts).where(eq(attempts.id, a1.attemptId));
    expect(row!.durationSeconds).toBe(300);
    expect(row!.startedAt!.toISOString()).toBe(startedAt);
    expect(row!.endedAt!.getTime()).toBe(now.getTime());
    expect(row!.technicianId).toBe(s.tech.id);
    const logs = await db.select({ action: auditEvents.action }).from(auditEvents).where(eq(auditEvents.action, "attempt.log"));
    expect(logs.length).toBeGreaterThanOrEqual(3);
  });

  it("refuses attempts before the authorization is recorded, and writes nothing", async () => {
    const s = await scenario({ authorized: false });
    await refused(logAttempt(s.tech, attempt(s.visitId, s.dahua)), ConflictError, /authorization before logging/);
    expect(await attemptCount(s.visitId)).toBe(0);
  });

  it("refuses bad input with a clear message and writes nothing", async () => {
    const s = await scenario({ authorized: true });
    const foreign = await makeDevice(s.otherCustomer.customerId!, { brand: "dahua" });
    await refused(logAttempt(s.tech, attempt(s.visitId, s.dahua, { methodId: "made_up" })), ValidationError, /Unknown recovery method/);
    await refused(
      logAttempt(s.tech, attempt(s.visitId, s.dahua, { methodId: "hik_guid_file" })),
      ValidationError,
      /Hikvision method; this device is a Dahua NVR/,
    );
    await refused(logAttempt(s.tech, attempt(s.visitId, s.dahua, { methodId: "dahua_reset_button_ipc" })), ValidationError, /IP camera units, not a NVR/);
    await refused(logAttempt(s.tech, attempt(s.visitId, foreign)), ValidationError, /not on this visit/);
    await refused(logAttempt(s.tech, attempt(s.visitId, s.dahua, { durationSeconds: -5 })), ValidationError, /cannot be negative/);
    await refused(logAttempt(s.tech, attempt(s.visitId, s.dahua, { durationSeconds: 90_000 })), ValidationError, /longer than 24 hours/);
    await refused(logAttempt(s.tech, attempt(s.visitId, s.dahua, { durationSeconds: 1.5 })), ValidationError, /whole seconds/);
    await refused(
      logAttempt(s.tech, attempt(s.visitId, s.dahua, { startedAt: new Date(Date.now() + 3_600_000).toISOString() })),
      ValidationError,
      /in the future/,
    );
    await refused(
      logAttempt(s.tech, attempt(s.visitId, s.dahua, { startedAt: new Date(Date.now() - 25 * 3_600_000).toISOString() })),
      ValidationError,
      /over 24 hours ago/,
    );
    await refused(logAttempt(s.tech, attempt(s.visitId, s.dahua, { methodId: "other" })), ValidationError, /Describe exactly what was done/);
    await refused(
      logAttempt(s.tech, attempt(s.visitId, s.dahua, { outcome: "waiting_vendor", vendorCase: { vendor: "dahua", whatWasSent: "x.xml" } })),
      ValidationError,
      /does not wait on a vendor/,
    );
    await refused(
      logAttempt(s.tech, attempt(s.visitId, s.dahua, { methodId: "dahua_configtool_xml", outcome: "waiting_vendor" })),
      ValidationError,
      /what was sent/,
    );
    await refused(logAttempt(s.tech, attempt(s.visitId, s.dahua, { outcome: "exploded" })), ValidationError, /Choose an outcome/);
    await refused(logAttempt(s.tech, attempt("not-a-uuid", s.dahua)), ValidationError, /visit id is not valid/);
    expect(await attemptCount(s.visitId)).toBe(0);
    // `other` with a description is fine.
    await logAttempt(s.tech, attempt(s.visitId, s.dahua, { methodId: "other", description: "Vendor-specific ONVIF reset" }));
    expect(await attemptCount(s.visitId)).toBe(1);
  });

  it("scopes to the assigned technician (others get not found) and never lets a customer log", async () => {
    const s = await scenario({ authorized: true });
    await refused(logAttempt(s.otherTech, attempt(s.visitId, s.dahua)), NotFoundError, /Visit not found/);
    await refused(logAttempt(s.customer, attempt(s.visitId, s.dahua)), ForbiddenError, /do not have access/);
    await refused(logAttempt(null, attempt(s.visitId, s.dahua)), UnauthenticatedError, /sign in/);
    expect(await attemptCount(s.visitId)).toBe(0);
    // An admin may act on any visit.
    await logAttempt(s.admin, attempt(s.visitId, s.dahua));
    expect(await attemptCount(s.visitId)).toBe(1);
  });

  it("refuses attempts off site and on a completed visit", async () => {
    const s = await scenario({ authorized: true });
    const db = await getDb();
    await db.update(visits).set({ status: "completed" }).where(eq(visits.id, s.visitId));
    await refused(logAttempt(s.tech, attempt(s.visitId, s.dahua)), ConflictError, /completed and read-only/);
    const t = await scenario({ status: "scheduled", people: s });
    await refused(logAttempt(t.tech, attempt(t.visitId, t.dahua)), ConflictError, /on site first/);
    expect(await attemptCount(s.visitId)).toBe(0);
  });

  it("waiting on a vendor opens a case due after the configured hours and moves the visit; the device is then left alone", async () => {
    const s = await scenario({ authorized: true });
    const now = new Date();
    const sadp = attempt(s.visitId, s.hik, {
      methodId: "hik_sadp_export",
      outcome: "waiting_vendor",
      vendorCase: { vendor: "hikvision", whatWasSent: "SADP export file" },
    });
    // Not without what Hikvision asks for: the exported file and a photo of the label. Nothing is written.
    await refused(
      logAttempt(s.tech, sadp, null, now),
      ConflictError,
      /needs 2 more things first: The exported SADP request file.*; A photo of the serial\/model label\./,
    );
    expect(await attemptCount(s.visitId)).toBe(0);
    expect(await visitStatus(s.visitId)).toBe("on_site");
    await prepareEvidence(s.tech, s.visitId, s.hik, "hik_sadp_export");
    const r = await logAttempt(s.tech, sadp, null, now);
    expect(r.vendorCaseId).toBeTruthy();
    const db = await getDb();
    const [c] = await db.select().from(vendorCases).where(eq(vendorCases.id, r.vendorCaseId!));
    expect(c!.status).toBe("open");
    expect(c!.dueAt.getTime() - c!.sentAt.getTime()).toBe(48 * 3_600_000);
    expect(await visitStatus(s.visitId)).toBe("waiting_vendor");
    await refused(logAttempt(s.tech, attempt(s.visitId, s.hik, { methodId: "hik_security_questions" })), ConflictError, /waiting on the vendor/);
    // Other devices can still be worked on while waiting.
    await logAttempt(s.tech, attempt(s.visitId, s.dahua));
    expect(await attemptCount(s.visitId)).toBe(2);
  });
});

describe("correcting attempts", () => {
  it("lets the author correct until completion, auditing before and after", async () => {
    const s = await scenario({ authorized: true });
    const a = await logAttempt(s.tech, attempt(s.visitId, s.dahua));
    await correctAttempt(s.tech, {
      attemptId: a.attemptId,
      methodId: "dahua_security_questions",
      outcome: "succeeded",
      durationSeconds: 60,
      notes: "typo fixed",
    });
    const db = await getDb();
    const [row] = await db.select().from(attempts).where(eq(attempts.id, a.attemptId));
    expect(row).toMatchObject({ methodId: "dahua_security_questions", outcome: "succeeded", durationSeconds: 60, notes: "typo fixed", seq: 1 });
    const [ev] = await db.select().from(auditEvents).where(eq(auditEvents.action, "attempt.correct"));
    expect(ev!.details).toMatchObject({
      before: { methodId: "dahua_qr_dmss", outcome: "failed", durationSeconds: 300 },
      after: { methodId: "dahua_security_questions", outcome: "succeeded" },
    });
    await db.update(visits).set({ status: "completed" }).where(eq(visits.id, s.visitId));
    await refused(
      correctAttempt(s.tech, { attemptId: a.attemptId, methodId: "dahua_qr_dmss", outcome: "failed", durationSeconds: 60 }),
      ConflictError,
      /read-only/,
    );
  });

  it("refuses corrections by anyone but the author, and to another brand's method", async () => {
    const s = await scenario({ authorized: true });
    const a = await logAttempt(s.tech, attempt(s.visitId, s.dahua));
    const fix = { attemptId: a.attemptId, methodId: "dahua_qr_dmss", outcome: "succeeded", durationSeconds: 60 };
    await refused(correctAttempt(s.admin, fix), ForbiddenError, /Only the technician who logged/);
    await refused(correctAttempt(s.otherTech, fix), NotFoundError, /not found/);
    await refused(correctAttempt(s.customer, fix), ForbiddenError, /access/);
    await refused(correctAttempt(s.tech, { ...fix, methodId: "lorex_reset_button" }), ValidationError, /Lorex method/);
    await refused(correctAttempt(s.tech, { ...fix, outcome: "waiting_vendor" }), ValidationError, /log a new attempt/);
  });

  it("once its vendor case is closed, the waiting attempt takes its final outcome by correction (the method stays; never back to waiting)", async () => {
    const s = await scenario({ authorized: true });
    await prepareEvidence(s.tech, s.visitId, s.dahua, "dahua_configtool_xml");
    const a = await logAttempt(
      s.tech,
      attempt(s.visitId, s.dahua, {
        methodId: "dahua_configtool_xml",
        outcome: "waiting_vendor",
        vendorCase: { vendor: "dahua", whatWasSent: "ConfigTool XML" },
      }),
    );
    await closeVendorCase(s.tech, { caseId: a.vendorCaseId!, result: "received", resultNote: "Result file came back" });
    const fix = { attemptId: a.attemptId, methodId: "dahua_configtool_xml", durationSeconds: 900 };
    await refused(correctAttempt(s.tech, { ...fix, methodId: "dahua_qr_dmss", outcome: "succeeded" }), ConflictError, /method stays/);
    await refused(correctAttempt(s.tech, { ...fix, outcome: "waiting_vendor" }), ValidationError, /vendor case is closed/);
    await correctAttempt(s.tech, { ...fix, outcome: "succeeded" });
    const db = await getDb();
    const [row] = await db.select({ outcome: attempts.outcome }).from(attempts).where(eq(attempts.id, a.attemptId));
    expect(row!.outcome).toBe("succeeded");
  });

  it("keeps the method and outcome of an attempt while its vendor case is open", async () => {
    const s = await scenario({ authorized: true });
    await prepareEvidence(s.tech, s.visitId, s.dahua, "dahua_configtool_xml");
    const a = await logAttempt(
      s.tech,
      attempt(s.visitId, s.dahua, {
        methodId: "dahua_configtool_xml",
        outcome: "waiting_vendor",
        vendorCase: { vendor: "dahua", whatWasSent: "ConfigTool XML" },
      }),
    );
    await refused(
      correctAttempt(s.tech, { attemptId: a.attemptId, methodId: "dahua_configtool_xml", outcome: "failed", durationSeconds: 60 }),
      ConflictError,
      /open vendor case: close the case/,
    );
    await correctAttempt(s.tech, {
      attemptId: a.attemptId,
      methodId: "dahua_configtool_xml",
      outcome: "waiting_vendor",
      durationSeconds: 900,
      notes: "took longer",
    });
  });
});
