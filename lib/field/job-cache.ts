/**
 * The phone asks for its jobs on every sync (lib/field/sync.ts), and almost
 * every time nothing has changed. Building a job reads ~15 statements; this
 * keeps the built JSON in the database (field_job_cache, db/tables/field.ts),
 * per visit and viewer, beside the fingerprint of what it was built from
 * (field_job_fingerprint: the versions that triggers on every table the job
 * reads keep for the visit, its devices and the company-wide parts, migration
 * 0020, db/tables/field.ts field_job_versions). A sync that finds nothing
 * changed costs one statement; any write to a row the job reads, a
 * time-dependent part coming due, or MAX_AGE_MS passing means a fresh build.
 *
 * Never stale: the fingerprint is taken before the build, so a change that
 * lands during it makes the stored row's fingerprint old, not the body.
 * Never someone else's: a row is stored only after a build that passed the
 * build's own permission checks (loadWorkVisit: the role's permission and the
 * visit's technician), for that viewer and role; those checks read only the
 * actor (re-read from the database on every request) and the visit's row,
 * whose every write gives the visit a new version. Shared by every instance (it lives in the
 * database); losing it costs one build.
 */
import "server-only";
import fs from "node:fs";
import path from "node:path";
import { lte, sql, type SQLWrapper } from "drizzle-orm";
import { DateTime } from "luxon";
import { preparedStatement, type Executor } from "@/db/client";
import { fieldJobCache } from "@/db/schema";
import type { Actor } from "@/lib/auth/permissions";

/** `FIELDKEY_JOB_CACHE=off`: every request builds (to compare, or to rule the copy out when in doubt). */
export const jobCacheOn = () => process.env.FIELDKEY_JOB_CACHE !== "off";

/** The longest a built job serves (the company-wide success figures behind the ranking are as of its build). */
export const MAX_AGE_MS = 5 * 60_000;

/** What the job's time-dependent parts need: the next moment one of them changes. */
export type TimeParts = {
  timeZone: string;
  undo: { undoUntil: string } | null;
  devices: readonly { openCase: { dueAt: Date | string } | null }[];
};

/**
 * Until when a job built at `now` stays right: the company's next midnight (the
 * "On my way" tap, an estimate's or payment's day), the end of an undo window,
 * an open vendor case falling due; never more than MAX_AGE_MS.
 */
export function validUntil(job: TimeParts, now: Date): Date {
  const ends = [now.getTime() + MAX_AGE_MS, DateTime.fromJSDate(now, { zone: job.timeZone }).plus({ days: 1 }).startOf("day").toMillis()];
  if (job.undo) ends.push(Date.parse(job.undo.undoUntil));
  for (const d of job.devices) if (d.openCase) ends.push(new Date(d.openCase.dueAt).getTime());
  return new Date(Math.min(...ends.filter((t) => t > now.getTime())));
}

let build: string | undefined;
/**
 * The build serving: part of every stored fingerprint, so a deploy (which may
 * change what a job holds) never serves a copy the previous build made.
 */
function buildId(): string {
  if (build === undefined) {
    try {
      build = fs.readFileSync(path.join(process.cwd(), ".next", "BUILD_ID"), "utf8").trim();
    } catch {
      build = "unbuilt"; // tests and development
    }
  }
  return build;
}

type Lookup = { fingerprint: string; body: string | null };

type LookupParams = { visit: string; viewer: string; role: string; build: string; now: string };
type Param = SQLWrapper | string;

/** Exported for its plan's test (the fingerprint must run once per lookup). */
export function lookupQuery(db: Executor, p: Record<keyof LookupParams, Param>) {
  return db.select({ fingerprint: sql<string>`f.fp`, body: sql<string | null>`c.body` }).from(
    // OFFSET 0 keeps the subquery from being pulled up: inlined into the output and the join filter, it ran three times.
    sql`(SELECT field_job_fingerprint(${p.visit}::uuid) || ':' || ${p.build}::text AS fp OFFSET 0) f
        LEFT JOIN field_job_cache c ON c.visit_id = ${p.visit}::uuid AND c.viewer_id = ${p.viewer}::uuid AND c.viewer_role = ${p.role}::text
          AND c.fingerprint = f.fp AND c.valid_until > ${p.now}::timestamptz`,
  );
}
const lookup = preparedStatement(
  (db) =>
    lookupQuery(db, {
      visit: sql.placeholder("visit"),
      viewer: sql.placeholder("viewer"),
      role: sql.placeholder("role"),
      build: sql.placeholder("build"),
      now: sql.placeholder("now"),
    }).prepare("fieldkey_job_cache_lookup"),
  (tx, p: LookupParams) => lookupQuery(tx, p),
);

/** The fingerprint of the visit's job now (with the build's id), and the stored body if it is still good for this viewer. */
export async function readCachedJob(db: Executor, actor: Actor, visitId: string, now: Date): Promise<Lookup> {
  const [row] = await lookup(db, { visit: visitId, viewer: actor.id, role: actor.role, build: buildId(), now: now.toISOString() });
  return row!;
}

/** Keep a job built from `fingerprint` (taken before the build) for this viewer. */
export async function storeCachedJob(db: Executor, actor: Actor, visitId: string, fingerprint: string, until: Date, body: string) {
  const row = { visitId, viewerId: actor.id, viewerRole: actor.role, fingerprint, validUntil: until, body, builtAt: new Date() };
  await db
    .insert(fieldJobCache)
    .values(row)
    .onConflictDoUpdate({ target: [fieldJobCache.visitId, fieldJobCache.viewerId], set: row });
}

/** Rows past their time (background job): they can never serve again. */
export async function pruneJobCache(db: Executor, now = new Date()): Promise<number> {
  const gone = await db.delete(fieldJobCache).where(lte(fieldJobCache.validUntil, now)).returning({ visitId: fieldJobCache.visitId });
  return gone.length;
}
