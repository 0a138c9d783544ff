import "server-only";
import type { Actor } from "@/lib/auth/permissions";
import { NotFoundError } from "@/lib/platform/errors";
import { getJob } from "@/lib/field/job";
import { getVisitSummary } from "@/lib/field/summary";

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** The job (and, once completed, the customer's summary), or null for the 404 page (unknown id, or a visit this person may not see: no hint it exists). */
export async function loadJobOr404(actor: Actor, id: string) {
  if (!UUID.test(id)) return null;
  try {
    const job = await getJob(actor, id);
    const summary = job.visit.status === "completed" ? await getVisitSummary(actor, id) : null;
    return { job, summary };
  } catch (err) {
    if (err instanceof NotFoundError) return null;
    throw err;
  }
}
