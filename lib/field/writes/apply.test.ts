import { and, count, eq } from "drizzle-orm";
import { v7 as uuidv7 } from "uuid";
import { describe, expect, it } from "vitest";
import { getDb } from "@/db/client";
import { DateTime } from "luxon";
import { attempts, authorizations, estimates, fieldWrites, mailOutbox, payments, visits } from "@/db/schema";
import { STATUS_UNDO_SECONDS } from "@/lib/field/moves";
import { getSettings } from "@/lib/settings/company";
import { completedVisitWithDraft, sentEstimate } from "@/test/support/billing";
import { ConflictError, ForbiddenError, UnauthenticatedError, ValidationError } from "@/lib/platform/errors";
import { attempt, people, scenario, TINY_PNG, visitStatus } from "@/test/support/field";
import { applyFieldWrite, canonicalJson } from "./apply";
import { listRefusedWrites } from "./refused";
import { WRITE_KINDS } from "./registry";

const write = (kind: string, visitId: string, input: Record<string, unknown>, over: Record<string, unknown> = {}) => ({
  id: uuidv7(),
  kind,
  visitId,
  madeAt: new Date().toISOString(),
  input,
  ...over,
});

async function rows(visitId: string) {
  const db = await getDb();
  const [a] = await db.select({ n: count() }).from(attempts).where(eq(attempts.visitId, visitId));
  const [w] = await db.select({ n: count() }).from(fieldWrites).where(eq(fieldWrites.visitId, visitId));
  return { attempts: a!.n, writes: w!.n };
}

