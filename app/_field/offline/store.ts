/**
 * The technician's phone store (IndexedDB through Dexie): one database per
 * signed-in user, so another account on the same browser never opens the
 * first one's data, plus a tiny meta database naming the current user (the
 * service worker has no cookies to read and no localStorage). Runs in pages
 * and in the service worker: only APIs both have.
 */
import Dexie, { type EntityTable } from "dexie";
import type { FieldDay, FieldJob } from "@/lib/field/sync";
import type { QueuedWriteKind } from "@/lib/values";

/** A job as the server last sent it. */
export type StoredJob = { id: string; job: FieldJob; fetchedAt: string; source: "day" | "opened" };

/**
 * One queued write (or file upload), in the order it was made (`seq`).
 * queued: waiting to be sent; sent: the server applied it (kept until a fresh
 * copy of the job shows its effect); attention: the server refused it.
 */
export type OutboxItem = {
  seq?: number;
  /** The phone-made id (UUID v7): the idempotency key. */
  id: string;
  kind: QueuedWriteKind;
  visitId: string;
  /** The phone's clock when it was made (ISO). */
  madeAt: string;
  input: Record<string, unknown>;
  /** Ids to take from earlier writes (field -> their id). */
  refs: Record<string, string>;
  /** What it is, in words, for the lists ("Attempt: QR code + DMSS app, failed"). */
  summary: string;
  state: "queued" | "sent" | "attention";
  tries: number;
  /** Not before this time (ms) when sent automatically (back-off after a failure). */
  nextTryAt: number;
  lastError: string | null;
  /** The server's answer: `data` when applied, the problem when refused. */
  status?: number;
  result?: unknown;
  sentAt?: number;
  /** Uploads: the queued file (files table) and where it goes. */
  fileId?: string;
  upload?: {
    deviceId: string;
    kind: string;
    filename: string;
    contentType: string;
    size: number;
    firmware?: string;
    note?: string;
    /** Device photos ("photo.upload"): what it shows, and the camera's shot time when the phone could read it. */
    photoKind?: string;
    takenAt?: string | null;
  };
};

/** A file queued on the phone: bytes as an ArrayBuffer (Blobs in IndexedDB have failed on Safari). */
export type StoredFile = { id: string; name: string; type: string; size: number; data: ArrayBuffer };

export type DayMeta = Omit<FieldDay, "jobs">;
type MetaRow = { key: "day"; value: DayMeta };

export type FieldStore = Dexie & {
  jobs: EntityTable<StoredJob, "id">;
  outbox: EntityTable<OutboxItem, "seq">;
  files: EntityTable<StoredFile, "id">;
  meta: EntityTable<MetaRow, "key">;
};

export const dbNameFor = (userId: string) => `fieldkey-u-${userId}`;
const open = new Map<string, FieldStore>();

/** The user's store (opened once per context). Open it only in the browser, after mount. */
export function userStore(userId: string): FieldStore {
  const name = dbNameFor(userId);
  let db = open.get(name);
  if (!db) {
    db = new Dexie(name) as FieldStore;
    db.version(1).stores({ jobs: "id", outbox: "++seq, &id, visitId, state", files: "id", meta: "key" });
    open.set(name, db);
  }
  return db;
}

type CurrentUser = { id: string; name: string };
type MetaDb = Dexie & { current: EntityTable<{ key: "user"; value: CurrentUser }, "key"> };
let metaDb: MetaDb | null = null;
function meta(): MetaDb {
  if (!metaDb) {
    const db = new Dexie("fieldkey-meta") as MetaDb;
    db.version(1).stores({ current: "key" });
    metaDb = db;
  }
  return metaDb;
}

/** The user whose store this browser shows (set by an online page, read by the offline shell and the service worker). */
export async function getCurrentUser(): Promise<CurrentUser | null> {
  return (await meta().current.get("user"))?.value ?? null;
}

export async function setCurrentUser(user: CurrentUser | null) {
  if (user) await meta().current.put({ key: "user", value: user });
  else await meta().current.delete("user");
}

/** Everything of this user on this browser, gone (sign-out). */
export async function deleteUserStore(userId: string) {
  const name = dbNameFor(userId);
  open.get(name)?.close();
  open.delete(name);
  await Dexie.delete(name);
  const current = await getCurrentUser();
  if (current?.id === userId) await setCurrentUser(null);
}

/**
 * When `userId` opens the app: other users' stores on this browser are
 * deleted, unless they still hold writes that have not reached the server
 * (those wait, unseen, until their owner signs in again).
 */
export async function removeOtherUsersStores(userId: string) {
  if (typeof indexedDB === "undefined" || typeof indexedDB.databases !== "function") return;
  for (const { name } of await indexedDB.databases()) {
    if (!name?.startsWith("fieldkey-u-") || name === dbNameFor(userId)) continue;
    const other = new Dexie(name);
    try {
      await other.open();
      const waiting = other.tables.some((t) => t.name === "outbox") ? await other.table("outbox").where("state").anyOf("queued", "attention").count() : 0;
      other.close();
      if (waiting === 0) await Dexie.delete(name);
    } catch {
      other.close();
    }
  }
}

export async function unsyncedCount(db: FieldStore) {
  return db.outbox.where("state").anyOf("queued", "attention").count();
}
