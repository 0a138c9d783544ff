import { and, eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { getDb } from "@/db/client";
import { auditEvents, mailOutbox, visits } from "@/db/schema";
import { claimMail } from "@/lib/mail/sender";
import { ConflictError } from "@/lib/platform/errors";
import { scenario, visitStatus } from "@/test/support/field";
import { recordAuthorization } from "./authorization";
import { advanceVisit, recentStatusChanges, STATUS_UNDO_SECONDS, undoVisitStatus } from "./status";

const SEC = 1000;
const enRouteMail = async (visitId: string) => {
  const db = await getDb();
  return db
    .select({ id: mailOutbox.id, status: mailOutbox.status, nextAttemptAt: mailOutbox.nextAttemptAt })
    .from(mailOutbox)
    .where(and(eq(mailOutbox.visitId, visitId), eq(mailOutbox.kind, "visit.en_route")));
};

describe("'On my way' is for today's visits only (company time zone)", () => {
  it("the server refuses it (and a jump straight to on site) for a visit on another day", async () => {
    const s = await scenario({ status: "scheduled" });
    const dayBefore = new Date(s.startsAt.getTime() - 24 * 3600 * SEC);
    await expect(advanceVisit(s.tech, { visitId: s.visitId, to: "en_route" }, null, dayBefore)).rejects.toThrow(/today's visits/);
    await expect(advanceVisit(s.tech, { visitId: s.visitId, to: "on_site" }, null, dayBefore)).rejects.toBeInstanceOf(ConflictError);
    expect(await visitStatus(s.visitId)).toBe("scheduled");
    expect(await enRouteMail(s.visitId)).toEqual([]);
  });

  it("today means the company's day, not UTC's", async () => {
    const s = await scenario({ status: "scheduled" });
    const db = await getDb();
    // 14:00 New York on 2 March 2032; 03:00 UTC that day is still 1 March in New York.
    const start = new Date("2032-03-02T19:00:00Z");
    await db
      .update(visits)
      .set({ startsAt: start, endsAt: new Date(start.getTime() + 3600 * SEC), busyUntil: new Date(start.getTime() + 3600 * SEC) })
      .where(eq(visits.id, s.visitId));
    await expect(advanceVisit(s.tech, { visitId: s.visitId, to: "en_route" }, null, new Date("2032-03-02T03:00:00Z"))).rejects.toThrow(/today's visits/);
    await advanceVisit(s.tech, { visitId: s.visitId, to: "en_route" }, null, new Date("2032-03-02T12:00:00Z"));
    expect(await visitStatus(s.visitId)).toBe("en_route");
  });
});

describe("undoing a status tap within the window", () => {
  it(`${STATUS_UNDO_SECONDS} s to undo 'On my way': the email waits for the window and is never sent on undo`, async () => {
    const s = await scenario({ status: "scheduled" });
    const now = s.startsAt;
    const r = await advanceVisit(s.tech, { visitId: s.visitId, to: "en_route" }, null, now);
    expect(r.undoUntil).toBe(new Date(now.getTime() + STATUS_UNDO_SECONDS * SEC).toISOString());
    const [mail] = await enRouteMail(s.visitId);
    expect(mail!.nextAttemptAt.getTime()).toBe(now.getTime() + STATUS_UNDO_SECONDS * SEC);
    const db = await getDb();
    // The sender does not take it inside the window.
    expect((await claimMail(db, "test-worker", new Date(now.getTime() + 5 * SEC), 100)).map((m) => m.id)).not.toContain(mail!.id);
    expect((await recentStatusChanges(db, s.tech, [s.visitId], new Date(now.getTime() + 5 * SEC))).get(s.visitId)).toMatchObject({
      from: "scheduled",
      to: "en_route",
    });

    await undoVisitStatus(s.tech, { visitId: s.visitId }, null, new Date(now.getTime() + 5 * SEC));
    expect(await visitStatus(s.visitId)).toBe("scheduled");
    expect(await enRouteMail(s.visitId)).toEqual([]);
    const [undo] = await db
      .select({ details: auditEvents.details })
      .from(auditEvents)
      .where(and(eq(auditEvents.entityId, s.visitId), eq(auditEvents.action, "visit.status.undo")));
    expect(undo!.details).toMatchObject({ from: "en_route", to: "scheduled", cancelledMail: true });
    // Nothing left to undo.
    await expect(undoVisitStatus(s.tech, { visitId: s.visitId }, null, new Date(now.getTime() + 6 * SEC))).rejects.toThrow(/nothing to undo/i);
    expect((await recentStatusChanges(db, s.tech, [s.visitId], new Date(now.getTime() + 6 * SEC))).get(s.visitId)).toBeUndefined();
  });

  it("after the window: refused, and the email goes", async () => {
    const s = await scenario({ status: "scheduled" });
    const now = s.startsAt;
    await advanceVisit(s.tech, { visitId: s.visitId, to: "en_route" }, null, now);
    const late = new Date(now.getTime() + (STATUS_UNDO_SECONDS + 1) * SEC);
    await expect(undoVisitStatus(s.tech, { visitId: s.visitId }, null, late)).rejects.toThrow(/too late/i);
    const db = await getDb();
    const [mail] = await enRouteMail(s.visitId);
    expect((await claimMail(db, "test-worker", late, 100)).map((m) => m.id)).toContain(mail!.id);
    expect(await visitStatus(s.visitId)).toBe("en_route");
  });

  it("an email already taken by the sender cannot be called back: the undo is refused", async () => {
    const s = await scenario({ status: "scheduled" });
    const now = s.startsAt;
    await advanceVisit(s.tech, { visitId: s.visitId, to: "en_route" }, null, now);
    const db = await getDb();
    await db
      .update(mailOutbox)
      .set({ status: "sending" })
      .where(and(eq(mailOutbox.visitId, s.visitId), eq(mailOutbox.kind, "visit.en_route")));
    await expect(undoVisitStatus(s.tech, { visitId: s.visitId }, null, new Date(now.getTime() + 2 * SEC))).rejects.toThrow(/already/i);
    expect(await visitStatus(s.visitId)).toBe("en_route");
  });

  it("'Arrived on site' can be undone too, until something is recorded on site; only by who tapped it", async () => {
    const s = await scenario({ status: "scheduled" });
    const now = s.startsAt;
    await advanceVisit(s.tech, { visitId: s.visitId, to: "en_route" }, null, now);
    await advanceVisit(s.tech, { visitId: s.visitId, to: "on_site" }, null, new Date(now.getTime() + 60 * SEC));
    await expect(undoVisitStatus(s.admin, { visitId: s.visitId }, null, new Date(now.getTime() + 61 * SEC))).rejects.toThrow(/who tapped/);
    await undoVisitStatus(s.tech, { visitId: s.visitId }, null, new Date(now.getTime() + 62 * SEC));
    expect(await visitStatus(s.visitId)).toBe("en_route");
    expect(await enRouteMail(s.visitId)).toHaveLength(1); // the earlier 'on my way' email stands

    await advanceVisit(s.tech, { visitId: s.visitId, to: "on_site" }, null, new Date(now.getTime() + 120 * SEC));
    await recordAuthorization(s.tech, {
      visitId: s.visitId,
      personName: "Carla Owner",
      relationship: "owner",
      mode: "typed",
      typedAcknowledgement: "Carla Owner",
    });
    await expect(undoVisitStatus(s.tech, { visitId: s.visitId }, null, new Date(now.getTime() + 122 * SEC))).rejects.toThrow(/already recorded/);
    expect(await visitStatus(s.visitId)).toBe("on_site");
  });
});
