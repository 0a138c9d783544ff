/**
 * The page side of the queue: saving a write on the phone (at once, with its
 * optimistic effect shown from the store), and sending it — right away when
 * online, on the `online` event, on app open, through Background Sync where
 * the browser has it (Chromium; the service worker then asks a visible page
 * to send, so uploads show their progress bar), or when "Sync now" is tapped.
 * Uploads go through XMLHttpRequest for their progress.
 */
import { v7 as uuidv7 } from "uuid";
import type { QueuedWriteKind } from "@/lib/values";
import { pullDay, pullJob } from "./pull";
import { httpTransport, replayOutbox, SYNC_TAG, uploadHeaders, uploadUrl, type Answer, type ReplayResult } from "./queue";
import { serialRunner, type SyncAsk } from "./serial";
import { userStore, type OutboxItem, type StoredFile } from "./store";

/** Input fields that may name something an earlier queued write will make (sent as references the server fills in). */
const REF_FIELDS: Partial<Record<QueuedWriteKind, string[]>> = {
  "attempt.correct": ["attemptId"],
  "vendor_case.record_result": ["caseId"],
  "vendor_case.close": ["caseId"],
  "vendor_case.attach_file": ["caseId", "backupId"],
};

export type SyncState = {
  syncing: boolean;
  /** The server wants a new sign-in before anything more is sent. */
  authRequired: boolean;
  lastResult: ReplayResult | null;
  /** Upload progress by queued item id (0-100). */
  uploads: Record<string, number>;
};

let state: SyncState = { syncing: false, authRequired: false, lastResult: null, uploads: {} };
const listeners = new Set<() => void>();
function set(patch: Partial<SyncState>) {
  state = { ...state, ...patch };
  for (const l of listeners) l();
}
export const syncState = {
  get: () => state,
  subscribe: (l: () => void) => {
    listeners.add(l);
    return () => listeners.delete(l);
  },
};

/** Upload with XMLHttpRequest: it reports progress (fetch does not). */
function xhrUpload(item: OutboxItem, file: StoredFile): Promise<Answer> {
  return new Promise((resolve) => {
    const xhr = new XMLHttpRequest();
    xhr.open("POST", uploadUrl(item));
    for (const [k, v] of Object.entries(uploadHeaders(item, file))) xhr.setRequestHeader(k, v);
    xhr.timeout = 300_000;
    set({ uploads: { ...state.uploads, [item.id]: 0 } });
    xhr.upload.onprogress = (ev) => ev.lengthComputable && set({ uploads: { ...state.uploads, [item.id]: Math.round((ev.loaded / ev.total) * 100) } });
    const done = (a: Answer) => {
      const { [item.id]: _gone, ...rest } = state.uploads;
      set({ uploads: rest });
      resolve(a);
    };
    xhr.onload = () => {
      let body: unknown = null;
      try {
        body = JSON.parse(xhr.responseText);
      } catch {
        /* not JSON */
      }
      done({ status: xhr.status, body });
    };
    xhr.onerror = () => done({ status: 0, body: null, error: "The upload was interrupted." });
    xhr.ontimeout = () => done({ status: 0, body: null, error: "The upload timed out." });
    xhr.send(new Blob([file.data], { type: file.type || "application/octet-stream" }));
  });
}

let syncUser = "";
const runSync = serialRunner<ReplayResult>(async ({ force, day }) => {
  const db = userStore(syncUser);
  set({ syncing: true });
  try {
    const r = await replayOutbox(db, syncUser, httpTransport({ upload: xhrUpload }), { force });
    set({ authRequired: r.authRequired, lastResult: r });
    for (const v of r.visits) await pullJob(db, v);
    if (day && !r.authRequired) {
      const pulled = await pullDay(db);
      if (pulled === "signed-out") set({ authRequired: true });
    }
    return { result: r, stop: r.authRequired };
  } finally {
    set({ syncing: false });
  }
});

/**
 * Send what is queued, then fetch again the jobs whose writes were answered
 * (and the whole day when `day`). One run at a time in this tab (asks made
 * meanwhile are merged into one more round, see serial.ts); tabs and the
 * service worker take turns through a Web Lock.
 */
export function syncNow(userId: string, opts: SyncAsk = {}): Promise<ReplayResult | null> {
  syncUser = userId;
  return runSync(opts);
}

/** Ask for a Background Sync (Chromium), so the queue goes even if the tab is closed before the network returns. */
export async function requestBackgroundSync() {
  try {
    const reg = await navigator.serviceWorker?.getRegistration();
    const sync = (reg as unknown as { sync?: { register(tag: string): Promise<void> } } | undefined)?.sync;
    await sync?.register(SYNC_TAG);
  } catch {
    /* no Background Sync here: online + app open cover it */
  }
}

export type NewWrite = { kind: QueuedWriteKind; visitId: string; input: Record<string, unknown>; summary: string };

/**
 * Save a write on the phone now (it shows at once from the store) and send it
 * when possible. Ids of things earlier queued writes will make become
 * references. Returns the write's id.
 */
export async function enqueue(userId: string, w: NewWrite, file?: File, upload?: OutboxItem["upload"]): Promise<string> {
  const db = userStore(userId);
  const id = uuidv7();
  const refs: Record<string, string> = {};
  // Read the file before the transaction: IndexedDB commits a transaction that waits on anything else.
  const data = file ? await file.arrayBuffer() : null;
  await db.transaction("rw", db.outbox, db.files, async () => {
    for (const field of REF_FIELDS[w.kind] ?? []) {
      const v = w.input[field];
      if (typeof v === "string" && (await db.outbox.get({ id: v }))) refs[field] = v;
    }
    let fileId: string | undefined;
    if (file && data) {
      fileId = uuidv7();
      await db.files.add({ id: fileId, name: file.name, type: file.type, size: file.size, data });
    }
    await db.outbox.add({
      id,
      kind: w.kind,
      visitId: w.visitId,
      madeAt: new Date().toISOString(),
      input: w.input,
      refs,
      summary: w.summary,
      state: "queued",
      tries: 0,
      nextTryAt: 0,
      lastError: null,
      ...(fileId ? { fileId, upload } : {}),
    });
  });
  void requestBackgroundSync();
  if (navigator.onLine) void syncNow(userId, { force: true });
  return id;
}

/** "Try again" on a refused write: the same write under a new id, back in the queue (in its place among the visit's writes). */
export async function resend(userId: string, item: OutboxItem) {
  const db = userStore(userId);
  const id = uuidv7();
  await db.transaction("rw", db.outbox, async () => {
    await db.outbox.update(item.seq!, { id, state: "queued", tries: 0, nextTryAt: 0, lastError: null, status: undefined, result: undefined });
    // Writes that refer to it follow it to its new id.
    await db.outbox
      .filter((o) => Object.values(o.refs).includes(item.id))
      .modify((o) => {
        for (const [k, v] of Object.entries(o.refs)) if (v === item.id) o.refs[k] = id;
        for (const [k, v] of Object.entries(o.input)) if (v === item.id) o.input[k] = id;
      });
  });
  if (navigator.onLine) void syncNow(userId, { force: true });
}

/** "Discard" on a refused write: gone from the phone, on purpose. */
export async function discard(userId: string, item: OutboxItem) {
  const db = userStore(userId);
  await db.transaction("rw", db.outbox, db.files, async () => {
    await db.outbox.delete(item.seq!);
    if (item.fileId) await db.files.delete(item.fileId);
  });
}
