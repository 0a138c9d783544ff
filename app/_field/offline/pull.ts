/**
 * Bringing the server's copy down: the day (today's and tomorrow's jobs in
 * full, the week as a list) and single jobs. A fresh copy replaces the stored
 * one; writes already applied ("sent" before the copy was asked for) are then
 * part of it and leave the queue in the same transaction, so nothing shows
 * twice or disappears in between.
 */
import type { FieldDay, FieldJob } from "@/lib/field/sync";
import type { FieldStore } from "./store";

export type PullResult = "ok" | "offline" | "signed-out" | "gone" | "error";
/** Jobs opened one by one (beyond tomorrow) stay this long after their last fetch. */
const KEEP_OPENED_MS = 60 * 60_000;

async function getJson<T>(url: string): Promise<{ status: number; body: T | null }> {
  try {
    const res = await fetch(url, { credentials: "same-origin", cache: "no-store", signal: AbortSignal.timeout(20_000) });
    return { status: res.status, body: res.ok ? ((await res.json()) as T) : null };
  } catch {
    return { status: 0, body: null };
  }
}

const outcome = (status: number): PullResult => (status === 0 ? "offline" : status === 401 ? "signed-out" : status === 404 ? "gone" : "error");

export async function pullDay(db: FieldStore): Promise<PullResult> {
  const started = Date.now();
  const { status, body: day } = await getJson<FieldDay>("/api/field/day");
  if (!day) return outcome(status);
  const { jobs, ...meta } = day;
  await db.transaction("rw", db.jobs, db.meta, db.outbox, async () => {
    const fresh = new Set(jobs.map((j) => j.visit.id));
    for (const job of jobs) await db.jobs.put({ id: job.visit.id, job, fetchedAt: job.fetchedAt, source: "day" });
    const waiting = new Set((await db.outbox.toArray()).filter((o) => o.state !== "sent").map((o) => o.visitId));
    for (const stored of await db.jobs.toArray()) {
      if (fresh.has(stored.id) || waiting.has(stored.id)) continue;
      // Off the day (reassigned, cancelled, moved): gone now; opened one by one: kept a while.
      if (stored.source === "day" || Date.parse(stored.fetchedAt) < started - KEEP_OPENED_MS) await db.jobs.delete(stored.id);
    }
    await db.outbox
      .where("state")
      .equals("sent")
      .filter((o) => (o.sentAt ?? 0) <= started)
      .delete();
    await db.meta.put({ key: "day", value: meta });
  });
  return "ok";
}

export async function pullJob(db: FieldStore, visitId: string): Promise<PullResult> {
  const started = Date.now();
  const { status, body: job } = await getJson<FieldJob>(`/api/field/jobs/${encodeURIComponent(visitId)}`);
  if (!job) {
    if (status === 404) await db.jobs.delete(visitId);
    return outcome(status);
  }
  await db.transaction("rw", db.jobs, db.outbox, async () => {
    const before = await db.jobs.get(visitId);
    await db.jobs.put({ id: visitId, job, fetchedAt: job.fetchedAt, source: before?.source ?? "opened" });
    await db.outbox
      .where("visitId")
      .equals(visitId)
      .filter((o) => o.state === "sent" && (o.sentAt ?? 0) <= started)
      .delete();
  });
  return "ok";
}
