import "fake-indexeddb/auto";
import { v7 as uuidv7 } from "uuid";
import { beforeEach, describe, expect, it } from "vitest";
import { backoffMs, replayOutbox, uploadUrl, type Answer, type Transport, type WireWrite } from "./queue";
import { userStore, type FieldStore, type OutboxItem } from "./store";

const A = "0190aaaa-0000-7000-8000-00000000000a";
const B = "0190bbbb-0000-7000-8000-00000000000b";
let db: FieldStore;
let user: string;

beforeEach(async () => {
  user = crypto.randomUUID();
  db = userStore(user);
  await db.open();
});

async function queue(visitId: string, kind: OutboxItem["kind"] = "attempt.log", over: Partial<OutboxItem> = {}) {
  const item: OutboxItem = {
    id: uuidv7(),
    kind,
    visitId,
    madeAt: new Date().toISOString(),
    input: { n: (await db.outbox.count()) + 1 },
    refs: {},
    summary: kind,
    state: "queued",
    tries: 0,
    nextTryAt: 0,
    lastError: null,
    ...over,
  };
  await db.outbox.add(item);
  return item;
}

/** A server that applies each id once (like field_writes) and can be told to fail. */
function fakeServer(opts: { fail?: (w: WireWrite) => number | "network" | "lost" | undefined } = {}) {
  const applied = new Map<string, number>();
  const calls: string[][] = [];
  const transport: Transport = {
    async sendWrites(writes) {
      calls.push(writes.map((w) => w.id));
      const results = [];
      for (const w of writes) {
        const f = opts.fail?.(w);
        if (f === "network") return { status: 0, body: null, error: "offline" } as Answer;
        if (f === "lost") {
          applied.set(w.id, (applied.get(w.id) ?? 0) + (applied.has(w.id) ? 0 : 1));
          return { status: 0, body: null, error: "response lost" } as Answer;
        }
        if (typeof f === "number" && f >= 500) return { status: f, body: { detail: "down" } };
        if (typeof f === "number") {
          results.push({ id: w.id, status: f, body: { status: f, detail: `refused ${w.id}` } });
          continue;
        }
        if (!applied.has(w.id)) applied.set(w.id, 1);
        results.push({ id: w.id, status: 200, body: { data: { ok: true } } });
      }
      return { status: 200, body: { results } };
    },
    async sendUpload(item) {
      calls.push([`upload:${item.id}`]);
      applied.set(item.id, 1);
      return { status: 201, body: { id: "backup" } };
    },
  };
  return { transport, applied, calls };
}

const states = async () => (await db.outbox.orderBy("seq").toArray()).map((o) => o.state);

