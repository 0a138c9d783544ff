import "server-only";
import { type Executor, inTransaction, type WriteOptions } from "@/db/client";
import { checklists } from "@/db/schema";
import { audit } from "@/lib/audit/log";
import type { Actor } from "@/lib/auth/permissions";
import { parseInput } from "@/lib/platform/errors";
import { assertOnSite, loadWorkVisit } from "./access";
import type { z } from "zod";
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
    const now = new Date();
    const answers = await saveChecklist(tx, v.id, actor!.id, data, now);
    await audit(tx, { actorId: actor!.id, action: "checklist.answer", entityType: "visit", entityId: v.id, details: answers, ip });
    return { answeredAt: now };
  });
}

/** The checklist's one row per visit, written (or written again) with who answered it and when; returns the answers. */
export async function saveChecklist(tx: Executor, visitId: string, userId: string, data: ChecklistAnswers, now: Date) {
  const answers = {
    patternLockSet: data.patternLockSet,
    configExported: data.configExported,
    recoveryEmailUpdated: data.recoveryEmailUpdated,
    notes: data.notes || null,
  };
  await tx
    .insert(checklists)
    .values({ visitId, ...answers, answeredBy: userId, answeredAt: now })
    .onConflictDoUpdate({ target: checklists.visitId, set: { ...answers, answeredBy: userId, answeredAt: now } });
  return answers;
}

type ChecklistAnswers = Pick<z.output<typeof answerChecklistSchema>, "patternLockSet" | "configExported" | "recoveryEmailUpdated" | "notes">;
