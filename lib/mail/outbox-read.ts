/**
 * Reading the mail outbox (admins): what was queued, its state, and its
 * attachments. A reset or invitation link shows masked (lib/mail/outbox.ts):
 * reading the outbox never gives anyone a way into another account. Every
 * read is audited (who, what, when, from where).
 */
import "server-only";
import { and, count, eq, sql, type SQL } from "drizzle-orm";
import { getDb } from "@/db/client";
import { MAIL_STATUSES, mailOutbox, type MailStatus } from "@/db/schema";
import { audit } from "@/lib/audit/log";
import { requirePermission, type Actor } from "@/lib/auth/permissions";
import { NotFoundError } from "@/lib/platform/errors";
import { attachmentSize, resolveAttachments } from "./attachments";
import { cursorKey, keyset, type PageQuery } from "@/lib/platform/pagination";

export type OutboxFilter = { status?: MailStatus; visitId?: string };

/** The outbox list's filter from its URL (?status=); an unknown status filters nothing (the page says so). */
export function outboxFilterFromParams(sp: Record<string, string | string[] | undefined>): OutboxFilter {
  return { status: MAIL_STATUSES.find((x) => x === sp.status) };
}

/** The WHERE of the outbox list and its count (one builder: the overview's "emails that failed" and the list it opens agree). */
function outboxConditions(filter: OutboxFilter): SQL | undefined {
  return and(filter.status ? eq(mailOutbox.status, filter.status) : undefined, filter.visitId ? eq(mailOutbox.visitId, filter.visitId) : undefined);
}

/** Mail, newest first, optionally of one status or visit; a page at a time (Previous and Next). */
export async function listOutbox(actor: Actor | null, filter: OutboxFilter, page: PageQuery, ip: string | null) {
  requirePermission(actor, "outbox:read");
  const db = await getDb();
  await audit(db, { actorId: actor.id, action: "outbox.list", entityType: "mail_outbox", ip });
  const pager = keyset(mailOutbox.createdAt, mailOutbox.id, page, "timestamptz", "desc");
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
      visitId: mailOutbox.visitId,
      attachmentCount: sql<number>`jsonb_array_length(${mailOutbox.attachments})`.mapWith(Number),
      _k: cursorKey(mailOutbox.createdAt),
    })
    .from(mailOutbox)
    .where(and(outboxConditions(filter), pager.where))
    .orderBy(...pager.orderBy)
    .limit(pager.limit);
  return pager.page(rows);
}

/** How many emails the same filter lists. */
export async function countOutbox(actor: Actor | null, filter: OutboxFilter): Promise<number> {
  requirePermission(actor, "outbox:read");
  const db = await getDb();
  const [row] = await db.select({ n: count() }).from(mailOutbox).where(outboxConditions(filter));
  return row?.n ?? 0;
}

/** Whether an email exists (the page's 404 before it streams; reading it is what gets audited). */
export async function outboxMailExists(actor: Actor | null, id: string): Promise<void> {
  requirePermission(actor, "outbox:read");
  const db = await getDb();
  const [m] = await db.select({ id: mailOutbox.id }).from(mailOutbox).where(eq(mailOutbox.id, id));
  if (!m) throw new NotFoundError("That email does not exist.");
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
      size: attachmentSize(a),
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
  let file;
  try {
    [file] = await resolveAttachments(db, [a]);
  } catch {
    throw new NotFoundError("That attached file is no longer in the vault.");
  }
  return { filename: file!.filename, contentType: file!.contentType, bytes: file!.content };
}
