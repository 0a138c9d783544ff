import { eq, inArray } from "drizzle-orm";
import { describe, expect, inject, it } from "vitest";
import { getDb } from "@/db/client";
import { mailOutbox } from "@/db/schema";
import { enqueueMail } from "./outbox";
import { backoffMs, claimMail, runSender, SENDER } from "./sender";

type Sent = { to: string; subject: string; attachments: { filename: string; content: string; encoding: string }[] };

/** A transport that records what it was asked to send (and can be told to fail). */
function recorder(opts: { failTimes?: number; delayMs?: number } = {}) {
  const sent: Sent[] = [];
  let failures = opts.failTimes ?? 0;
  return {
    sent,
    async sendMail(m: Sent) {
      if (opts.delayMs) await new Promise((r) => setTimeout(r, Math.random() * opts.delayMs!));
      if (failures > 0) {
        failures--;
        throw new Error("451 Mailbox busy, try later");
      }
      sent.push(m);
      return {};
    },
  };
}

async function enqueue(n: number, tag = "t") {
  const db = await getDb();
  const ids: string[] = [];
  for (let i = 0; i < n; i++) ids.push(await enqueueMail(db, { kind: "test", to: `${tag}${i}@example.test`, subject: `${tag} ${i}`, text: "hello" }));
  return ids;
}

async function rows(ids: string[]) {
  const db = await getDb();
  return db.select().from(mailOutbox).where(inArray(mailOutbox.id, ids));
}

const FROM = "FieldKey <no-reply@fieldkey.test>";

describe("claiming outbox rows", () => {
  it("claims due rows once: a second claimer gets the rest, then nothing", async () => {
    const ids = await enqueue(3, "claim");
    const db = await getDb();
    const now = new Date(Date.now() + 1000);
    const a = await claimMail(db, "worker-a", now, 2);
    const b = await claimMail(db, "worker-b", now, 2);
    expect(a).toHaveLength(2);
    expect(b).toHaveLength(1);
    expect(new Set([...a, ...b].map((m) => m.id))).toEqual(new Set(ids));
    expect(await claimMail(db, "worker-c", now, 2)).toEqual([]);
    const after = await rows(ids);
    expect(after.every((r) => r.status === "sending" && r.attempts === 1)).toBe(true);
    expect(after.filter((r) => r.claimedBy === "worker-a")).toHaveLength(2);
  });

  it("takes over a claim only once it is stale (its sender died), and the old sender cannot overwrite the result", async () => {
    const [id] = await enqueue(1, "stale");
    const db = await getDb();
    const t0 = new Date(Date.now() + 1000);
    expect(await claimMail(db, "dead-worker", t0)).toHaveLength(1);
    // Not yet stale: worker-b does not get it (the first test's rows, claimed earlier in real time, may be; they are not ours).
    const early = await claimMail(db, "worker-b", new Date(t0.getTime() + SENDER.staleAfterMs - 1000));
    expect(early.map((m) => m.id)).not.toContain(id);
    const t = recorder();
    const stats = await runSender({ db, transport: t, from: FROM, workerId: "worker-b", now: () => new Date(t0.getTime() + SENDER.staleAfterMs + 1000) });
    expect(stats.sent).toBeGreaterThanOrEqual(1); // (the first test's claims are stale by now too)
    expect(t.sent.filter((m) => m.subject === "stale 0")).toHaveLength(1);
    const [r] = await rows([id!]);
    expect(r).toMatchObject({ status: "sent", attempts: 2, claimedBy: "worker-b" });
  });
});

