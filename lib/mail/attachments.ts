import "server-only";
import { and, eq, isNull } from "drizzle-orm";
import type { Executor } from "@/db/client";
import { configBackups, type MailAttachment } from "@/db/schema";
import { open } from "@/lib/backups/crypto";

export type ResolvedAttachment = { filename: string; contentType: string; content: Buffer };

/** An attachment that points at a vault file (sealed there, never copied into the outbox). */
export function vaultAttachment(f: { id: string; filename: string; contentType: string; sizeBytes: number }): MailAttachment {
  return { filename: f.filename, contentType: f.contentType, contentBase64: "", vaultFileId: f.id, sizeBytes: f.sizeBytes };
}

export const attachmentSize = (a: MailAttachment) => (a.vaultFileId ? (a.sizeBytes ?? 0) : Buffer.byteLength(a.contentBase64, "base64"));

/**
 * The bytes of each attachment: carried ones decoded, vault files opened and
 * verified (GCM tag and sha256). A vault file deleted since the mail was
 * queued is not sent: the mail fails with that reason rather than go without it.
 */
export async function resolveAttachments(db: Executor, list: MailAttachment[]): Promise<ResolvedAttachment[]> {
  const out: ResolvedAttachment[] = [];
  for (const a of list) {
    if (!a.vaultFileId) {
      out.push({ filename: a.filename, contentType: a.contentType, content: Buffer.from(a.contentBase64, "base64") });
      continue;
    }
    const [row] = await db
      .select()
      .from(configBackups)
      .where(and(eq(configBackups.id, a.vaultFileId), isNull(configBackups.deletedAt)));
    if (!row) throw new Error(`The attached file ${a.filename} was deleted from the vault; this email was not sent with it.`);
    out.push({ filename: a.filename, contentType: a.contentType, content: open(row.id, row, row.sha256) });
  }
  return out;
}
