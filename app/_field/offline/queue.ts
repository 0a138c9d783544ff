/**
 * Sending the phone's queue: the same code in pages (on app open, on the
 * `online` event, after each new write, "Sync now") and in the service worker
 * (Background Sync, where the browser has it). Rules:
 * - Writes of one visit go in the order they were made (one visit at a time,
 *   a batch of its writes at the head of its queue, in order); other visits
 *   go on when one visit is stuck.
 * - 2xx: applied (kept as "sent" until a fresh copy of the job shows it).
 * - 4xx (the server said no): "Needs attention" with the server's message,
 *   never dropped; the next writes of that visit still go (each gets its own
 *   answer; a write that depended on the refused one is refused with why).
 * - 401: stop, keep everything, ask to sign in again.
 * - Network error, timeout, 408, 429, 5xx: stays queued, tried again with
 *   back-off (2 s, 4 s, 8 s … at most 5 min); the rest of that visit waits.
 * - A Web Lock per user makes tabs and the service worker take turns, and the
 *   server's idempotency makes a double send harmless anyway.
 */
import { UPLOAD_WRITE_KINDS, type QueuedWriteKind } from "@/lib/values";
import type { FieldStore, OutboxItem, StoredFile } from "./store";

/** A queued file (a backup or recovery file, a device photo): sent on its own, to its own route. */
export const isUpload = (kind: QueuedWriteKind) => (UPLOAD_WRITE_KINDS as readonly string[]).includes(kind);

export const SYNC_TAG = "fieldkey-outbox";
const MAX_BATCH = 20;
const MAX_BACKOFF_MS = 5 * 60_000;

/** How long to wait after the nth failure in a row (n >= 1). */
export function backoffMs(tries: number) {
  return Math.min(MAX_BACKOFF_MS, 2000 * 2 ** Math.max(0, tries - 1));
}

export type WireWrite = { id: string; kind: string; visitId: string; madeAt: string; input: Record<string, unknown>; refs: Record<string, string> };
/** What came back: an HTTP status and body, or nothing (network error, timeout). */
export type Answer = { status: number; body: unknown } | { status: 0; body: null; error: string };

export type Transport = {
  sendWrites(writes: WireWrite[]): Promise<Answer>;
  sendUpload(item: OutboxItem, file: StoredFile): Promise<Answer>;
};

export type ReplayResult = {
  sent: number;
  refused: number;
  /** Still queued: try again later. */
  pending: number;
  authRequired: boolean;
  /** Another tab or the service worker was sending (it covers this). */
  skipped?: "locked";
  /** Visits whose writes were answered now, applied or refused (fetch their job again). */
  visits: string[];
};

const isTransient = (status: number) => status === 0 || status === 408 || status === 429 || status >= 500;
function detailOf(body: unknown, status: number): string {
  const detail = body && typeof body === "object" ? (body as { detail?: unknown }).detail : undefined;
  if (typeof detail === "string" && detail) return detail;
  return status === 0 ? "No connection." : `The server answered ${status}.`;
}

type Locks = { request<T>(name: string, opts: { ifAvailable: boolean }, cb: (lock: unknown) => Promise<T>): Promise<T> };

/** Run `fn` holding the user's outbox lock; null when someone else holds it. Without Web Locks, just run. */
async function withLock<T>(userId: string, fn: () => Promise<T>): Promise<T | null> {
  const locks = (globalThis.navigator as { locks?: Locks } | undefined)?.locks;
  if (!locks) return fn();
  return locks.request(`fieldkey-outbox-${userId}`, { ifAvailable: true }, async (lock) => (lock ? fn() : null));
}

/**
 * Send what is due. `force`: ignore the back-off (the network just came back,
 * the app was opened, the technician tapped "Sync now").
 */
