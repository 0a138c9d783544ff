import { createHash, randomBytes, randomUUID } from "node:crypto";
import fs from "node:fs";
import path from "node:path";
import { expect, test } from "@playwright/test";
import { bookingKeyFor } from "../lib/api/idempotency";
import { storedBookingKey } from "../lib/booking/idempotency";
import { bookingBody, checkFaults, faultPort, freshTarget, seedFaults, signInCookie, sleep } from "./support/faults";
import { groupAlive, readLog, startServer, stopServer, waitForHealth } from "./support/server";

/**
 * Kill -9 in the middle of a stream of writes, on the database of this pass
 * (PGlite without DATABASE_URL, PostgreSQL with it): bookings (POST
 * /api/v1/visits with an Idempotency-Key), attempts (POST
 * /api/v1/visits/:id/attempts) and backup uploads (POST /api/backups,
 * streamed). Each write is one transaction in lib/ (bookVisit: visit +
 * visit_devices + confirmation mail + audit + webhook delivery; logAttempt:
 * attempt + audit; storeBackup: sealed bytes + audit + webhook delivery).
 * After SIGKILL of the whole process group and a restart on the same data:
 * the database opens, every acknowledged write is there, and every row that
 * exists (acknowledged or not) is whole.
 */
const KIND = process.env.DATABASE_URL ? "PostgreSQL" : "PGlite";
const WORKERS = 6; // two per kind of write
const MAX_OPS_PER_WORKER = 60;
const MIN_ACKED = 15; // acknowledged writes before the kill

type Op = { kind: "booking" | "attempt" | "backup"; header?: string; body?: unknown; sha256?: string; id?: string; status?: number | "error" };

const sha = (b: Buffer) => createHash("sha256").update(b).digest("hex");

