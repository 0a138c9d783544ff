/**
 * One database client per process: postgres.js against a real PostgreSQL
 * server when DATABASE_URL is set, embedded PGlite under the data directory
 * otherwise. Same schema, same migrations, same queries.
 */
import path from "node:path";
import type { SQL } from "drizzle-orm";
import type { PgDatabase, PgQueryResultHKT } from "drizzle-orm/pg-core";
import { env } from "@/lib/platform/env";
import * as schema from "./schema";
import { lockDirectory } from "./lock";
import { runMigrations } from "./migrate";
import { seedReferenceData } from "./seed/reference";

export type Database = PgDatabase<PgQueryResultHKT, typeof schema>;
/** The handle inside `db.transaction(async (tx) => ...)`. */
export type Tx = Parameters<Parameters<Database["transaction"]>[0]>[0];
/** Either the database or a transaction on it: what data functions accept. */
export type Executor = Database | Tx;

/**
 * A statement the app runs on nearly every request, prepared once per
 * database (drizzle's `.prepare(name)`): PostgreSQL parses and plans it once
 * per connection, and postgres.js sends it in one round trip (an unnamed
 * statement with parameters takes two: describe, then execute). Inside a
 * transaction, `plain` runs instead.
 */
export function preparedStatement<P, T>(make: (db: Database) => { execute: (params: P) => Promise<T> }, plain: (tx: Tx, params: P) => Promise<T>) {
  const made = new WeakMap<Database, { execute: (params: P) => Promise<T> }>();
  return (db: Executor, params: P): Promise<T> => {
    if ("rollback" in db) return plain(db, params);
    let p = made.get(db);
    if (!p) made.set(db, (p = make(db)));
    return p.execute(params);
  };
}

export type DatabaseHandle = {
  db: Database;
  kind: "postgres" | "pglite";
  close: () => Promise<void>;
  /** PGlite only: a snapshot of the whole database (used to clone a migrated one in tests). */
  dump?: () => Promise<Blob>;
};

export type OpenOptions =
  /** A real PostgreSQL server. */
  | { url: string; max?: number }
  /** Embedded PGlite in a directory (locked) or in memory (`dir: null`), optionally from a snapshot. */
  | { dir: string | null; snapshot?: Blob };

export async function openDatabase(opts: OpenOptions): Promise<DatabaseHandle> {
  if ("url" in opts) {
    const { default: postgres } = await import("postgres");
    const { drizzle } = await import("drizzle-orm/postgres-js");
    const sql = postgres(opts.url, { max: opts.max ?? 10, onnotice: () => {}, connect_timeout: 10 });
    const db = drizzle(sql, { schema });
    return { db, kind: "postgres", close: () => sql.end({ timeout: 5 }) };
  }
  const release = opts.dir ? lockDirectory(opts.dir) : () => {};
  try {
    const { PGlite } = await import("@electric-sql/pglite");
    const { btree_gist } = await import("@electric-sql/pglite/contrib/btree_gist");
    const { pg_trgm } = await import("@electric-sql/pglite/contrib/pg_trgm");
    const { drizzle } = await import("drizzle-orm/pglite");
    const client = await PGlite.create({
      ...(opts.dir ? { dataDir: opts.dir } : {}),
      ...(opts.snapshot ? { loadDataDir: opts.snapshot } : {}),
      extensions: { btree_gist, pg_trgm },
    });
    // After create: once ready, PGlite sets a parser for every array type (element by element), over any given before.
    for (const oid of KEPT_AS_TEXT) client.parsers[oid] = (text: string) => text;
    const db = drizzle(withClientParsers(client), { schema });
    return {
      db,
      kind: "pglite",
      dump: () => client.dumpDataDir("none"),
      close: async () => {
        await client.close();
        release();
      },
    };
  } catch (err) {
    release();
    throw err;
  }
}

/**
 * The types drizzle's PGlite driver keeps as text (it maps them itself): timestamp, timestamptz, interval, date,
 * numeric[] and the date and time arrays. Its driver passes these parsers with every query, and PGlite then copies
 * its whole parser table to merge them in (a sixth of a cached job's time on the server's thread); given to the
 * client once instead, every query's result is the same.
 */
