import { getActor, requestIp } from "@/lib/auth/actor";
import { requirePermission } from "@/lib/auth/permissions";
import { applyFieldWrite } from "@/lib/field/writes/apply";
import { fieldWriteBatchSchema, MAX_WRITES_PER_BATCH } from "@/lib/field/writes/schemas";
import type { FieldWriteResult } from "@/lib/field/writes/schemas";
import { AppError, ForbiddenError, parseInput, ValidationError } from "@/lib/platform/errors";
import { isSameOrigin, readBodyLimited } from "@/lib/platform/http";
import { toProblem } from "@/lib/platform/problem";
import { routeHandler } from "@/lib/platform/route-handler";

/** A batch carries up to 50 writes; a signature is at most 200 KB. */
const MAX_BODY_BYTES = 4 * 1024 * 1024;

/**
 * Field writes from the technician's phone (lib/field/writes): one write, or
 * `{ writes: [...] }` applied one after another in the order given (each in
 * its own transaction). A write's answer is its first answer: 200 `{ data }`,
 * or its stored refusal (problem+json); `Idempotent-Replayed: true` when the
 * id was seen before. A batch answers 200 `{ results: [{ id, status, body,
 * replayed }] }` and stops at the first write that could not be recorded
 * (database unavailable): the phone sends the rest again.
 */
export const POST = routeHandler("field writes", async (request) => {
  if (!isSameOrigin(request)) throw new ForbiddenError("Field writes must come from FieldKey's own pages.");
  const actor = await getActor();
  requirePermission(actor, "jobs:work");
  const raw = await readBodyLimited(request, MAX_BODY_BYTES);
  if (!raw.ok) throw new AppError(`Send at most ${MAX_WRITES_PER_BATCH} writes or 4 MB at once.`, 413);
  let body: unknown;
  try {
    body = JSON.parse(raw.bytes.toString("utf8"));
  } catch {
    throw new ValidationError("The body must be JSON: one write, or { writes: [...] }.");
  }
  const ip = await requestIp();
  const userAgent = request.headers.get("user-agent")?.slice(0, 500) ?? null;
  if (body && typeof body === "object" && "writes" in body) {
    const { writes } = parseInput(fieldWriteBatchSchema, body);
    const results: FieldWriteResult[] = [];
    for (const w of writes) {
      try {
        results.push(await applyFieldWrite(actor, w, ip, new Date(), userAgent));
      } catch (err) {
        const { body: problem } = toProblem(err, "field write");
        const id = (w as { id?: unknown })?.id;
        results.push({ id: typeof id === "string" ? id : "", status: problem.status, body: problem, replayed: false });
        if (problem.status >= 500) break;
      }
    }
    return Response.json({ results }, { headers: { "Cache-Control": "no-store" } });
  }
  const r = await applyFieldWrite(actor, body, ip, new Date(), userAgent);
  const headers = new Headers({ "Cache-Control": "no-store", "Idempotent-Replayed": String(r.replayed) });
  if (r.status >= 300) {
    headers.set("Content-Type", "application/problem+json");
    return new Response(JSON.stringify(r.body), { status: r.status, headers });
  }
  return Response.json(r.body, { status: r.status, headers });
});
