/**
 * Reading the mail outbox (admins): what was queued, its state, and its
 * attachments. A reset or invitation link shows masked (lib/mail/outbox.ts):
 * reading the outbox never gives anyone a way into another account. Every
 * read is audited (who, what, when, from where).
 */
import "server-only";
import { desc, eq } from "drizzle-orm";
import { getDb } from "@/db/client";
import { mailOutbox } from "@/db/schema";
import { audit } from "@/lib/audit/log";
import { requirePermission, type Actor } from "@/lib/auth/permissions";
import { NotFoundError } from "@/lib/platform/errors";

export async function listOutbox(actor: Actor | null, ip: string | null, opts: { limit?: number } = {}) {
  requirePermission(actor, "outbox:read");
  const db = await getDb();
  await audit(db, { actorId: actor.id, action: "outbox.list", entityType: "mail_outbox", ip });
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

export async function getOutboxMail(actor: Actor | null, id: string, ip: string | null) {
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
  await audit(db, { actorId: actor.id, action: "outbox.read", entityType: "mail_outbox", entityId: m.id, details: { kind: m.kind, to: m.to }, ip });
  return {
    ...m,
    attachments: m.attachments.map((a, index) => ({
      index,
      filename: a.filename,
      contentType: a.contentType,
      size: Buffer.byteLength(a.contentBase64, "base64"),
    })),
  };
}

export async function getOutboxAttachment(actor: Actor | null, id: string, index: number, ip: string | null) {
  requirePermission(actor, "outbox:read");
  const db = await getDb();
  const [m] = await db.select({ attachments: mailOutbox.attachments }).from(mailOutbox).where(eq(mailOutbox.id, id));
  const a = m?.attachments[index];
  if (!a) throw new NotFoundError("That attachment does not exist.");
  await audit(db, {
    actorId: actor.id,
    action: "outbox.attachment_read",
    entityType: "mail_outbox",
    entityId: id,
    details: { index, filename: a.filename },
    ip,
  });
  return { filename: a.filename, contentType: a.contentType, bytes: Buffer.from(a.contentBase64, "base64") };
}
