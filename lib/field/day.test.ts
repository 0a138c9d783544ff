import { eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { getDb } from "@/db/client";
import { auditEvents, checklists, devices, mailOutbox } from "@/db/schema";
import { makeDevice, makeUser, makeVisit } from "@/test/support/factories";
import { ConflictError, ForbiddenError, NotFoundError, ValidationError } from "@/lib/platform/errors";
import { listMyVisits, rangeBounds } from "./day";
import { updateDeviceFacts } from "./devices";
import { getJob } from "./job";
import { advanceVisit } from "./status";
import { attempt, scenario, visitStatus } from "@/test/support/field";
import { logAttempt } from "./attempts";
import { recordAuthorization } from "./authorization";
import { buildVisitSummary } from "./summary";

const NY = "America/New_York";

describe("day ranges in the company time zone", () => {
  it("today, tomorrow and the week start at local midnight, across a daylight-saving change", () => {
    // 2026-03-08 is the spring-forward Sunday in New York: that day has 23 hours.
    const now = new Date("2026-03-08T15:00:00Z");
    const today = rangeBounds("today", now, NY);
    expect(today.from.toISOString()).toBe("2026-03-08T05:00:00.000Z");
    expect(today.to.toISOString()).toBe("2026-03-09T04:00:00.000Z");
    expect(rangeBounds("tomorrow", now, NY).from.toISOString()).toBe("2026-03-09T04:00:00.000Z");
    expect(rangeBounds("week", now, NY).to.toISOString()).toBe("2026-03-15T04:00:00.000Z");
    // 02:30 UTC is still the previous evening in New York.
    expect(rangeBounds("today", new Date("2026-07-01T02:30:00Z"), NY).from.toISOString()).toBe("2026-06-30T04:00:00.000Z");
  });
});

describe("the technician's day", () => {
  it("lists only the technician's own visits in the range, in order, with devices", async () => {
    const tech = await makeUser("technician");
    const other = await makeUser("technician");
    const customer = await makeUser("customer");
    const dev = await makeDevice(customer.customerId!, { brand: "lorex", kind: "dvr" });
    const now = new Date("2031-05-05T12:00:00Z"); // 08:00 in New York
    const late = await makeVisit({ customerId: customer.customerId!, technicianId: tech.id, startsAt: new Date("2031-05-05T20:00:00Z"), deviceIds: [dev] });
    const early = await makeVisit({ customerId: customer.customerId!, technicianId: tech.id, startsAt: new Date("2031-05-05T14:00:00Z") });
    const tomorrow = await makeVisit({ customerId: customer.customerId!, technicianId: tech.id, startsAt: new Date("2031-05-06T14:00:00Z") });
    await makeVisit({ customerId: customer.customerId!, technicianId: other.id, startsAt: new Date("2031-05-05T15:00:00Z") });
    const day = await listMyVisits(tech, "today", now);
    expect(day.visits.map((v) => v.id)).toEqual([early, late]);
    expect(day.visits[1]!.devices).toEqual(["Lorex DVR TEST-1"]);
    expect((await listMyVisits(tech, "tomorrow", now)).visits.map((v) => v.id)).toEqual([tomorrow]);
    expect((await listMyVisits(tech, "week", now)).visits.map((v) => v.id)).toEqual([early, late, tomorrow]);
    await expect(listMyVisits(customer, "today", now)).rejects.toBeInstanceOf(ForbiddenError);
  });
});

describe("one-tap status moves", () => {
  it("en route emails the customer through the outbox; arrival moves on site; both audited", async () => {
    const s = await scenario({ status: "scheduled" });
    const now = s.startsAt; // "on my way" is offered on the visit's day
    await advanceVisit(s.tech, { visitId: s.visitId, to: "en_route" }, null, now);
    const db = await getDb();
    const mails = await db.select().from(mailOutbox).where(eq(mailOutbox.visitId, s.visitId));
    expect(mails).toHaveLength(1);
    expect(mails[0]).toMatchObject({ kind: "visit.en_route", toAddress: s.customer.email });
    expect(mails[0]!.subject).toContain("is on the way");
    await advanceVisit(s.tech, { visitId: s.visitId, to: "on_site" }, null, now);
    expect(await visitStatus(s.visitId)).toBe("on_site");
    const evs = await db.select({ details: auditEvents.details }).from(auditEvents).where(eq(auditEvents.entityId, s.visitId));
    expect(evs.map((e) => e.details)).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ from: "scheduled", to: "en_route", mailId: mails[0]!.id }),
        expect.objectContaining({ from: "en_route", to: "on_site", mailId: null }),
      ]),
    );
    await expect(advanceVisit(s.tech, { visitId: s.visitId, to: "en_route" }, null, now)).rejects.toThrow(/on site cannot become on the way/);
    await expect(advanceVisit(s.tech, { visitId: s.visitId, to: "completed" }, null, now)).rejects.toBeInstanceOf(ValidationError);
    await expect(advanceVisit(s.otherTech, { visitId: s.visitId, to: "on_site" }, null, now)).rejects.toBeInstanceOf(NotFoundError);
    expect(await db.select().from(mailOutbox).where(eq(mailOutbox.visitId, s.visitId))).toHaveLength(1);
  });
});

