import "server-only";
import { hostname } from "node:os";
import { randomBytes } from "node:crypto";
import { and, asc, eq, gte, inArray, lt, lte, or, sql } from "drizzle-orm";
import nodemailer, { type Transporter } from "nodemailer";
import { getDb, type Executor } from "@/db/client";
import { mailOutbox, type MailAttachment } from "@/db/schema";
import { env } from "@/lib/platform/env";
import { resolveAttachments, type ResolvedAttachment } from "./attachments";
import { textToSend } from "./outbox";

/**
 * Delivers the mail outbox over SMTP. Any number of app instances may run
 * this side by side: each batch is CLAIMED in one statement
 *   UPDATE mail_outbox SET status='sending', claimed_by=… WHERE id IN
 *     (SELECT id … FOR UPDATE SKIP LOCKED LIMIT n) RETURNING …
 * so a row belongs to exactly one sender at a time. A claim older than
 * `staleAfterMs` (its instance died mid-send) is taken over; the SMTP
 * timeouts below are far shorter, so a live sender never loses its claim.
 * Failures are retried with exponential back-off until `maxAttempts`.
 */
export const SENDER = {
  batchSize: 20,
  maxBatchesPerRun: 10,
  maxAttempts: 10,
  baseDelayMs: 60_000,
  maxDelayMs: 6 * 3600_000,
  staleAfterMs: 10 * 60_000,
} as const;

/** Wait before attempt n+1 after n failed attempts: 1, 2, 4, 8 … minutes, at most 6 h. */
export function backoffMs(attempts: number): number {
  return Math.min(SENDER.baseDelayMs * 2 ** Math.max(attempts - 1, 0), SENDER.maxDelayMs);
}

export type ClaimedMail = {
  id: string;
  toAddress: string;
  subject: string;
  textBody: string;
  htmlBody: string | null;
  /** A masked secret of the message (lib/mail/outbox.ts), put back in only for sending. */
  secretSealed?: string | null;
  attachments: MailAttachment[];
  attempts: number;
};

export function newWorkerId() {
  return `${hostname()}:${process.pid}:${randomBytes(3).toString("hex")}`;
}

/** Atomically take up to `limit` due rows (and stale claims) for this worker. */
export async function claimMail(db: Executor, workerId: string, now: Date, limit: number = SENDER.batchSize): Promise<ClaimedMail[]> {
  const staleBefore = new Date(now.getTime() - SENDER.staleAfterMs);
  // A stale claim that already used every attempt is given up on, not retried.
  await db
    .update(mailOutbox)
    .set({ status: "failed", lastError: "The sender stopped while sending this message; no attempts left.", claimedAt: null, claimedBy: null })
    .where(and(eq(mailOutbox.status, "sending"), lt(mailOutbox.claimedAt, staleBefore), gte(mailOutbox.attempts, SENDER.maxAttempts)));
  const due = db
    .select({ id: mailOutbox.id })
    .from(mailOutbox)
    .where(
      or(
        and(eq(mailOutbox.status, "pending"), lte(mailOutbox.nextAttemptAt, now)),
        and(eq(mailOutbox.status, "sending"), lt(mailOutbox.claimedAt, staleBefore), lt(mailOutbox.attempts, SENDER.maxAttempts)),
      ),
    )
    .orderBy(asc(mailOutbox.nextAttemptAt))
    .limit(limit)
    .for("update", { skipLocked: true });
  return db
    .update(mailOutbox)
    .set({ status: "sending", claimedAt: now, claimedBy: workerId, attempts: sql`${mailOutbox.attempts} + 1` })
    .where(inArray(mailOutbox.id, due))
    .returning({
      id: mailOutbox.id,
      toAddress: mailOutbox.toAddress,
      subject: mailOutbox.subject,
      textBody: mailOutbox.textBody,
      htmlBody: mailOutbox.htmlBody,
      secretSealed: mailOutbox.secretSealed,
      attachments: mailOutbox.attachments,
      attempts: mailOutbox.attempts,
    });
}

/** A message whose secret cannot be put back (AUTH_SECRET changed since it was queued): sent masked it would be useless. */
export class UnsendableMailError extends Error {}

