import "server-only";
import { inTransaction, type WriteOptions } from "@/db/client";
import { checklists } from "@/db/schema";
import { audit } from "@/lib/audit/log";
import type { Actor } from "@/lib/auth/permissions";
import { parseInput } from "@/lib/platform/errors";
import { assertOnSite, loadWorkVisit } from "./access";
import { answerChecklistSchema } from "./schemas";

/**
 * Save the lockout-prevention checklist on site, before completion (the
 * technician answers it as the work is done; completion answers it again in
 * its own transaction). On site only, not on a closed visit. Audited.
 */
export async function answerChecklist(actor: Actor | null, input: unknown, ip: string | null = null, opts: WriteOptions = {}) {
  const data = parseInput(answerChecklistSchema, input);
  return inTransaction(opts.tx, async (tx) => {
    const v = await loadWorkVisit(tx, actor, data.visitId, { lock: true });
    assertOnSite(v);
    const answers = {
      patternLockSet: data.patternLockSet,
      configExported: data.configExported,
      recoveryEmailUpdated: data.recoveryEmailUpdated,
      notes: data.notes || null,
    };
    const now = new Date();
    await tx
      .insert(checklists)
      .values({ visitId: v.id, ...answers, answeredBy: actor!.id, answeredAt: now })
      .onConflictDoUpdate({ target: checklists.visitId, set: { ...answers, answeredBy: actor!.id, answeredAt: now } });
    await audit(tx, { actorId: actor!.id, action: "checklist.answer", entityType: "visit", entityId: v.id, details: answers, ip });
    return { answeredAt: now };
  });
}
