/**
 * Property: after any sequence of inserts, corrections (outcome, method,
 * duration, time, technician), deletes, device corrections (brand, kind,
 * model, firmware, recovery options, warranty seal), visit status changes,
 * follow-ups, vendor cases and time-zone changes (applied in steps, with
 * writes in between), the report read from the rollups equals the report
 * read from the raw facts for every kind of filter, also in the middle of a
 * time-zone change; and once the change is done, the rollups equal a full
 * recomputation (reports_rebuild). Each run happens in a transaction that is
 * rolled back.
 */
import { and, eq, sql, TransactionRollbackError } from "drizzle-orm";
import fc from "fast-check";
import { beforeAll, describe, expect, it } from "vitest";
import { getDb, type Tx } from "@/db/client";
import { attempts, devices, settings, vendorCases, visits, type AttemptOutcome } from "@/db/schema";
import { RECOVERY_OPTIONS, WARRANTY_SEALS } from "@/lib/values";
import { makeDevice, makeUser, makeVisit } from "@/test/support/factories";
import { loadReport } from "./data";
import { queryRows } from "./queries";
import { addAttempt, everyKindOfFilter, snapshotRollups } from "@/test/support/reports";

const METHODS = ["dahua_qr_dmss", "dahua_reset_button", "dahua_configtool_xml", "hik_guid_file", "hik_sadp_export", "lorex_app_temp_password", "other"];
const OUTCOMES: AttemptOutcome[] = ["succeeded", "failed", "waiting_vendor", "abandoned"];
const BRANDS = ["dahua", "hikvision", "lorex"] as const;
const KINDS = ["dvr", "nvr", "camera"] as const;
const MODELS = ["DHI-NVR4108HS", "DS-7608NI-K2", "ds-7608ni-k2 ", "N841", null] as const;
const FIRMWARES = [null, "V4.001.0000", "v4.2", "2.800"] as const;
// whole-hour, half-hour and 45-minute offsets, both hemispheres
const ZONES = ["America/New_York", "America/Chicago", "Asia/Kathmandu", "Australia/Adelaide", "Europe/London", "Pacific/Chatham"];
const BASE = Date.UTC(2025, 0, 6, 12);

let techs: string[] = [];
let deviceIds: string[] = [];
const visitIds: string[] = [];
/** [visit, device] pairs that exist in visit_devices. */
const pairs: [string, string][] = [];

beforeAll(async () => {
  techs = [(await makeUser("technician")).id, (await makeUser("technician")).id];
  const customerId = (await makeUser("customer")).customerId!;
  deviceIds = [
    await makeDevice(customerId, { brand: "dahua", kind: "nvr" }),
    await makeDevice(customerId, { brand: "hikvision", kind: "dvr" }),
    await makeDevice(customerId, { brand: "lorex", kind: "camera" }),
    await makeDevice(customerId, { brand: "dahua", kind: "camera" }),
  ];
  for (let i = 0; i < 4; i++) {
    const ids = i === 0 ? deviceIds : [deviceIds[i % 4]!, ...(i === 3 ? [deviceIds[0]!] : [])];
    visitIds.push(
      await makeVisit({ customerId, technicianId: techs[i % 2]!, startsAt: new Date(BASE + i * 3 * 86_400_000), status: "completed", deviceIds: ids }),
    );
    for (const d of ids) pairs.push([visitIds[i]!, d]);
  }
});

const pick = <T>(xs: readonly T[], i: number) => xs[i % xs.length]!;
const minutes = fc.option(fc.integer({ min: 0, max: 1440 }), { nil: null });
// hours from BASE; minutes as well, so that facts land near local midnights
const when = fc.integer({ min: 0, max: 24 * 60 * 90 });

