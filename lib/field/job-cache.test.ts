import { eq, sql, TransactionRollbackError } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { getDb, type Database } from "@/db/client";
import { fieldJobCache, users, visits } from "@/db/schema";
import type { Actor } from "@/lib/auth/permissions";
import { saveEstimateLines, startEstimate } from "@/lib/billing/estimates";
import { storeBackup } from "@/lib/backups/store";
import { NotFoundError } from "@/lib/platform/errors";
import { queryRows } from "@/db/client";
import { attempt, scenario, TINY_PNG } from "@/test/support/field";
import { makeVisit } from "@/test/support/factories";
import { logAttempt, correctAttempt } from "./attempts";
import { recordAuthorization } from "./authorization";
import { answerChecklist } from "./checklist";
import { lookupQuery, MAX_AGE_MS, pruneJobCache, validUntil } from "./job-cache";
import { advanceVisit, STATUS_UNDO_SECONDS } from "./status";
import { buildFieldJob, getFieldJob, getFieldJobJson } from "./sync";

const served = async (actor: Actor, visitId: string, now: Date) => {
  const { fetchedAt, ...job } = await getFieldJob(actor, visitId, now);
  expect(fetchedAt).toBe(now.toISOString());
  return job;
};
const fresh = (actor: Actor, visitId: string, now: Date) => buildFieldJob(actor, visitId, now);
const exec = async (q: ReturnType<typeof sql>) => void (await (await getDb()).execute(q));
const cacheRow = async (visitId: string) => (await getDb()).select().from(fieldJobCache).where(eq(fieldJobCache.visitId, visitId));