describe("field writes: exactly once", () => {
  it("applies a write once; a replay answers the first result and writes nothing", async () => {
    const s = await scenario({ authorized: true });
    const w = write("attempt.log", s.visitId, attempt(s.visitId, s.dahua));
    const first = await applyFieldWrite(s.tech, w);
    expect(first.status).toBe(200);
    expect(first.replayed).toBe(false);
    const again = await applyFieldWrite(s.tech, w);
    expect(again).toEqual({ ...first, replayed: true });
    expect(await rows(s.visitId)).toEqual({ attempts: 1, writes: 1 });
  });

  it("a lost race (deadlock) is answered 503 and stores nothing, so the phone sends it again; the resend applies once", async () => {
    const s = await scenario({ authorized: true });
    const w = write("attempt.log", s.visitId, attempt(s.visitId, s.dahua));
    const entry = WRITE_KINDS["attempt.log"];
    const apply = entry.apply;
    entry.apply = async (...args) => {
      await apply(...args); // written, then rolled back with the transaction
      throw Object.assign(new Error("deadlock detected"), { code: "40P01" });
    };
    try {
      await expect(applyFieldWrite(s.tech, w)).rejects.toMatchObject({ status: 503 });
    } finally {
      entry.apply = apply;
    }
    expect(await rows(s.visitId)).toEqual({ attempts: 0, writes: 0 });
    expect(await applyFieldWrite(s.tech, w)).toMatchObject({ status: 200, replayed: false });
    expect(await rows(s.visitId)).toEqual({ attempts: 1, writes: 1 });
  });

  it("two senders of the same id at once: one row, both get the same answer", async () => {
    const s = await scenario({ authorized: true });
    const w = write("attempt.log", s.visitId, attempt(s.visitId, s.dahua));
    const [a, b] = await Promise.all([applyFieldWrite(s.tech, w), applyFieldWrite(s.tech, w)]);
    expect(a.body).toEqual(b.body);
    expect([a.replayed, b.replayed].sort()).toEqual([false, true]);
    expect(await rows(s.visitId)).toEqual({ attempts: 1, writes: 1 });
  });

  it("stores a refusal: the replay is refused the same way even after the cause is gone, and nothing is written", async () => {
    const s = await scenario({ authorized: false });
    const w = write("attempt.log", s.visitId, attempt(s.visitId, s.dahua));
    const refused = await applyFieldWrite(s.tech, w);
    expect(refused.status).toBe(409);
    expect(refused.body).toMatchObject({ status: 409, detail: expect.stringMatching(/authorization before logging/) });
    await applyFieldWrite(
      s.tech,
      write("authorization.record", s.visitId, { personName: "Carla Owner", relationship: "owner", mode: "signature", signature: TINY_PNG }),
    );
    const replay = await applyFieldWrite(s.tech, w);
    expect(replay).toEqual({ ...refused, replayed: true });
    expect((await rows(s.visitId)).attempts).toBe(0);
  });

  it("a write for another technician's visit is 404, stored against that visit, and shown to admins only", async () => {
    const s = await scenario({ authorized: true });
    const w = write("attempt.log", s.visitId, attempt(s.visitId, s.dahua));
    const r = await applyFieldWrite(s.otherTech, w);
    expect(r.status).toBe(404);
    expect(await rows(s.visitId)).toEqual({ attempts: 0, writes: 1 });
    const seen = await listRefusedWrites(s.admin, s.visitId);
    expect(seen).toEqual([expect.objectContaining({ id: w.id, kind: "attempt.log", status: 404, detail: "Visit not found." })]);
    await expect(listRefusedWrites(s.tech, s.visitId)).rejects.toBeInstanceOf(ForbiddenError);
  });

  it("the same id for a different write, or from another user, is refused and changes nothing", async () => {
    const s = await scenario({ authorized: true });
    const w = write("attempt.log", s.visitId, attempt(s.visitId, s.dahua));
    await applyFieldWrite(s.tech, w);
    await expect(applyFieldWrite(s.tech, { ...w, input: attempt(s.visitId, s.dahua, { outcome: "succeeded" }) })).rejects.toThrow(/different write/);
    await expect(applyFieldWrite(s.admin, w)).rejects.toBeInstanceOf(ConflictError);
    expect(await rows(s.visitId)).toEqual({ attempts: 1, writes: 1 });
  });

  it("malformed writes, unknown kinds and signed-out callers are refused before anything is stored", async () => {
    const s = await scenario({ authorized: true });
    await expect(applyFieldWrite(s.tech, write("attempt.delete", s.visitId, {}))).rejects.toBeInstanceOf(ValidationError);
    await expect(applyFieldWrite(s.tech, { ...write("attempt.log", s.visitId, {}), id: "not-a-uuid" })).rejects.toBeInstanceOf(ValidationError);
    await expect(applyFieldWrite(null, write("attempt.log", s.visitId, attempt(s.visitId, s.dahua)))).rejects.toBeInstanceOf(UnauthenticatedError);
    await expect(applyFieldWrite(s.customer, write("attempt.log", s.visitId, attempt(s.visitId, s.dahua)))).rejects.toBeInstanceOf(ForbiddenError);
    let deep: unknown = "deep";
    for (let i = 0; i < 5000; i++) deep = { a: deep };
    await expect(applyFieldWrite(s.tech, write("attempt.log", s.visitId, { ...attempt(s.visitId, s.dahua), note: deep }))).rejects.toThrow(/nested too deeply/);
    expect(await rows(s.visitId)).toEqual({ attempts: 0, writes: 0 });
  });

  it("an input naming another visit than the write is not applied", async () => {
    const s = await scenario({ authorized: true });
    const other = await scenario({ authorized: true, people: s });
    const r = await applyFieldWrite(s.tech, write("attempt.log", s.visitId, attempt(other.visitId, other.dahua)));
    expect(r.status).toBe(404);
    expect((await rows(other.visitId)).attempts).toBe(0);
  });
});