const op = fc.oneof(
  {
    weight: 5,
    arbitrary: fc.record({ t: fc.constant("insert" as const), pair: fc.nat(), method: fc.nat(), outcome: fc.nat(), min: minutes, at: when, tech: fc.nat() }),
  },
  {
    weight: 4,
    arbitrary: fc.record({
      t: fc.constant("correct" as const),
      target: fc.nat(),
      outcome: fc.option(fc.nat(), { nil: undefined }),
      method: fc.option(fc.nat(), { nil: undefined }),
      min: fc.option(minutes, { nil: undefined }),
      at: fc.option(when, { nil: undefined }),
      tech: fc.option(fc.nat(), { nil: undefined }),
    }),
  },
  { weight: 2, arbitrary: fc.record({ t: fc.constant("delete" as const), target: fc.nat() }) },
  {
    weight: 2,
    arbitrary: fc.record({
      t: fc.constant("device" as const),
      device: fc.nat(),
      brand: fc.option(fc.nat(), { nil: undefined }),
      kind: fc.option(fc.nat(), { nil: undefined }),
      model: fc.option(fc.nat(), { nil: undefined }),
      firmware: fc.option(fc.nat(), { nil: undefined }),
      options: fc.option(fc.nat({ max: 63 }), { nil: undefined }),
      seal: fc.option(fc.nat(), { nil: undefined }),
    }),
  },
  { weight: 1, arbitrary: fc.record({ t: fc.constant("status" as const), visit: fc.nat(), completed: fc.boolean() }) },
  { weight: 1, arbitrary: fc.record({ t: fc.constant("followUp" as const), visit: fc.nat(), parent: fc.option(fc.nat(), { nil: null }) }) },
  {
    weight: 2,
    arbitrary: fc.record({ t: fc.constant("vendor" as const), target: fc.nat(), hours: fc.option(fc.integer({ min: 1, max: 400 }), { nil: null }) }),
  },
  { weight: 1, arbitrary: fc.record({ t: fc.constant("timeZone" as const), zone: fc.nat() }) },
  { weight: 2, arbitrary: fc.record({ t: fc.constant("step" as const), rows: fc.integer({ min: 1, max: 4 }) }) },
  { weight: 1, arbitrary: fc.record({ t: fc.constant("compact" as const) }) },
);
type Op = typeof op extends fc.Arbitrary<infer T> ? T : never;

async function attemptIds(tx: Tx) {
  return (await tx.select({ id: attempts.id }).from(attempts).orderBy(attempts.createdAt, attempts.id)).map((r) => r.id);
}

const atOf = (m: number) => new Date(BASE + m * 60_000);

async function apply(tx: Tx, o: Op) {
  switch (o.t) {
    case "insert": {
      const [visitId, deviceId] = pick(pairs, o.pair);
      await addAttempt(
        {
          visitId,
          deviceId,
          technicianId: pick(techs, o.tech),
          methodId: pick(METHODS, o.method),
          outcome: pick(OUTCOMES, o.outcome),
          durationMinutes: o.min,
          startedAt: atOf(o.at),
        },
        tx,
      );
      return;
    }
    case "correct": {
      const ids = await attemptIds(tx);
      if (!ids.length) return;
      const patch: Partial<typeof attempts.$inferInsert> = { updatedAt: new Date() };
      if (o.outcome !== undefined) patch.outcome = pick(OUTCOMES, o.outcome);
      if (o.method !== undefined) patch.methodId = pick(METHODS, o.method);
      if (o.min !== undefined) patch.durationSeconds = o.min === null ? null : o.min * 60;
      if (o.at !== undefined) patch.startedAt = atOf(o.at);
      if (o.tech !== undefined) patch.technicianId = pick(techs, o.tech);
      if (patch.startedAt || patch.durationSeconds !== undefined) patch.endedAt = null;
      await tx
        .update(attempts)
        .set(patch)
        .where(eq(attempts.id, pick(ids, o.target)));
      return;
    }
    case "delete": {
      const ids = await attemptIds(tx);
      if (!ids.length) return;
      const id = pick(ids, o.target);
      await tx.delete(vendorCases).where(eq(vendorCases.attemptId, id));
      await tx.delete(attempts).where(eq(attempts.id, id));
      return;
    }
    case "device": {
      const patch: Partial<typeof devices.$inferInsert> = {};
      if (o.brand !== undefined) patch.brand = pick(BRANDS, o.brand);
      if (o.kind !== undefined) patch.kind = pick(KINDS, o.kind);
      if (o.model !== undefined) patch.model = pick(MODELS, o.model);
      if (o.firmware !== undefined) patch.firmware = pick(FIRMWARES, o.firmware);
      if (o.options !== undefined)
        patch.recoveryOptions = Object.fromEntries(RECOVERY_OPTIONS.map((k, i) => [k, o.options! & (1 << i) ? "yes" : i % 2 ? "no" : "unknown"]));
      if (o.seal !== undefined) patch.warrantySeal = pick(WARRANTY_SEALS, o.seal);
      if (!Object.keys(patch).length) return;
      await tx
        .update(devices)
        .set(patch)
        .where(eq(devices.id, pick(deviceIds, o.device)));
      return;
    }
    case "status":
      await tx
        .update(visits)
        .set({ status: o.completed ? "completed" : "cancelled" })
        .where(eq(visits.id, pick(visitIds, o.visit)));
      return;
    case "followUp": {
      const v = pick(visitIds, o.visit);
      const parent = o.parent === null ? null : pick(visitIds, o.parent);
      await tx
        .update(visits)
        .set({ followUpOf: parent === v ? null : parent })
        .where(eq(visits.id, v));
      return;
    }
    case "vendor": {
      const ids = await attemptIds(tx);
      if (!ids.length) return;
      const id = pick(ids, o.target);
      const [a] = await tx.select({ visitId: attempts.visitId, deviceId: attempts.deviceId }).from(attempts).where(eq(attempts.id, id));
      const sentAt = new Date(BASE);
      const result = o.hours === null ? null : new Date(BASE + o.hours * 3600_000);
      const [existing] = await tx
        .select({ id: vendorCases.id })
        .from(vendorCases)
        .where(and(eq(vendorCases.attemptId, id)));
      if (existing) await tx.update(vendorCases).set({ resultReceivedAt: result }).where(eq(vendorCases.id, existing.id));
      else
        await tx.insert(vendorCases).values({
          attemptId: id,
          visitId: a!.visitId,
          deviceId: a!.deviceId,
          vendor: "hikvision",
          whatWasSent: "x",
          sentAt,
          dueAt: new Date(BASE + 48 * 3600_000),
          resultReceivedAt: result,
        });
      return;
    }
    case "timeZone":
      await tx
        .insert(settings)
        .values({ key: "timeZone", value: pick(ZONES, o.zone) })
        .onConflictDoUpdate({ target: settings.key, set: { value: pick(ZONES, o.zone) } });
      return;
    case "step":
      await queryRows(tx, sql`SELECT reports_migrate_step(${o.rows}::int)`);
      return;
    case "compact":
      await queryRows(tx, sql`SELECT reports_compact()`);
      return;
  }
}