export const KEPT_AS_TEXT: ReadonlySet<number> = new Set([1114, 1184, 1186, 1082, 1231, 1115, 1185, 1187, 1182]);

type QueryOptions = { parsers?: Record<number, unknown> } & Record<string, unknown>;
type PgliteLike = {
  query: (q: string, params?: unknown[], options?: QueryOptions) => Promise<unknown>;
  transaction: (fn: (tx: PgliteLike) => Promise<unknown>) => Promise<unknown>;
};

/** Queries and transactions of `client` without per-query parsers that the client already has (KEPT_AS_TEXT). */
export function withClientParsers<T extends object>(client: T): T {
  const c = client as T & PgliteLike;
  const redundant = (o?: QueryOptions) => !!o?.parsers && Object.keys(o.parsers).every((oid) => KEPT_AS_TEXT.has(Number(oid)));
  return new Proxy(c, {
    get(target, prop) {
      if (prop === "query")
        return (q: string, params?: unknown[], o?: QueryOptions) => target.query(q, params, redundant(o) ? { ...o, parsers: undefined } : o);
      if (prop === "transaction") return (fn: (tx: PgliteLike) => Promise<unknown>) => target.transaction((tx) => fn(withClientParsers(tx)));
      const value: unknown = Reflect.get(target, prop, target);
      // Methods run on the client itself (its private fields are not reachable through the proxy).
      return typeof value === "function" && prop !== "constructor" ? value.bind(target) : value;
    },
  });
}

/** Open, migrate and seed reference data: what every process does before its first query. */
export async function openAndPrepare(opts: OpenOptions): Promise<DatabaseHandle> {
  const handle = await openDatabase(opts);
  try {
    await runMigrations(handle, "url" in opts ? opts.url : undefined);
    await seedReferenceData(handle.db);
    if ("url" in opts) {
      const { loadSharedSecrets } = await import("@/lib/platform/shared-secrets");
      await loadSharedSecrets(handle.db);
    }
    return handle;
  } catch (err) {
    await handle.close().catch(() => {});
    throw err;
  }
}

export function defaultOpenOptions(): OpenOptions {
  const e = env();
  if (e.DATABASE_URL) return { url: e.DATABASE_URL };
  return { dir: path.join(e.dataDir, "pglite") };
}

const g = globalThis as unknown as { __fieldkeyDb?: Promise<DatabaseHandle> };

/** The process's database, opened (and migrated) on first use. */
export function getDatabaseHandle(): Promise<DatabaseHandle> {
  if (!g.__fieldkeyDb) {
    g.__fieldkeyDb = openAndPrepare(defaultOpenOptions());
    g.__fieldkeyDb.catch(() => {
      g.__fieldkeyDb = undefined; // let the next request try again (e.g. the server came back)
    });
  }
  return g.__fieldkeyDb;
}

export async function getDb(): Promise<Database> {
  return (await getDatabaseHandle()).db;
}

/** Tests and scripts: use this handle as the process's database. */
export function setDatabaseHandle(handle: DatabaseHandle | undefined) {
  g.__fieldkeyDb = handle ? Promise.resolve(handle) : undefined;
}

/** How a data function joins a larger transaction: pass `tx` and its writes commit (or roll back) with the caller's. */
/** Rows of a raw query, whichever driver (postgres.js returns an array, PGlite `{ rows }`). */
export async function queryRows<T>(db: Executor, q: SQL): Promise<T[]> {
  const r = (await db.execute(q)) as unknown;
  return (Array.isArray(r) ? r : (r as { rows: T[] }).rows) as T[];
}

export type WriteOptions = { tx?: Executor };

/** Run `fn` inside `tx` when given (joining the caller's transaction), else in a transaction of its own. */
export async function inTransaction<T>(tx: Executor | undefined, fn: (tx: Executor) => Promise<T>): Promise<T> {
  if (tx) return fn(tx);
  const db = await getDb();
  return db.transaction(fn);
}