describe("the job page and device facts", () => {
  it("shows the assigned technician everything, with a playbook per device; others get not found", async () => {
    const s = await scenario({ authorized: true });
    const job = await getJob(s.tech, s.visitId);
    expect(job.devices).toHaveLength(3);
    const dahua = job.devices.find((d) => d.id === s.dahua)!;
    expect(dahua.playbook[0]!.method.id).toBe("dahua_qr_dmss");
    expect(dahua.playbook.at(-1)).toMatchObject({ method: { id: "dahua_security_questions" }, lacking: expect.stringMatching(/security questions/) });
    expect(job.authorization!.signatureDataUrl).toMatch(/^data:image\/png;base64,/);
    await expect(getJob(s.otherTech, s.visitId)).rejects.toBeInstanceOf(NotFoundError);
    await expect(getJob(s.customer, s.visitId)).rejects.toBeInstanceOf(ForbiddenError);
    await expect(getJob(s.admin, s.visitId)).resolves.toBeTruthy();
  });

  it("a device is not started before anyone started; in progress only on site with an attempt (the customer's summary says the same)", async () => {
    const s = await scenario({ status: "scheduled" });
    const states = async () => (await getJob(s.admin, s.visitId)).devices.map((d) => [d.brand, d.state]);
    expect(await states()).toEqual([
      ["dahua", "not_started"],
      ["hikvision", "not_started"],
      ["lorex", "not_started"],
    ]);
    const db = await getDb();
    expect((await buildVisitSummary(db, s.visitId)).devices.map((d) => d.result)).toEqual(["Not started.", "Not started.", "Not started."]);
    await advanceVisit(s.tech, { visitId: s.visitId, to: "on_site" }, null, s.startsAt);
    await recordAuthorization(s.tech, {
      visitId: s.visitId,
      personName: "Carla Owner",
      relationship: "owner",
      mode: "typed",
      typedAcknowledgement: "Carla Owner",
    });
    await logAttempt(s.tech, attempt(s.visitId, s.dahua));
    expect((await states())[0]).toEqual(["dahua", "in_progress"]);
    expect((await states())[1]).toEqual(["hikvision", "not_started"]);
  });

  it("carries the customer, the site, and the authorization and checklist once they exist (null before)", async () => {
    const s = await scenario();
    const before = await getJob(s.tech, s.visitId);
    expect(before.authorization).toBeNull();
    expect(before.checklist).toBeNull();
    expect(before.customer.name).toEqual(expect.any(String));
    expect(before.site.addressLine1).toEqual(expect.any(String));
    expect(before.blockers.join(" ")).toMatch(/authorization/i);

    const t = await scenario({ authorized: true, people: s });
    await (await getDb()).insert(checklists).values({
      visitId: t.visitId,
      patternLockSet: "yes",
      configExported: "na",
      recoveryEmailUpdated: "no",
      notes: "Pattern set with the owner",
      answeredBy: t.tech.id,
    });
    const after = await getJob(t.tech, t.visitId);
    expect(after.authorization).toMatchObject({ personName: "Carla Owner", relationship: "owner", recordedByName: t.tech.name, typedAcknowledgement: null });
    expect(after.checklist).toMatchObject({
      patternLockSet: "yes",
      configExported: "na",
      recoveryEmailUpdated: "no",
      notes: "Pattern set with the owner",
      answeredAt: expect.any(Date),
    });
    expect(after.customer).toEqual(before.customer);
  });

  it("edits facts on the spot with an audit of what changed; brand is fixed once attempts exist", async () => {
    const s = await scenario({ authorized: true });
    const facts = {
      visitId: s.visitId,
      deviceId: s.lorex,
      brand: "lorex",
      kind: "dvr",
      model: "D861",
      serial: "ND0123",
      firmware: "V4.2",
      mac: "3c-ef-8c-12-34-56",
      channels: 8,
      lorexDeviceId: "LX-998877",
      warrantySeal: "intact",
      recoveryOptions: {
        recovery_email: "no",
        security_questions: "unknown",
        app_account: "yes",
        guid_file: "unknown",
        reset_button: "unknown",
        unlock_pattern: "unknown",
      },
    };
    await updateDeviceFacts(s.tech, facts);
    const db = await getDb();
    const [d] = await db.select().from(devices).where(eq(devices.id, s.lorex));
    expect(d).toMatchObject({ model: "D861", mac: "3C:EF:8C:12:34:56", channels: 8, lorexDeviceId: "LX-998877", warrantySeal: "intact" });
    expect(d!.recoveryOptions.app_account).toBe("yes");
    const [ev] = await db.select().from(auditEvents).where(eq(auditEvents.action, "device.update"));
    expect(ev!.details).toMatchObject({ before: { model: "TEST-1" }, after: { model: "D861" } });
    await expect(updateDeviceFacts(s.tech, { ...facts, mac: "not-a-mac" })).rejects.toThrow(ValidationError);
    await expect(updateDeviceFacts(s.tech, { ...facts, channels: 999 })).rejects.toThrow(ValidationError);
    await logAttempt(s.tech, attempt(s.visitId, s.lorex, { methodId: "lorex_app_temp_password" }));
    await expect(updateDeviceFacts(s.tech, { ...facts, brand: "dahua" })).rejects.toBeInstanceOf(ConflictError);
    await expect(updateDeviceFacts(s.otherTech, facts)).rejects.toBeInstanceOf(NotFoundError);
  });
});
