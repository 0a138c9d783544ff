import "server-only";
import { asc, eq } from "drizzle-orm";
import { getDb } from "@/db/client";
import { attempts, recoveryMethods } from "@/db/schema";
import type { Actor } from "@/lib/auth/permissions";
import { loadWorkVisit } from "./access";

/**
 * A visit's recovery attempts, oldest first per device. The same gate as
 * field work: admins any visit, a technician only visits assigned to them;
 * anything else is "not found".
 */
export async function listVisitAttempts(actor: Actor | null, visitId: string) {
  const db = await getDb();
  const v = await loadWorkVisit(db, actor, visitId);
  const data = await db
    .select({
      id: attempts.id,
      visitId: attempts.visitId,
      deviceId: attempts.deviceId,
      seq: attempts.seq,
      methodId: attempts.methodId,
      methodName: recoveryMethods.name,
      technicianId: attempts.technicianId,
      outcome: attempts.outcome,
      startedAt: attempts.startedAt,
      endedAt: attempts.endedAt,
      durationSeconds: attempts.durationSeconds,
      description: attempts.description,
      notes: attempts.notes,
      createdAt: attempts.createdAt,
    })
    .from(attempts)
    .innerJoin(recoveryMethods, eq(recoveryMethods.id, attempts.methodId))
    .where(eq(attempts.visitId, v.id))
    .orderBy(asc(attempts.deviceId), asc(attempts.seq));
  return { data, nextCursor: null };
}