test(`kill -9 during bookings, attempts and backup uploads loses no acknowledged write and leaves nothing half-written (${KIND})`, async () => {
  test.setTimeout(150_000);
  const t0 = Date.now();
  const target = await freshTarget("kill");
  // Webhook deliveries are part of the transactions checked here; nothing listens on the port (they stay due).
  const fx = seedFaults(target, `http://127.0.0.1:${faultPort("webhook")}/unused`);
  const marks: string[] = [`seeded ${Date.now() - t0}`];
  const port = faultPort("kill");
  const base = `http://127.0.0.1:${port}`;
  let server = startServer(port, target.env, "faults-kill-1.log");
  try {
    await waitForHealth(port, 90_000);
    marks.push(`healthy ${Date.now() - t0}`);
    const cookie = await signInCookie(base, fx.techEmail); // Tom is on the visit whose device takes the uploads
    const api = { Authorization: `Bearer ${fx.token}`, "Content-Type": "application/json" };
    const ops: Op[] = [];
    let nextSlot = 0;
    let stop = false;
    let acked = 0;

    async function one(kind: Op["kind"]) {
      const op: Op = { kind };
      ops.push(op);
      let res: Response;
      try {
        if (kind === "booking") {
          const n = nextSlot++;
          if (n >= fx.slots.length) throw new Error("out of slots");
          op.header = randomUUID();
          op.body = bookingBody(fx.customerId, fx.slots[n]!, n);
          res = await fetch(`${base}/api/v1/visits`, { method: "POST", headers: { ...api, "Idempotency-Key": op.header }, body: JSON.stringify(op.body) });
        } else if (kind === "attempt") {
          res = await fetch(`${base}/api/v1/visits/${fx.onSite.visitId}/attempts`, {
            method: "POST",
            headers: api,
            body: JSON.stringify({ deviceId: fx.onSite.deviceId, methodId: "dahua_qr_dmss", outcome: "failed", durationSeconds: 60 }),
          });
        } else {
          const bytes = randomBytes(256 * 1024 + Math.floor(Math.random() * 1024 * 1024));
          op.sha256 = sha(bytes);
          res = await fetch(`${base}/api/backups?deviceId=${fx.onSite.deviceId}&visitId=${fx.onSite.visitId}&kind=config`, {
            method: "POST",
            headers: { Cookie: cookie, Origin: base, "Content-Type": "application/octet-stream", "X-Filename": "config.bin" },
            body: bytes,
          });
        }
        op.status = res.status;
        const json = (await res.json()) as { visitId?: string; attemptId?: string; id?: string };
        if (res.status >= 200 && res.status < 300) {
          op.id = json.visitId ?? json.attemptId ?? json.id;
          acked++;
        }
      } catch {
        op.status = "error"; // no answer: the server died with this request in flight
      }
    }

    const kinds: Op["kind"][] = ["booking", "attempt", "backup"];
    const workers = Array.from({ length: WORKERS }, async (_, w) => {
      for (let i = 0; i < MAX_OPS_PER_WORKER && !stop; i++) await one(kinds[w % 3]!);
    });
    // Let writes be acknowledged, then kill while others are in flight.
    const until = Date.now() + 30_000;
    while (acked < MIN_ACKED && Date.now() < until) await sleep(50);
    await sleep(Math.floor(Math.random() * 200));
    stopServer(server.info.pid, "SIGKILL");
    const killedAt = Date.now();
    stop = true;
    await Promise.all(workers);
    await expect.poll(() => groupAlive(server.info.pid), { timeout: 10_000 }).toBe(false);

    const ackedOps = ops.filter((o) => o.id);
    const unanswered = ops.filter((o) => o.status === "error");
    const refused = ops.filter((o) => typeof o.status === "number" && !o.id);
    expect(ackedOps.length).toBeGreaterThanOrEqual(MIN_ACKED);
    expect(unanswered.length, "the kill must hit requests in flight").toBeGreaterThan(0);
    expect(refused, `no write may be refused before the kill: ${JSON.stringify(refused.map((o) => [o.kind, o.status]))}`).toEqual([]);
    if (!process.env.DATABASE_URL) {
      // The embedded database's lock is left behind by the dead process: the restart must take it over.
      const lock = path.join(target.env.FIELDKEY_DATA_DIR!, "pglite.lock");
      expect(Number(fs.readFileSync(lock, "utf8"))).toBeGreaterThan(0);
    }

    // Restart on the same data: it opens (PGlite recovers from its WAL after the unclean stop).
    server = startServer(port, target.env, "faults-kill-2.log");
    const restartStarted = Date.now();
    try {
      await waitForHealth(port, 90_000);
    } catch (err) {
      console.error(readLog(server.info));
      throw err;
    }
    const restartMs = Date.now() - restartStarted;

    // Every acknowledged write is there, seen through the app (the session cookie still works too).
    const replays = ackedOps
      .filter((x) => x.kind === "booking")
      .map(async (o) => {
        const again = await fetch(`${base}/api/v1/visits`, { method: "POST", headers: { ...api, "Idempotency-Key": o.header! }, body: JSON.stringify(o.body) });
        return { status: again.status, body: await again.json() };
      });
    const downloads = ackedOps
      .filter((x) => x.kind === "backup")
      .map(async (o) => {
        const r = await fetch(`${base}/api/backups/${o.id}/download`, { headers: { Cookie: cookie } });
        return { status: r.status, sha256: sha(Buffer.from(await r.arrayBuffer())) };
      });
    const listed: string[] = [];
    for (let cursor = "", page = 0; page < 20; page++) {
      const r = await fetch(`${base}/api/v1/visits/${fx.onSite.visitId}/attempts?limit=100${cursor ? `&cursor=${cursor}` : ""}`, { headers: api });
      expect(r.status).toBe(200);
      const body = (await r.json()) as { data: { id: string }[]; nextCursor: string | null };
      listed.push(...body.data.map((a) => a.id));
      if (!body.nextCursor) break;
      cursor = body.nextCursor;
    }
    expect(listed).toEqual(expect.arrayContaining(ackedOps.filter((x) => x.kind === "attempt").map((o) => o.id)));
    // The same Idempotency-Key answers with the same visit ("replayed"), booking nothing new.
    expect(await Promise.all(replays)).toEqual(
      ackedOps.filter((x) => x.kind === "booking").map((o) => ({ status: 201, body: expect.objectContaining({ visitId: o.id, replayed: true }) })),
    );
    // Each backup decrypts (GCM tag) and matches the sha256 of the bytes we sent.
    expect(await Promise.all(downloads)).toEqual(ackedOps.filter((x) => x.kind === "backup").map((o) => ({ status: 200, sha256: o.sha256 })));
    marks.push(`verified over HTTP ${Date.now() - t0}`);
    stopServer(server.info.pid);
    await expect.poll(() => groupAlive(server.info.pid), { timeout: 15_000 }).toBe(false);
    marks.push(`stopped ${Date.now() - t0}`);

    // Every row the stream created is whole, acknowledged or not.
    const db = checkFaults(target);
    marks.push(`checked ${Date.now() - t0}`);
    // The key as stored: the header as the API names it, then scoped to its caller by bookVisit (finding 10).
    const sentKeys = new Set(ops.filter((o) => o.header).map((o) => storedBookingKey({ id: fx.adminId }, bookingKeyFor(o.header!, `user:${fx.adminId}`))));
    for (const v of db.visits) {
      expect(sentKeys.has(v.idempotencyKey!), `visit ${v.id} comes from a booking we sent`).toBe(true);
      expect(v, `visit ${v.id} is whole`).toMatchObject({ devices: 1, audits: 1, webhooks: 1 });
      expect(v.mails, `visit ${v.id} has its confirmation mail`).toBeGreaterThanOrEqual(1);
    }
    for (const a of db.attempts) expect(a.audits, `attempt ${a.id} has its audit event`).toBe(1);
    expect(db.attempts.map((a) => a.seq).sort((x, y) => x - y)).toEqual(db.attempts.map((_, i) => i + 1));
    for (const b of db.backups) expect(b, `backup ${b.id} is whole and opens`).toMatchObject({ audits: 1, webhooks: 1, opens: true });
    expect(db.backups.map((b) => b.version).sort((x, y) => x - y)).toEqual(db.backups.map((_, i) => i + 1));
    const ids = (k: Op["kind"]) => ackedOps.filter((o) => o.kind === k).map((o) => o.id);
    expect(db.visits.map((v) => v.id)).toEqual(expect.arrayContaining(ids("booking")));
    expect(db.attempts.map((a) => a.id)).toEqual(expect.arrayContaining(ids("attempt")));
    expect(db.backups.map((b) => b.id)).toEqual(expect.arrayContaining(ids("backup")));

    const count = (k: Op["kind"]) => `${k}s ${ops.filter((o) => o.kind === k).length} sent / ${ids(k).length} acked`;
    const inDb = db.visits.length + db.attempts.length + db.backups.length;
    test.info().annotations.push({
      type: "kill-9",
      description:
        `${KIND}: ${count("booking")}, ${count("attempt")}, ${count("backup")}; ${unanswered.length} in flight at the kill ` +
        `(${inDb - ackedOps.length} of them committed, whole); killed ${killedAt - t0} ms into the test; restart to healthy ${restartMs} ms; ms: ${marks.join(", ")}`,
    });
    console.log(`[faults] ${test.info().annotations.at(-1)!.description}`);
  } finally {
    stopServer(server.info.pid, "SIGKILL");
  }
});