describe("delivery", () => {
  it("sends with attachments and marks rows sent", async () => {
    const db = await getDb();
    const id = await enqueueMail(db, {
      kind: "test",
      to: "att@example.test",
      subject: "With calendar",
      text: "see attached",
      attachments: [{ filename: "visit.ics", contentType: "text/calendar", contentBase64: Buffer.from("BEGIN:VCALENDAR").toString("base64") }],
    });
    const t = recorder();
    await runSender({ db, transport: t, from: FROM, now: () => new Date(Date.now() + 1000) });
    const mine = t.sent.find((m) => m.to === "att@example.test")!;
    expect(mine.attachments).toEqual([
      { filename: "visit.ics", contentType: "text/calendar", content: Buffer.from("BEGIN:VCALENDAR").toString("base64"), encoding: "base64" },
    ]);
    const [r] = await rows([id]);
    expect(r).toMatchObject({ status: "sent", attempts: 1, lastError: null });
    expect(r!.sentAt).toBeInstanceOf(Date);
  });

  it("retries with exponential back-off, recording the error, until it goes through", async () => {
    const [id] = await enqueue(1, "retry");
    const db = await getDb();
    const t0 = Date.now() + 1000;
    const t = recorder({ failTimes: 2 });
    expect(await runSender({ db, transport: t, from: FROM, now: () => new Date(t0) })).toMatchObject({ claimed: 1, retry: 1, sent: 0 });
    let [r] = await rows([id!]);
    expect(r).toMatchObject({ status: "pending", attempts: 1, lastError: "451 Mailbox busy, try later", claimedBy: null });
    expect(r!.nextAttemptAt.getTime()).toBe(t0 + 60_000);
    // Not due yet: nothing happens.
    expect(await runSender({ db, transport: t, from: FROM, now: () => new Date(t0 + 59_000) })).toMatchObject({ claimed: 0 });
    await runSender({ db, transport: t, from: FROM, now: () => new Date(t0 + 60_000) });
    [r] = await rows([id!]);
    expect(r).toMatchObject({ status: "pending", attempts: 2 });
    expect(r!.nextAttemptAt.getTime()).toBe(t0 + 60_000 + 120_000);
    await runSender({ db, transport: t, from: FROM, now: () => new Date(t0 + 180_000) });
    [r] = await rows([id!]);
    expect(r).toMatchObject({ status: "sent", attempts: 3, lastError: null });
    expect(t.sent.filter((m) => m.subject === "retry 0")).toHaveLength(1);
  });

  it("gives up after the last attempt and marks the mail failed", async () => {
    const [id] = await enqueue(1, "doomed");
    const db = await getDb();
    let now = Date.now() + 1000;
    const t = recorder({ failTimes: 1000 });
    for (let i = 0; i < SENDER.maxAttempts; i++) {
      await runSender({ db, transport: t, from: FROM, now: () => new Date(now) });
      now += SENDER.maxDelayMs;
    }
    const [r] = await rows([id!]);
    expect(r).toMatchObject({ status: "failed", attempts: SENDER.maxAttempts, lastError: "451 Mailbox busy, try later" });
    expect(await runSender({ db, transport: t, from: FROM, now: () => new Date(now + SENDER.maxDelayMs) })).toMatchObject({ claimed: 0 });
  });

  it("doubles the wait each time, capped", () => {
    expect([1, 2, 3, 4].map(backoffMs)).toEqual([60_000, 120_000, 240_000, 480_000]);
    expect(backoffMs(30)).toBe(SENDER.maxDelayMs);
  });

  it("never sends one email twice when two senders run at the same time", async () => {
    const ids = await enqueue(60, "race");
    const db = await getDb();
    const t = recorder({ delayMs: 3 });
    const now = () => new Date(Date.now() + 1000);
    const [a, b] = await Promise.all([
      runSender({ db, transport: t, from: FROM, workerId: "instance-a", now, batchSize: 5 }),
      runSender({ db, transport: t, from: FROM, workerId: "instance-b", now, batchSize: 5 }),
    ]);
    const raced = t.sent.filter((m) => m.subject.startsWith("race "));
    expect(raced).toHaveLength(60);
    expect(new Set(raced.map((m) => m.to)).size).toBe(60);
    expect(a.sent + b.sent).toBe(60);
    // On a real server the two really ran side by side (PGlite has one connection, so it serialises them).
    if (inject("databaseKind") === "postgres") expect(a.sent > 0 && b.sent > 0).toBe(true);
    expect((await rows(ids)).every((r) => r.status === "sent" && r.attempts === 1)).toBe(true);
  });

  it("leaves mail pending when the transport is not configured", async () => {
    const [id] = await enqueue(1, "nosmtp");
    const { deliverOutbox } = await import("./sender");
    const prev = process.env.SMTP_URL;
    delete process.env.SMTP_URL;
    const { resetEnvCache } = await import("@/lib/platform/env");
    resetEnvCache();
    process.env.AUTH_SECRET ??= "x".repeat(40);
    process.env.FIELDKEY_BACKUP_KEYS ??= `k1:${Buffer.alloc(32, 1).toString("base64")}`;
    try {
      expect(await deliverOutbox()).toBeNull();
    } finally {
      if (prev !== undefined) process.env.SMTP_URL = prev;
      resetEnvCache();
    }
    const db = await getDb();
    const [r] = await db.select().from(mailOutbox).where(eq(mailOutbox.id, id!));
    expect(r).toMatchObject({ status: "pending", attempts: 0 });
  });
});