describe("field writes: references to earlier writes and the phone's clock", () => {
  it("a correction names the attempt by the write that logged it", async () => {
    const s = await scenario({ authorized: true });
    const log = write("attempt.log", s.visitId, attempt(s.visitId, s.dahua));
    const fix = write("attempt.correct", s.visitId, { methodId: "dahua_qr_dmss", outcome: "abandoned", durationSeconds: 60 }, { refs: { attemptId: log.id } });
    // Out of order: the attempt has not arrived, so the correction is refused with why.
    const early = await applyFieldWrite(s.tech, { ...fix, id: uuidv7() });
    expect(early).toMatchObject({ status: 409, body: { detail: "The attempt this depends on has not reached the server yet." } });
    const logged = await applyFieldWrite(s.tech, log);
    expect((await applyFieldWrite(s.tech, fix)).status).toBe(200);
    const db = await getDb();
    const [row] = await db
      .select({ outcome: attempts.outcome, duration: attempts.durationSeconds })
      .from(attempts)
      .where(eq(attempts.id, (logged.body as { data: { attemptId: string } }).data.attemptId));
    expect(row).toEqual({ outcome: "abandoned", duration: 60 });
  });

  it("keeps the phone's times: an attempt saved offline two days ago keeps its start and end", async () => {
    const s = await scenario({ authorized: true });
    const now = new Date();
    const endedAt = new Date(now.getTime() - 2 * 86_400_000);
    const startedAt = new Date(endedAt.getTime() - 600_000);
    const w = write("attempt.log", s.visitId, attempt(s.visitId, s.dahua, { startedAt: startedAt.toISOString(), endedAt: endedAt.toISOString() }));
    const r = await applyFieldWrite(s.tech, w, null, now);
    expect(r.status).toBe(200);
    const db = await getDb();
    const [row] = await db.select({ startedAt: attempts.startedAt, endedAt: attempts.endedAt }).from(attempts).where(eq(attempts.visitId, s.visitId));
    expect(row).toEqual({ startedAt, endedAt });
    const ahead = write("attempt.log", s.visitId, attempt(s.visitId, s.dahua, { endedAt: new Date(now.getTime() + 3_600_000).toISOString() }));
    expect((await applyFieldWrite(s.tech, ahead, null, now)).body).toMatchObject({ status: 422, errors: [expect.objectContaining({ field: "endedAt" })] });
  });

  it("'On my way' and its undo are queued writes: the visit goes back and the customer's email is never sent", async () => {
    const s = await scenario({ status: "scheduled" });
    const db = await getDb();
    const now = s.startsAt;
    const at = (sec: number) => new Date(now.getTime() + sec * 1000);
    const mail = () =>
      db
        .select({ id: mailOutbox.id })
        .from(mailOutbox)
        .where(and(eq(mailOutbox.visitId, s.visitId), eq(mailOutbox.kind, "visit.en_route")));
    // Made on another day (the Week tab): refused, as the button is not offered there.
    const early = await applyFieldWrite(s.tech, write("visit.advance", s.visitId, { to: "en_route" }, { madeAt: at(-86_400).toISOString() }), null, now);
    expect(early.body).toMatchObject({ status: 409, detail: expect.stringMatching(/today's visits/) });
    const tap = await applyFieldWrite(s.tech, write("visit.advance", s.visitId, { to: "en_route" }, { madeAt: now.toISOString() }), null, now);
    expect(tap.status).toBe(200);
    expect(await mail()).toHaveLength(1);
    const undo = await applyFieldWrite(s.tech, write("visit.undo_status", s.visitId, {}, { madeAt: at(4).toISOString() }), null, at(5));
    expect(undo.status).toBe(200);
    expect(await visitStatus(s.visitId)).toBe("scheduled");
    expect(await mail()).toEqual([]);
    const again = await applyFieldWrite(s.tech, write("visit.undo_status", s.visitId, {}), null, at(6));
    expect(again.body).toMatchObject({ status: 409, detail: expect.stringMatching(/nothing to undo/i) });
    // Another technician cannot undo (or see) it.
    await applyFieldWrite(s.tech, write("visit.advance", s.visitId, { to: "en_route" }, { madeAt: at(7).toISOString() }), null, at(7));
    expect((await applyFieldWrite(s.otherTech, write("visit.undo_status", s.visitId, {}), null, at(8))).status).toBe(404);
    // Past the window: refused, the change stands.
    const late = await applyFieldWrite(s.tech, write("visit.undo_status", s.visitId, {}), null, at(7 + STATUS_UNDO_SECONDS + 1));
    expect(late.body).toMatchObject({ status: 409, detail: expect.stringMatching(/too late/i) });
    expect(await visitStatus(s.visitId)).toBe("en_route");
  });

  it("hashes writes canonically (key order does not matter)", () => {
    expect(canonicalJson({ b: 1, a: { d: [1, { y: 2, x: 1 }], c: null } })).toBe(canonicalJson({ a: { c: null, d: [1, { x: 1, y: 2 }] }, b: 1 }));
    expect(canonicalJson({ a: 1 })).not.toBe(canonicalJson({ a: 2 }));
  });

  it("the visit status and authorization apply through the same lib rules as the forms", async () => {
    const s = await scenario({ status: "scheduled" });
    const db = await getDb();
    // On the visit's day ("arrived" is for today's visits only, lib/field/moves.ts).
    const onDay = { madeAt: s.startsAt.toISOString() };
    expect((await applyFieldWrite(s.tech, write("visit.advance", s.visitId, { to: "on_site" }, onDay), null, s.startsAt)).status).toBe(200);
    const twice = write("authorization.record", s.visitId, {
      personName: "Carla Owner",
      relationship: "owner",
      mode: "typed",
      typedAcknowledgement: "Carla Owner",
    });
    expect((await applyFieldWrite(s.tech, twice)).status).toBe(200);
    const second = await applyFieldWrite(s.tech, { ...twice, id: uuidv7() });
    expect(second.body).toMatchObject({ status: 409, detail: expect.stringMatching(/already has an authorization/) });
    expect(await db.select({ id: authorizations.id }).from(authorizations).where(eq(authorizations.visitId, s.visitId))).toHaveLength(1);
    const [v] = await db.select({ status: visits.status }).from(visits).where(eq(visits.id, s.visitId));
    expect(v!.status).toBe("on_site");
  });
});

describe("field writes: billing on site (issue #18's estimate and payment, queued like the rest)", () => {
  it("an estimate accepted on the phone applies once; a second acceptance is refused and kept", async () => {
    const p = await people();
    const e = await sentEstimate(p);
    const w = write("estimate.accept", e.visitId, { estimateId: e.estimateId, revision: 1, name: "Carla Owner" });
    const first = await applyFieldWrite(p.tech, w, "203.0.113.9", new Date(), "Phone browser");
    expect(first).toMatchObject({ status: 200, replayed: false, body: { data: { status: "accepted" } } });
    expect(await applyFieldWrite(p.tech, w)).toEqual({ ...first, replayed: true });
    const db = await getDb();
    const [row] = await db
      .select({ status: estimates.status, name: estimates.acceptedName, via: estimates.acceptedVia, ua: estimates.acceptedUserAgent })
      .from(estimates)
      .where(eq(estimates.id, e.estimateId));
    expect(row).toEqual({ status: "accepted", name: "Carla Owner", via: "on_site", ua: "Phone browser" });
    const again = await applyFieldWrite(p.tech, write("estimate.accept", e.visitId, { estimateId: e.estimateId, revision: 1, name: "Someone Else" }));
    expect(again.status).toBe(409);
    expect(
      await applyFieldWrite(p.otherTech, write("estimate.accept", e.visitId, { estimateId: e.estimateId, revision: 1, name: "Xavier Other" })),
    ).toMatchObject({
      status: 404,
    });
  });

  it("a payment taken offline yesterday is recorded once, received yesterday; an overpayment is refused and writes nothing", async () => {
    const p = await people();
    const v = await completedVisitWithDraft(p);
    const s = await getSettings();
    const yesterday = DateTime.now().setZone(s.timeZone).minus({ days: 1 });
    const input = { method: "cash", amount: "1.00", reference: "", clientRef: uuidv7() };
    const w = write("payment.record", v.visitId, input, { madeAt: yesterday.toISO() });
    expect(await applyFieldWrite(p.tech, w)).toMatchObject({ status: 200, replayed: false });
    expect(await applyFieldWrite(p.tech, w)).toMatchObject({ status: 200, replayed: true });
    const db = await getDb();
    const paid = await db.select({ on: payments.receivedOn, cents: payments.amountCents }).from(payments).where(eq(payments.invoiceId, v.invoiceId));
    expect(paid).toEqual([{ on: yesterday.toISODate(), cents: 100 }]);
    const over = await applyFieldWrite(p.tech, write("payment.record", v.visitId, { ...input, amount: "999999.00", clientRef: uuidv7() }));
    expect(over.status).toBe(422);
    expect(over.body).toMatchObject({ detail: expect.stringMatching(/more than the balance/) });
    expect(await db.select({ id: payments.id }).from(payments).where(eq(payments.invoiceId, v.invoiceId))).toHaveLength(1);
  });
});
