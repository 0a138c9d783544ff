/**
 * Apply one field write exactly once. The phone made its id; the server keeps
 * it in field_writes (primary key) with the first answer. The write's effect
 * (the lib function, with its own rules and scoping) and that row commit in
 * one transaction, so a crash between them leaves neither. A replay of the id
 * gets the stored first answer and writes nothing; a refusal (4xx) is stored
 * too, so a replay is refused the same way and admins see it on the visit.
 */
import "server-only";
import { createHash } from "node:crypto";
import { eq } from "drizzle-orm";
import { getDb, type Executor } from "@/db/client";
import { fieldWrites, visits } from "@/db/schema";
import { requirePermission, type Actor } from "@/lib/auth/permissions";
import { AppError, ConflictError, isLostRace, NotFoundError, parseInput, ValidationError } from "@/lib/platform/errors";
import { toProblem } from "@/lib/platform/problem";
import { fieldWriteSchema, type FieldWriteResult } from "./schemas";
import { resolveRefs, WRITE_KINDS } from "./registry";

/** JSON with sorted keys: the same write always hashes the same. */
export function canonicalJson(v: unknown): string {
  if (Array.isArray(v)) return `[${v.map(canonicalJson).join(",")}]`;
  if (v && typeof v === "object" && !(v instanceof Date)) {
    return `{${Object.keys(v)
      .sort()
      .filter((k) => (v as Record<string, unknown>)[k] !== undefined)
      .map((k) => `${JSON.stringify(k)}:${canonicalJson((v as Record<string, unknown>)[k])}`)
      .join(",")}}`;
  }
  return JSON.stringify(v) ?? "null";
}

const sha256 = (s: string) => createHash("sha256").update(s).digest("hex");

/** No form nests deeper than a few levels: deeper input is refused before it is hashed or parsed (no recursion to exhaust). */
const MAX_DEPTH = 16;
function tooDeep(root: unknown): boolean {
  const stack: [unknown, number][] = [[root, 0]];
  while (stack.length) {
    const [v, d] = stack.pop()!;
    if (!v || typeof v !== "object") continue;
    if (d >= MAX_DEPTH) return true;
    for (const child of Object.values(v)) stack.push([child, d + 1]);
  }
  return false;
}

/**
 * Answers that say "try again", not "no": never stored, the phone keeps the write queued. A lost race is answered
 * 503 (the forms' 409 "try again" would put it under "Needs attention" on the phone, where only a person resends it).
 */
function isTransient(err: unknown, e: AppError) {
  return e.status >= 500 || e.status === 401 || e.status === 408 || e.status === 429 || isLostRace(err);
}

type Stored = { userId: string; requestHash: string; status: number; response: unknown };

async function stored(db: Executor, id: string): Promise<Stored | null> {
  const [row] = await db
    .select({ userId: fieldWrites.userId, requestHash: fieldWrites.requestHash, status: fieldWrites.status, response: fieldWrites.response })
    .from(fieldWrites)
    .where(eq(fieldWrites.id, id));
  return row ?? null;
}

/** The stored first answer, for this user and this same write only (another user's id, or the id reused for another write, is refused and told nothing). */
function replay(id: string, row: Stored, actor: Actor, hash: string): FieldWriteResult {
  if (row.userId !== actor.id) throw new ConflictError("This write id is already taken.");
  if (row.requestHash !== hash) throw new ConflictError("This write id was already used for a different write; it is not applied again.");
  return { id, status: row.status, body: row.response, replayed: true };
}

/**
 * Apply `raw` (one write as sent: id, kind, visitId, madeAt, input, refs) for
 * `actor`. Returns the answer to send: status 200 with `{ data }`, or the
 * stored refusal (4xx, a problem body). Throws (not stored, the phone retries)
 * when the caller is not signed in or not allowed, when the write itself is
 * malformed, and on anything transient (database unavailable, deadlock).
 */
export async function applyFieldWrite(
  actor: Actor | null,
  raw: unknown,
  ip: string | null = null,
  now = new Date(),
  userAgent: string | null = null,
): Promise<FieldWriteResult> {
  requirePermission(actor, "jobs:work");
  if (tooDeep(raw)) throw new ValidationError("The write is nested too deeply to be a field write.", { input: ["Nested too deeply."] });
  const w = parseInput(fieldWriteSchema, raw);
  const kind = WRITE_KINDS[w.kind];
  const hash = sha256(canonicalJson({ kind: w.kind, visitId: w.visitId, madeAt: w.madeAt, input: w.input, refs: w.refs }));
  const db = await getDb();
  const before = await stored(db, w.id);
  if (before) return replay(w.id, before, actor, hash);

  const [visit] = await db.select({ id: visits.id }).from(visits).where(eq(visits.id, w.visitId));
  let refusedHere = false;
  const row = { id: w.id, userId: actor.id, visitId: visit?.id ?? null, kind: w.kind, requestHash: hash, madeAt: new Date(w.madeAt) };
  try {
    const applied = await db.transaction(async (tx) => {
      // Claim the id first: a second sender of the same id waits here until this one commits, then finds it taken.
      const [claimed] = await tx
        .insert(fieldWrites)
        .values({ ...row, status: 200, response: {} })
        .onConflictDoNothing()
        .returning({ id: fieldWrites.id });
      if (!claimed) return null;
      let input = w.input;
      if (kind.visit === "input") {
        if (input.visitId !== undefined && input.visitId !== w.visitId) throw new NotFoundError("Visit not found.");
        input = { ...input, visitId: w.visitId };
      }
      input = await resolveRefs(tx, actor, w.kind, input, w.refs);
      if (kind.visit !== "input") {
        const of = await kind.visit(tx, input);
        if (of && of !== w.visitId) throw new NotFoundError("Not found on this visit.");
      }
      const result = await kind.apply(actor, input, { tx, ip, now, madeAt: new Date(w.madeAt), userAgent });
      const body = JSON.parse(JSON.stringify({ data: result ?? null })) as unknown;
      await tx.update(fieldWrites).set({ response: body }).where(eq(fieldWrites.id, w.id));
      return { id: w.id, status: 200, body, replayed: false } satisfies FieldWriteResult;
    });
    if (applied) return applied;
  } catch (err) {
    const { error, body } = toProblem(err, `field write ${w.kind}`);
    if (isTransient(err, error))
      throw isLostRace(err) ? new AppError("Someone else changed this visit at the same moment; it will be sent again.", 503) : error;
    // Refused: keep the refusal, so a replay gets the same answer (and admins see it on the visit).
    const [kept] = await db
      .insert(fieldWrites)
      .values({ ...row, status: body.status, response: body })
      .onConflictDoNothing()
      .returning({ id: fieldWrites.id });
    refusedHere = !!kept;
  }
  // Stored by this request's refusal, or by a concurrent sender of the same id (then this is a replay of theirs).
  const after = await stored(db, w.id);
  if (!after) throw new AppError("The write could not be recorded. It will be sent again.", 503);
  return { ...replay(w.id, after, actor, hash), replayed: !refusedHere };
}