/** Record the outcome; only the worker that holds the claim may. */
async function finish(db: Executor, mail: ClaimedMail, workerId: string, now: Date, error: unknown) {
  const mine = and(eq(mailOutbox.id, mail.id), eq(mailOutbox.claimedBy, workerId), eq(mailOutbox.status, "sending"));
  if (!error) {
    // Sent: the secret has done its job and is not kept.
    await db.update(mailOutbox).set({ status: "sent", sentAt: now, lastError: null, claimedAt: null, secretSealed: null }).where(mine);
    return "sent" as const;
  }
  const message = (error instanceof Error ? error.message : String(error)).slice(0, 1000) || "Unknown error";
  const giveUp = mail.attempts >= SENDER.maxAttempts || error instanceof UnsendableMailError;
  await db
    .update(mailOutbox)
    .set({
      status: giveUp ? "failed" : "pending",
      lastError: message,
      claimedAt: null,
      claimedBy: null,
      nextAttemptAt: new Date(now.getTime() + backoffMs(mail.attempts)),
    })
    .where(mine);
  return giveUp ? ("failed" as const) : ("retry" as const);
}

/** The message for nodemailer; `files` are the attachments' bytes (resolveAttachments), else the ones carried in the row. */
export function toNodemailerMessage(mail: ClaimedMail, from: string, files?: ResolvedAttachment[]) {
  const text = textToSend(mail.id, mail.textBody, mail.secretSealed ?? null);
  const html = mail.htmlBody === null ? null : textToSend(mail.id, mail.htmlBody, mail.secretSealed ?? null);
  if (text === null || (mail.htmlBody !== null && html === null))
    throw new UnsendableMailError("The link in this message can no longer be read (AUTH_SECRET changed since it was queued). Ask for a new one.");
  return {
    from,
    to: mail.toAddress,
    // Stable per outbox row: a resend after a crash mid-send carries the same Message-ID, so mail systems can drop the duplicate.
    messageId: `<${mail.id}@outbox.fieldkey>`,
    subject: mail.subject,
    text,
    html: html ?? undefined,
    attachments: files
      ? files.map((f) => ({ filename: f.filename, contentType: f.contentType, content: f.content }))
      : mail.attachments.map((a) => ({ filename: a.filename, contentType: a.contentType, content: a.contentBase64, encoding: "base64" as const })),
  };
}

export type SendStats = { claimed: number; sent: number; retry: number; failed: number };

/**
 * One run: claim and deliver batches until nothing is due (or the per-run cap).
 * `now` is a clock so tests can step over back-off delays.
 */
export async function runSender(opts: {
  transport: Pick<Transporter, "sendMail">;
  from?: string;
  db?: Executor;
  workerId?: string;
  now?: () => Date;
  batchSize?: number;
}) {
  const db = opts.db ?? (await getDb());
  const workerId = opts.workerId ?? newWorkerId();
  const clock = opts.now ?? (() => new Date());
  const from = opts.from ?? env().MAIL_FROM;
  const stats: SendStats = { claimed: 0, sent: 0, retry: 0, failed: 0 };
  for (let batch = 0; batch < SENDER.maxBatchesPerRun; batch++) {
    const claimed = await claimMail(db, workerId, clock(), opts.batchSize);
    if (claimed.length === 0) break;
    stats.claimed += claimed.length;
    for (const mail of claimed) {
      let error: unknown = null;
      try {
        // Vault files are read (and verified) only now; carried attachments go as they are.
        const files = mail.attachments.some((a) => a.vaultFileId) ? await resolveAttachments(db, mail.attachments) : undefined;
        await opts.transport.sendMail(toNodemailerMessage(mail, from, files));
      } catch (err) {
        error = err ?? new Error("send failed");
      }
      stats[await finish(db, mail, workerId, clock(), error)]++;
    }
  }
  return stats;
}

const g = globalThis as unknown as { __fieldkeySmtp?: { url: string; transport: Transporter } };

/** The SMTP transport for SMTP_URL, or null when mail should stay in the outbox. */
export function smtpTransport(): Transporter | null {
  const url = env().SMTP_URL;
  if (!url) return null;
  if (g.__fieldkeySmtp?.url !== url) {
    g.__fieldkeySmtp = {
      url,
      transport: nodemailer.createTransport({ url, connectionTimeout: 30_000, greetingTimeout: 30_000, socketTimeout: 60_000 } as nodemailer.TransportOptions),
    };
  }
  return g.__fieldkeySmtp.transport;
}

/** The background job's body: deliver when SMTP is configured, else leave mail in the outbox. */
export async function deliverOutbox() {
  const transport = smtpTransport();
  if (!transport) return null;
  return runSender({ transport });
}