describe("the job for the phone is stored and served while nothing it was built from changes", () => {
  it("a second sync is served from the store, with this request's fetchedAt", async () => {
    const s = await scenario({ authorized: true });
    const first = await served(s.tech, s.visitId, s.startsAt);
    expect(first).toEqual(await fresh(s.tech, s.visitId, s.startsAt));
    const [row] = await cacheRow(s.visitId);
    expect(row).toMatchObject({ viewerId: s.tech.id, viewerRole: "technician" });
    // What is stored is what is served: mark the stored body and ask again.
    await exec(sql`UPDATE field_job_cache SET body = '{"marker":1}' WHERE visit_id = ${s.visitId}`);
    const later = new Date(s.startsAt.getTime() + 1000);
    expect(JSON.parse(await getFieldJobJson(s.tech, s.visitId, later))).toEqual({ marker: 1, fetchedAt: later.toISOString() });
    // A copy another build made (a deploy since) is not served.
    await exec(sql`UPDATE field_job_cache SET fingerprint = split_part(fingerprint, ':', 1) || ':another-build' WHERE visit_id = ${s.visitId}`);
    expect(await served(s.tech, s.visitId, later)).toEqual(first);
    await exec(sql`UPDATE field_job_cache SET body = '{"marker":2}' WHERE visit_id = ${s.visitId}`);
    expect(JSON.parse(await getFieldJobJson(s.tech, s.visitId, later))).toMatchObject({ marker: 2 });
    // Turned off, every request builds (and stores nothing).
    process.env.FIELDKEY_JOB_CACHE = "off";
    try {
      expect(await served(s.tech, s.visitId, later)).toEqual(first);
    } finally {
      delete process.env.FIELDKEY_JOB_CACHE;
    }
    // Past its time it is built again.
    const [now] = await cacheRow(s.visitId);
    expect(await served(s.tech, s.visitId, new Date(now!.validUntil.getTime() + 1))).toMatchObject({ visit: { id: s.visitId } });
  });

  it("every change to what the job reads is served at once (the served job equals a fresh build after each)", async () => {
    const s = await scenario({ authorized: false });
    const db = await getDb();
    const now = s.startsAt;
    let before = await served(s.tech, s.visitId, now);
    const changes: [string, () => Promise<unknown>][] = [
      ["visit notes", () => exec(sql`UPDATE visits SET booking_notes = 'Gate code 4411' WHERE id = ${s.visitId}`)],
      ["technician's name", () => exec(sql`UPDATE users SET name = 'Renamed Tech' WHERE id = ${s.tech.id}`)],
      ["customer's phone", () => exec(sql`UPDATE customers SET phone = '+1 555 0199' WHERE id = ${s.customer.customerId}`)],
      ["site", () => exec(sql`UPDATE sites SET city = 'Elsewhere' WHERE id = (SELECT site_id FROM visits WHERE id = ${s.visitId})`)],
      ["device facts", () => exec(sql`UPDATE devices SET model = 'DHI-NVR4108HS' WHERE id = ${s.dahua}`)],
      ["visit device", () => exec(sql`UPDATE visit_devices SET problem = 'Forgot the pattern' WHERE device_id = ${s.hik}`)],
      [
        "authorization",
        () => recordAuthorization(s.tech, { visitId: s.visitId, personName: "Carla Owner", relationship: "owner", mode: "signature", signature: TINY_PNG }),
      ],
      ["attempt", () => logAttempt(s.tech, attempt(s.visitId, s.dahua), null, now)],
      [
        "attempt corrected",
        async () =>
          correctAttempt(s.tech, {
            attemptId: await firstAttempt(db, s.visitId),
            methodId: "dahua_qr_dmss",
            outcome: "failed",
            durationSeconds: 420,
            notes: "QR was blurred",
          }),
      ],
      ["checklist", () => answerChecklist(s.tech, { visitId: s.visitId, patternLockSet: "yes", configExported: "no", recoveryEmailUpdated: "na" })],
      [
        "config backup",
        () =>
          storeBackup(s.tech, {
            deviceId: s.lorex,
            visitId: s.visitId,
            kind: "config",
            filename: "lorex.bin",
            contentType: "application/octet-stream",
            bytes: Buffer.from("cfg"),
          }),
      ],
      ["estimate", () => startEstimate(s.admin, { visitId: s.visitId })],
      [
        "estimate lines",
        async () =>
          saveEstimateLines(s.admin, {
            estimateId: (await queryRows<{ id: string }>(db, sql`SELECT id FROM estimates WHERE visit_id = ${s.visitId}`))[0]!.id,
            lines: [{ kind: "adjustment", description: "Work", quantity: 1, unitPrice: "90.00", taxable: true }],
          }),
      ],
      ["playbook catalogue", () => exec(sql`UPDATE recovery_methods SET typical_time = typical_time || ' (measured)' WHERE id = 'dahua_qr_dmss'`)],
      ["company settings", () => exec(sql`UPDATE settings SET value = '96'::jsonb WHERE key = 'vendorCaseDueHours'`)],
    ];
    try {
      for (const [what, change] of changes) {
        await change();
        const after = await served(s.tech, s.visitId, now);
        expect(after, what).toEqual(await fresh(s.tech, s.visitId, now));
        expect(after, `${what} changes the job`).not.toEqual(before);
        before = after;
      }
    } finally {
      await exec(sql`UPDATE recovery_methods SET typical_time = replace(typical_time, ' (measured)', '') WHERE id = 'dahua_qr_dmss'`);
      await exec(sql`DELETE FROM settings WHERE key = 'vendorCaseDueHours'`);
    }
  });

  it("an attempt on the same device at another visit, and one anywhere that moves the success figures, are served at once", async () => {
    const s = await scenario({ authorized: true });
    const now = s.startsAt;
    const before = await served(s.tech, s.visitId, now);
    const other = await makeVisit({
      customerId: s.customer.customerId!,
      technicianId: s.otherTech.id,
      startsAt: new Date(now.getTime() + 30 * 24 * 3_600_000),
      status: "on_site",
      deviceIds: [s.hik],
    });
    await recordAuthorization(s.otherTech, { visitId: other, personName: "Carla Owner", relationship: "owner", mode: "signature", signature: TINY_PNG });
    await logAttempt(s.otherTech, { ...attempt(other, s.hik), methodId: "hik_security_questions", outcome: "succeeded" });
    const after = await served(s.tech, s.visitId, now);
    expect(after).toEqual(await fresh(s.tech, s.visitId, now));
    expect(after).not.toEqual(before);
  });

  it("time-dependent parts: the undo window closing and the next day are never served from an older build", async () => {
    const s = await scenario({ status: "scheduled" });
    const tapped = await advanceVisit(s.tech, { visitId: s.visitId, to: "en_route" }, null, s.startsAt);
    const inWindow = await served(s.tech, s.visitId, new Date(s.startsAt.getTime() + 1000));
    expect(inWindow.undo).toMatchObject({ to: "en_route", undoUntil: tapped.undoUntil });
    const [row] = await cacheRow(s.visitId);
    expect(row!.validUntil.toISOString()).toBe(tapped.undoUntil);
    const after = new Date(s.startsAt.getTime() + (STATUS_UNDO_SECONDS + 1) * 1000);
    expect((await served(s.tech, s.visitId, after)).undo).toBeNull();
  });

  it("validUntil: the soonest of the next midnight, an undo window, an open case's due time and the maximum age", () => {
    const now = new Date("2031-05-01T12:00:00Z");
    const base = { timeZone: "America/New_York", undo: null, devices: [] };
    expect(validUntil(base, now).getTime()).toBe(now.getTime() + MAX_AGE_MS);
    // 23:58 in New York: midnight comes first.
    expect(validUntil(base, new Date("2031-05-02T03:58:00Z")).toISOString()).toBe("2031-05-02T04:00:00.000Z");
    expect(validUntil({ ...base, undo: { undoUntil: "2031-05-01T12:00:10.000Z" } }, now).toISOString()).toBe("2031-05-01T12:00:10.000Z");
    const due = { openCase: { dueAt: "2031-05-01T12:01:00.000Z" } };
    expect(validUntil({ ...base, devices: [{ openCase: null }, due] }, now).toISOString()).toBe("2031-05-01T12:01:00.000Z");
    // A case already overdue changes nothing more.
    expect(validUntil({ ...base, devices: [{ openCase: { dueAt: "2031-05-01T11:00:00.000Z" } }] }, now).getTime()).toBe(now.getTime() + MAX_AGE_MS);
  });

  it("never someone else's: another technician, a reassigned visit, a changed role and a customer get 'not found' or 'forbidden'", async () => {
    const s = await scenario({ authorized: true });
    await served(s.tech, s.visitId, s.startsAt); // stored for s.tech
    await expect(getFieldJob(s.otherTech, s.visitId, s.startsAt)).rejects.toBeInstanceOf(NotFoundError);
    await expect(getFieldJob(s.customer, s.visitId, s.startsAt)).rejects.toThrow();
    const db = await getDb();
    await db.update(visits).set({ technicianId: s.otherTech.id }).where(eq(visits.id, s.visitId));
    await expect(getFieldJob(s.tech, s.visitId, s.startsAt)).rejects.toBeInstanceOf(NotFoundError);
    expect(await served(s.otherTech, s.visitId, s.startsAt)).toMatchObject({ viewerId: s.otherTech.id });
    // The same person in another role: the row stored for their technician self does not serve.
    await db.update(users).set({ role: "admin" }).where(eq(users.id, s.otherTech.id));
    const asAdmin = { ...s.otherTech, role: "admin" as const };
    expect(await served(asAdmin, s.visitId, s.startsAt)).toEqual(await fresh(asAdmin, s.visitId, s.startsAt));
    expect(await cacheRow(s.visitId)).toContainEqual(expect.objectContaining({ viewerId: s.otherTech.id, viewerRole: "admin" }));
  });

  it("the fingerprint covers every table a build reads (a table added to the job without it would be served stale)", async () => {
    const s = await scenario({ authorized: true });
    const db = (await getDb()) as Database & { session: { prepareQuery: (q: { sql: string }, ...rest: unknown[]) => unknown } };
    const seen: string[] = [];
    const original = db.session.prepareQuery.bind(db.session);
    db.session.prepareQuery = (q, ...rest) => (seen.push(q.sql), original(q, ...rest));
    try {
      await buildFieldJob(s.admin, s.visitId, s.startsAt);
    } finally {
      db.session.prepareQuery = original;
    }
    const tables = new Set((await queryRows<{ t: string }>(db, sql`SELECT tablename AS t FROM pg_tables WHERE schemaname = 'public'`)).map((r) => r.t));
    const read = new Set(seen.flatMap((q) => [...q.matchAll(/\b(?:from|join)\s+"?(\w+)"?/gi)].map((m) => m[1]!)).filter((t) => tables.has(t)));
    // Covered: a table whose every insert, update and delete (and truncate) gives the job a new version, or one the
    // fingerprint reads itself. The success figures: by their change log's sequence and the rollup state.
    const touched = await queryRows<{ t: string; events: string }>(
      db,
      sql`SELECT c.relname AS t, string_agg(DISTINCT e, ',' ORDER BY e) AS events
          FROM pg_trigger g JOIN pg_class c ON c.oid = g.tgrelid JOIN pg_proc p ON p.oid = g.tgfoid
          CROSS JOIN LATERAL unnest(ARRAY[
            CASE WHEN g.tgtype & 4 <> 0 THEN 'insert' END, CASE WHEN g.tgtype & 8 <> 0 THEN 'delete' END,
            CASE WHEN g.tgtype & 16 <> 0 THEN 'update' END, CASE WHEN g.tgtype & 32 <> 0 THEN 'truncate' END]) e
          WHERE p.proname = 'field_job_touch' AND e IS NOT NULL AND NOT g.tgisinternal GROUP BY c.relname`,
    );
    const everyWrite = new Set(touched.filter((r) => r.events === "delete,insert,truncate,update").map((r) => r.t));
    const [fn] = await queryRows<{ def: string }>(db, sql`SELECT pg_get_functiondef('field_job_fingerprint(uuid)'::regprocedure) AS def`);
    const viaChangeLog = new Set(["report_cum", "report_keys", "report_devkeys", "report_profiles", "report_deltas"]);
    // users: inserts cannot change a built job (a new person is in none); every other write is covered.
    const missing = [...read].filter((t) => !viaChangeLog.has(t) && !everyWrite.has(t) && t !== "users" && !new RegExp(`\\b${t}\\b`).test(fn!.def));
    expect(read.size).toBeGreaterThan(10);
    expect(missing).toEqual([]);
    expect(touched.find((r) => r.t === "users")?.events).toBe("delete,truncate,update");
  });

  it("a sign-in elsewhere (last_login_at) keeps the stored copy; any other change to a person is served at once", async () => {
    const s = await scenario({ authorized: true });
    await served(s.tech, s.visitId, s.startsAt);
    await exec(sql`UPDATE field_job_cache SET body = '{"marker":1}' WHERE visit_id = ${s.visitId}`);
    await exec(sql`UPDATE users SET last_login_at = now() WHERE id IN (${s.tech.id}, ${s.admin.id})`);
    expect(JSON.parse(await getFieldJobJson(s.tech, s.visitId, s.startsAt))).toMatchObject({ marker: 1 });
    await exec(sql`UPDATE users SET phone = '+1 555 0100' WHERE id = ${s.admin.id}`);
    expect(await served(s.tech, s.visitId, s.startsAt)).toEqual(await fresh(s.tech, s.visitId, s.startsAt));
  });

  it("a lookup computes the fingerprint once (inlined into the join as well, it cost the phone's sync twice)", async () => {
    const s = await scenario({ authorized: true });
    await served(s.tech, s.visitId, s.startsAt);
    const [stored] = await cacheRow(s.visitId);
    const build = stored!.fingerprint.split(":")[1]!;
    const params = { visit: s.visitId, viewer: s.tech.id, role: s.tech.role, build, now: s.startsAt.toISOString() };
    let calls: string | undefined;
    try {
      await (
        await getDb()
      ).transaction(async (tx) => {
        // Count the calls: the function behind a counting one of the same name and kind, rolled back after.
        await tx.execute(sql`CREATE TEMP SEQUENCE fingerprint_calls`);
        await tx.execute(sql`ALTER FUNCTION field_job_fingerprint(uuid) RENAME TO field_job_fingerprint_counted`);
        await tx.execute(
          sql.raw(`CREATE FUNCTION field_job_fingerprint(v uuid) RETURNS text LANGUAGE plpgsql STABLE AS $$
            BEGIN PERFORM nextval('fingerprint_calls'); RETURN field_job_fingerprint_counted(v); END $$`),
        );
        const [hit] = await lookupQuery(tx, params);
        expect(hit!.body).not.toBeNull();
        const [n] = await queryRows<{ n: string }>(tx, sql`SELECT last_value::text AS n FROM fingerprint_calls`);
        calls = n!.n;
        tx.rollback();
      });
    } catch (err) {
      if (!(err instanceof TransactionRollbackError)) throw err;
    }
    expect(calls).toBe("1");
  });

  it("rows past their time are pruned", async () => {
    const s = await scenario({ authorized: true });
    await served(s.tech, s.visitId, s.startsAt);
    const [row] = await cacheRow(s.visitId);
    await pruneJobCache(await getDb(), new Date(row!.validUntil.getTime() - 1));
    expect(await cacheRow(s.visitId)).toHaveLength(1);
    expect(await pruneJobCache(await getDb(), row!.validUntil)).toBeGreaterThanOrEqual(1);
    expect(await cacheRow(s.visitId)).toHaveLength(0);
  });
});

async function firstAttempt(db: Database, visitId: string) {
  const [a] = await queryRows<{ id: string }>(db, sql`SELECT id FROM attempts WHERE visit_id = ${visitId} ORDER BY seq LIMIT 1`);
  return a!.id;
}