export async function replayOutbox(
  db: FieldStore,
  userId: string,
  transport: Transport,
  opts: { force?: boolean; now?: () => number } = {},
): Promise<ReplayResult> {
  const now = opts.now ?? Date.now;
  const run = async (): Promise<ReplayResult> => {
    const r: ReplayResult = { sent: 0, refused: 0, pending: 0, authRequired: false, visits: [] };
    const queued = await db.outbox.where("state").equals("queued").sortBy("seq");
    const byVisit = new Map<string, OutboxItem[]>();
    for (const item of queued) byVisit.set(item.visitId, [...(byVisit.get(item.visitId) ?? []), item]);
    for (const [visitId, items] of byVisit) {
      let i = 0;
      visit: while (i < items.length) {
        const head = items[i]!;
        if (!opts.force && head.nextTryAt > now()) {
          r.pending += items.length - i;
          break;
        }
        let batch: OutboxItem[];
        let answers: Answer[];
        if (isUpload(head.kind)) {
          batch = [head];
          const file = head.fileId ? await db.files.get(head.fileId) : undefined;
          answers = [
            file ? await transport.sendUpload(head, file) : { status: 410, body: { detail: "The queued file is gone from this phone; choose it again." } },
          ];
        } else {
          batch = [];
          for (let j = i; j < items.length && batch.length < MAX_BATCH && !isUpload(items[j]!.kind); j++) batch.push(items[j]!);
          const a = await transport.sendWrites(batch.map(wire));
          answers = perWrite(batch, a);
        }
        for (const [k, item] of batch.entries()) {
          const a = answers[k] ?? { status: 0, body: null, error: "No answer." };
          if (a.status === 401) {
            r.authRequired = true;
            r.pending += queued.length - r.sent - r.refused;
            return r;
          }
          if (isTransient(a.status)) {
            const tries = item.tries + 1;
            await db.outbox.update(item.seq!, { tries, nextTryAt: now() + backoffMs(tries), lastError: detailOf(a.body, a.status) });
            r.pending += items.length - i;
            break visit;
          }
          if (a.status >= 200 && a.status < 300) {
            await db.transaction("rw", db.outbox, db.files, async () => {
              await db.outbox.update(item.seq!, { state: "sent", status: a.status, result: a.body, sentAt: now(), lastError: null });
              if (item.fileId) await db.files.delete(item.fileId);
            });
            r.sent++;
            if (!r.visits.includes(visitId)) r.visits.push(visitId);
          } else {
            await db.outbox.update(item.seq!, { state: "attention", status: a.status, result: a.body, lastError: detailOf(a.body, a.status) });
            r.refused++;
            if (!r.visits.includes(visitId)) r.visits.push(visitId);
          }
          i++;
        }
      }
    }
    return r;
  };
  const result = await withLock(userId, run);
  return result ?? { sent: 0, refused: 0, pending: 0, authRequired: false, skipped: "locked", visits: [] };
}

function wire(item: OutboxItem): WireWrite {
  return { id: item.id, kind: item.kind, visitId: item.visitId, madeAt: item.madeAt, input: item.input, refs: item.refs };
}

/** One answer per write of the batch: the batch answer's `results`, or the same failure for all. */
function perWrite(batch: OutboxItem[], a: Answer): Answer[] {
  if (a.status !== 200 || !a.body || typeof a.body !== "object" || !Array.isArray((a.body as { results?: unknown }).results)) {
    return batch.map(() => (a.status === 200 ? { status: 0, body: null, error: "Unreadable answer." } : a));
  }
  const results = (a.body as { results: { id: string; status: number; body: unknown }[] }).results;
  return batch.map((item) => {
    const found = results.find((x) => x.id === item.id);
    return found ? { status: found.status, body: found.body } : { status: 0, body: null, error: "Not sent (an earlier write failed)." };
  });
}

/** The real transport: fetch for writes (tabs and the service worker), the same for uploads unless a page passes its own (with progress). */
export function httpTransport(
  opts: {
    upload?: Transport["sendUpload"];
    timeoutMs?: number;
    /** Outside a browser (benchmarks): the server and the session's headers. */ base?: string;
    headers?: Record<string, string>;
  } = {},
): Transport {
  const timeout = opts.timeoutMs ?? 30_000;
  const base = opts.base ?? "";
  return {
    async sendWrites(writes) {
      try {
        const res = await fetch(`${base}/api/field/writes`, {
          method: "POST",
          headers: { "Content-Type": "application/json", ...opts.headers },
          body: JSON.stringify({ writes }),
          credentials: "same-origin",
          signal: AbortSignal.timeout(timeout),
        });
        return { status: res.status, body: await res.json().catch(() => null) };
      } catch (err) {
        return { status: 0, body: null, error: String(err) };
      }
    },
    sendUpload:
      opts.upload ??
      (async (item, file) => {
        try {
          const res = await fetch(`${base}${uploadUrl(item)}`, {
            method: "POST",
            headers: { ...uploadHeaders(item, file), ...opts.headers },
            body: file.data,
            credentials: "same-origin",
            signal: AbortSignal.timeout(Math.max(timeout, 120_000)),
          });
          return { status: res.status, body: await res.json().catch(() => null) };
        } catch (err) {
          return { status: 0, body: null, error: String(err) };
        }
      }),
  };
}

export function uploadUrl(item: OutboxItem) {
  const u = item.upload!;
  if (item.kind === "photo.upload") {
    // A device photo: what it shows and when it was taken travel with it (the server makes the thumbnail).
    const q = new URLSearchParams({ deviceId: u.deviceId, kind: u.photoKind ?? "other", visitId: item.visitId });
    if (u.takenAt) q.set("takenAt", u.takenAt);
    return `/api/photos?${q}`;
  }
  const q = new URLSearchParams({ deviceId: u.deviceId, kind: u.kind, visitId: item.visitId });
  if (u.firmware) q.set("firmware", u.firmware);
  if (u.note) q.set("note", u.note);
  return `/api/backups?${q}`;
}

export function uploadHeaders(item: OutboxItem, file: StoredFile): Record<string, string> {
  return { "Content-Type": file.type || "application/octet-stream", "X-Filename": encodeURIComponent(file.name), "Idempotency-Key": item.id };
}
