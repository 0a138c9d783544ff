/**
 * Reading the mail outbox (admins): what was queued, its state, and its
 * attachments. With no SMTP configured this is where mail is read.
 */
import "server-only";
import { desc, eq } from "drizzle-orm";
import { getDb } from "@/db/client";
import { mailOutbox } from "@/db/schema";
import { requirePermission, type Actor } from "@/lib/auth/permissions";
import { NotFoundError } from "@/lib/platform/errors";
import { attachmentSize, resolveAttachments } from "./attachments";

export async function listOutbox(actor: Actor | null, opts: { limit?: number } = {}) {
  requirePermission(actor, "outbox:read");
  const db = await getDb();
  const rows = await db
    .select({
      id: mailOutbox.id,
      to: mailOutbox.toAddress,
      subject: mailOutbox.subject,
      kind: mailOutbox.kind,
      status: mailOutbox.status,
      attempts: mailOutbox.attempts,
      lastError: mailOutbox.lastError,
      createdAt: mailOutbox.createdAt,
      attachments: mailOutbox.attachments,
    })
    .from(mailOutbox)
    .orderBy(desc(mailOutbox.createdAt), desc(mailOutbox.id))
    .limit(Math.min(opts.limit ?? 200, 500));
  return rows.map(({ attachments, ...r }) => ({ ...r, attachmentCount: attachments.length }));
}

export async function getOutboxMail(actor: Actor | null, id: string) {
  requirePermission(actor, "outbox:read");
  const db = await getDb();
  const [m] = await db
    .select({
      id: mailOutbox.id,
      to: mailOutbox.toAddress,
      subject: mailOutbox.subject,
      kind: mailOutbox.kind,
      status: mailOutbox.status,
      attempts: mailOutbox.attempts,
      lastError: mailOutbox.lastError,
      createdAt: mailOutbox.createdAt,
      sentAt: mailOutbox.sentAt,
      text: mailOutbox.textBody,
      attachments: mailOutbox.attachments,
      visitId: mailOutbox.visitId,
    })
    .from(mailOutbox)
    .where(eq(mailOutbox.id, id));
  if (!m) throw new NotFoundError("That email does not exist.");
  return {
    ...m,
    attachments: m.attachments.map((a, index) => ({
      index,
      filename: a.filename,
      contentType: a.contentType,
      size: attachmentSize(a),
    })),
  };
}

export async function getOutboxAttachment(actor: Actor | null, id: string, index: number) {
  requirePermission(actor, "outbox:read");
  const db = await getDb();
  const [m] = await db.select({ attachments: mailOutbox.attachments }).from(mailOutbox).where(eq(mailOutbox.id, id));
  const a = m?.attachments[index];
  if (!a) throw new NotFoundError("That attachment does not exist.");
  let file;
  try {
    [file] = await resolveAttachments(db, [a]);
  } catch {
    throw new NotFoundError("That attached file is no longer in the vault.");
  }
  return { filename: file!.filename, contentType: file!.contentType, bytes: file!.content };
}