async function finish(tx: Tx) {
  for (let i = 0; i < 100; i++) {
    const [r] = await queryRows<{ more: boolean }>(tx, sql`SELECT reports_migrate_step(3) AS more`);
    if (!r?.more) return;
  }
  throw new Error("the time-zone change did not finish");
}

describe("rollups (property)", () => {
  // 30 random histories with reads and a rebuild each: generous time on a loaded 2-core machine
  it("equal the raw facts for every filter (also mid time-zone change), and a full recomputation once done", { timeout: 180_000 }, async () => {
    const db = await getDb();
    await fc.assert(
      fc.asyncProperty(fc.array(op, { minLength: 1, maxLength: 25 }), fc.nat(), async (ops, seed) => {
        try {
          await db.transaction(async (tx) => {
            for (const o of ops) await apply(tx, o);
            const all = everyKindOfFilter(techs);
            for (const f of [all[seed % all.length]!, all[(seed + 5) % all.length]!, all[(seed + 9) % all.length]!]) {
              const raw = await loadReport(tx, f, "raw");
              const rolled = await loadReport(tx, f, "rollups");
              expect({ ...rolled, source: "raw" }, JSON.stringify(f)).toEqual(raw);
            }
            await finish(tx);
            await queryRows(tx, sql`SELECT reports_compact()`);
            const incremental = await snapshotRollups(tx);
            await queryRows(tx, sql`SELECT reports_rebuild()`);
            expect(incremental).toEqual(await snapshotRollups(tx));
            tx.rollback();
          });
        } catch (err) {
          if (!(err instanceof TransactionRollbackError)) throw err;
        }
      }),
      { numRuns: 30 },
    );
    // the runs left nothing behind
    expect(await queryRows<{ n: number }>(db, sql`SELECT count(*)::int AS n FROM report_attempts`)).toEqual([{ n: 0 }]);
  });

  it("a forced rebuild of a non-empty database changes nothing", async () => {
    const db = await getDb();
    const [visitId, deviceId] = pairs[0]!;
    await addAttempt({ visitId, deviceId, technicianId: techs[0]!, methodId: "dahua_qr_dmss", outcome: "succeeded", durationMinutes: 7 });
    await queryRows(db, sql`SELECT reports_compact()`);
    const before = await snapshotRollups(db);
    expect(before.report_attempts).toHaveLength(1);
    expect(before.report_cum!.length).toBeGreaterThan(0);
    await queryRows(db, sql`SELECT reports_rebuild()`);
    expect(await snapshotRollups(db)).toEqual(before);
  });
});
