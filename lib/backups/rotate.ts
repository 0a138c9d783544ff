import "server-only";
import { and, count, eq, ne } from "drizzle-orm";
import { getDb } from "@/db/client";
import { configBackups } from "@/db/schema";
import { audit } from "@/lib/audit/log";
import { requirePermission, type Actor } from "@/lib/auth/permissions";
import { env } from "@/lib/platform/env";
import { open, seal } from "./crypto";

export type RotationResult = { reencrypted: number; failed: { id: string; reason: string }[]; keyId: string };

/**
 * Re-encrypt every vault file (backups, recovery files, photos with their thumbnails) not yet under the current key id. One row per
 * transaction (locked, re-checked), so the app keeps serving throughout:
 * rows not yet rotated still open with their old key, which stays
 * configured until this reports zero left. Rows that fail their integrity
 * check are left as they are and reported.
 */
export async function rotateBackupKeys(actor: Actor | null | "system", opts: { batchSize?: number; ip?: string | null } = {}): Promise<RotationResult> {
  if (actor !== "system") requirePermission(actor, "settings:manage");
  const actorId = actor === "system" || !actor ? null : actor.id;
  const keyId = env().backupKeyId;
  const db = await getDb();
  const result: RotationResult = { reencrypted: 0, failed: [], keyId };
  const skip = new Set<string>();
  for (;;) {
    const batch = await db
      .select({ id: configBackups.id })
      .from(configBackups)
      .where(ne(configBackups.keyId, keyId))
      .orderBy(configBackups.id)
      .limit((opts.batchSize ?? 50) + skip.size);
    const todo = batch.filter((b) => !skip.has(b.id));
    if (todo.length === 0) break;
    for (const { id } of todo) {
      try {
        await db.transaction(async (tx) => {
          const [row] = await tx
            .select()
            .from(configBackups)
            .where(and(eq(configBackups.id, id), ne(configBackups.keyId, keyId)))
            .for("update");
          if (!row) return; // rotated by someone else meanwhile
          const plain = open(row.id, row, row.sha256);
          const sealed = seal(row.id, plain, keyId);
          // A photo's thumbnail is sealed under the row's key id too: it moves with the file.
          let thumb = {};
          if (row.thumbCiphertext && row.thumbIv && row.thumbAuthTag) {
            const t = open(row.id, { ciphertext: row.thumbCiphertext, iv: row.thumbIv, authTag: row.thumbAuthTag, keyId: row.keyId }, null, "thumb");
            const resealed = seal(row.id, t, keyId, "thumb");
            thumb = { thumbCiphertext: resealed.ciphertext, thumbIv: resealed.iv, thumbAuthTag: resealed.authTag };
          }
          await tx
            .update(configBackups)
            .set({ ...sealed, ...thumb })
            .where(eq(configBackups.id, row.id));
          await audit(tx, {
            actorId,
            action: "backup.reencrypt",
            entityType: "config_backup",
            entityId: row.id,
            details: { from: row.keyId, to: keyId },
            ip: opts.ip ?? null,
          });
        });
        result.reencrypted++;
      } catch (err) {
        skip.add(id);
        result.failed.push({ id, reason: (err as Error).message });
      }
    }
  }
  return result;
}

/** How many backups each key id protects, and whether that key is configured here. */
export async function backupKeyStatus(actor: Actor | null) {
  requirePermission(actor, "settings:manage");
  const db = await getDb();
  const rows = await db.select({ keyId: configBackups.keyId, count: count() }).from(configBackups).groupBy(configBackups.keyId);
  const e = env();
  const byKey = rows.map((r) => ({ keyId: r.keyId, count: r.count, configured: e.backupKeys.has(r.keyId) }));
  if (!byKey.some((k) => k.keyId === e.backupKeyId)) byKey.push({ keyId: e.backupKeyId, count: 0, configured: true });
  return { currentKeyId: e.backupKeyId, byKey };
}
