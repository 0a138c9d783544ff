import "server-only";
import type { Executor } from "@/db/client";
import { mailOutbox, type MailAttachment } from "@/db/schema";

export type OutgoingMail = {
  /** What kind of mail this is, e.g. "booking.confirmation", "visit.en_route". */
  kind: string;
  to: string;
  subject: string;
  text: string;
  html?: string;
  attachments?: MailAttachment[];
  visitId?: string | null;
  /** Not sent before this time (e.g. the end of an undo window); default: as soon as the sender runs. */
  notBefore?: Date;
};

/**
 * Put an email in the outbox. Always pass the transaction that makes the
 * change the email is about, so the email exists if and only if the change
 * committed. Delivery (SMTP, retries) happens later, from the outbox.
 */
export async function enqueueMail(tx: Executor, mail: OutgoingMail) {
  const [row] = await tx
    .insert(mailOutbox)
    .values({
      kind: mail.kind,
      toAddress: mail.to,
      subject: mail.subject,
      textBody: mail.text,
      htmlBody: mail.html ?? null,
      attachments: mail.attachments ?? [],
      visitId: mail.visitId ?? null,
      ...(mail.notBefore ? { nextAttemptAt: mail.notBefore } : {}),
    })
    .returning({ id: mailOutbox.id });
  return row!.id;
}