describe("the phone's queue", () => {
  it("sends each visit's writes in the order they were made, one visit after another", async () => {
    const a1 = await queue(A);
    const b1 = await queue(B);
    const a2 = await queue(A, "attempt.correct");
    const a3 = await queue(A, "checklist.answer");
    const s = fakeServer();
    const r = await replayOutbox(db, user, s.transport);
    expect(s.calls).toEqual([[a1.id, a2.id, a3.id], [b1.id]]);
    expect(r).toMatchObject({ sent: 4, refused: 0, pending: 0, visits: [A, B] });
    expect(await states()).toEqual(["sent", "sent", "sent", "sent"]);
  });

  it("a failure keeps the visit's writes queued with back-off; other visits go on; nothing is lost", async () => {
    await queue(A);
    await queue(A);
    const b1 = await queue(B);
    let now = 1_000_000;
    let down = true;
    const s = fakeServer({ fail: (w) => (down && w.visitId === A ? 503 : undefined) });
    let r = await replayOutbox(db, user, s.transport, { now: () => now });
    expect(r).toMatchObject({ sent: 1, pending: 2 });
    expect(s.applied.has(b1.id)).toBe(true);
    const a = await db.outbox.where("visitId").equals(A).toArray();
    expect(a.map((o) => [o.state, o.tries, o.nextTryAt])).toEqual([
      ["queued", 1, now + 2000],
      ["queued", 0, 0],
    ]);
    // Before the back-off ends nothing is sent; a forced replay (online again, app opened) goes at once.
    down = false;
    const before = s.calls.length;
    r = await replayOutbox(db, user, s.transport, { now: () => now + 1999 });
    expect(s.calls.length).toBe(before);
    expect(r.pending).toBe(2);
    now += 2001;
    r = await replayOutbox(db, user, s.transport, { now: () => now });
    expect(r).toMatchObject({ sent: 2, pending: 0 });
    expect(await states()).toEqual(["sent", "sent", "sent"]);
  });

  it("back-off doubles from 2 s and stops growing at 5 min", () => {
    expect([1, 2, 3, 4].map(backoffMs)).toEqual([2000, 4000, 8000, 16000]);
    expect(backoffMs(20)).toBe(300_000);
  });

  it("a refused write moves to Needs attention with the server's message; the visit's next writes still go", async () => {
    await queue(A);
    const bad = await queue(A);
    await queue(A);
    const s = fakeServer({ fail: (w) => (w.id === bad.id ? 409 : undefined) });
    const r = await replayOutbox(db, user, s.transport);
    expect(r).toMatchObject({ sent: 2, refused: 1, visits: [A] });
    expect(await states()).toEqual(["sent", "attention", "sent"]);
    const item = await db.outbox.get({ id: bad.id });
    expect(item).toMatchObject({ status: 409, lastError: `refused ${bad.id}` });
  });

  it("a response lost after the server applied it: the retry sends the same id, applied once", async () => {
    const a1 = await queue(A);
    let lose = true;
    const s = fakeServer({ fail: () => (lose ? "lost" : undefined) });
    await replayOutbox(db, user, s.transport);
    expect(await states()).toEqual(["queued"]);
    lose = false;
    await replayOutbox(db, user, s.transport, { force: true });
    expect(s.calls).toEqual([[a1.id], [a1.id]]);
    expect(s.applied.get(a1.id)).toBe(1);
    expect(await states()).toEqual(["sent"]);
  });

  it("signed out (401): stops and keeps everything queued", async () => {
    await queue(A);
    await queue(B);
    const transport: Transport = {
      sendWrites: async () => ({ status: 401, body: { detail: "Please sign in." } }),
      sendUpload: async () => ({ status: 401, body: null }),
    };
    const r = await replayOutbox(db, user, transport);
    expect(r.authRequired).toBe(true);
    expect(await states()).toEqual(["queued", "queued"]);
    expect((await db.outbox.toArray()).every((o) => o.tries === 0)).toBe(true);
  });

  it("a queued file goes before the writes made after it, and its bytes leave the phone once sent", async () => {
    await db.files.add({ id: "f1", name: "cfg.bin", type: "application/octet-stream", size: 3, data: new Uint8Array([1, 2, 3]).buffer });
    const up = await queue(A, "backup.upload", { fileId: "f1" });
    const attach = await queue(A, "vendor_case.attach_file", { refs: { backupId: up.id } });
    const s = fakeServer();
    await replayOutbox(db, user, s.transport);
    expect(s.calls).toEqual([[`upload:${up.id}`], [attach.id]]);
    expect(await db.files.count()).toBe(0);
  });

  it("a queued device photo is an upload of its own (POST /api/photos with what it shows and its shot time), sent in its place", async () => {
    await db.files.add({ id: "p1", name: "IMG_0001.jpg", type: "image/jpeg", size: 3, data: new Uint8Array([0xff, 0xd8, 0xff]).buffer });
    const before = await queue(A, "device.update");
    const photo = await queue(A, "photo.upload", {
      fileId: "p1",
      upload: { deviceId: B, kind: "photo", filename: "IMG_0001.jpg", contentType: "image/jpeg", size: 3, photoKind: "label", takenAt: "2026-10-30T09:14:59" },
    });
    const after = await queue(A, "attempt.log");
    const s = fakeServer();
    await replayOutbox(db, user, s.transport);
    expect(s.calls).toEqual([[before.id], [`upload:${photo.id}`], [after.id]]);
    expect(await db.files.count()).toBe(0);
    const url = new URL(uploadUrl(photo), "https://fieldkey.example");
    expect(url.pathname).toBe("/api/photos");
    expect(Object.fromEntries(url.searchParams)).toEqual({ deviceId: B, kind: "label", visitId: A, takenAt: "2026-10-30T09:14:59" });
  });
});
