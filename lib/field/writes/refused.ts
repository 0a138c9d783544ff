import "server-only";
import { and, desc, eq, gte } from "drizzle-orm";
import { getDb } from "@/db/client";
import { fieldWrites, users } from "@/db/schema";
import { requirePermission, type Actor } from "@/lib/auth/permissions";
import type { FieldWriteKind } from "@/lib/values";

export type RefusedWrite = { id: string; kind: FieldWriteKind; status: number; detail: string; by: string; madeAt: Date; receivedAt: Date };

/** Field writes the server refused when a phone synced them, for the admin's view of a visit (newest first). */
export async function listRefusedWrites(actor: Actor | null, visitId: string): Promise<RefusedWrite[]> {
  requirePermission(actor, "visits:dispatch");
  const db = await getDb();
  const rows = await db
    .select({
      id: fieldWrites.id,
      kind: fieldWrites.kind,
      status: fieldWrites.status,
      response: fieldWrites.response,
      by: users.name,
      madeAt: fieldWrites.madeAt,
      receivedAt: fieldWrites.receivedAt,
    })
    .from(fieldWrites)
    .innerJoin(users, eq(users.id, fieldWrites.userId))
    .where(and(eq(fieldWrites.visitId, visitId), gte(fieldWrites.status, 400)))
    .orderBy(desc(fieldWrites.receivedAt))
    .limit(100);
  return rows.map(({ response, kind, ...r }) => ({
    ...r,
    kind: kind as FieldWriteKind,
    detail: String((response as { detail?: unknown } | null)?.detail ?? "Refused."),
  }));
}
