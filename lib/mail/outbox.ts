import "server-only";
import { randomUUID } from "node:crypto";
import type { Executor } from "@/db/client";
import { mailOutbox, type MailAttachment } from "@/db/schema";
import { openSecret, sealSecret } from "@/lib/platform/secret-box";

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
  /**
   * A secret that appears in the text (a password-reset or invitation link's
   * token). It is never stored in the clear: the stored text shows SECRET_MASK
   * in its place, and the secret is sealed beside it until the message is sent.
   */
  secret?: string;
};

/** What admins read in place of a link's token in the outbox. */
export const SECRET_MASK = "[hidden until sent]";

/**
 * Put an email in the outbox. Always pass the transaction that makes the
 * change the email is about, so the email exists if and only if the change
 * committed. Delivery (SMTP, retries) happens later, from the outbox.
 */
export async function enqueueMail(tx: Executor, mail: OutgoingMail) {
  const id = randomUUID();
  const mask = (t: string) => (mail.secret ? t.split(mail.secret).join(SECRET_MASK) : t);
  const [row] = await tx
    .insert(mailOutbox)
    .values({
      id,
      kind: mail.kind,
      toAddress: mail.to,
      subject: mail.subject,
      textBody: mask(mail.text),
      htmlBody: mail.html ? mask(mail.html) : null,
      secretSealed: mail.secret ? sealSecret("mail-secret", id, mail.secret) : null,
      attachments: mail.attachments ?? [],
      visitId: mail.visitId ?? null,
      ...(mail.notBefore ? { nextAttemptAt: mail.notBefore } : {}),
    })
    .returning({ id: mailOutbox.id });
  return row!.id;
}

/** The text as it goes out: the sealed secret put back in place of the mask. Null when it can no longer be opened (AUTH_SECRET changed). */
export function textToSend(id: string, stored: string, secretSealed: string | null): string | null {
  if (!secretSealed) return stored;
  const secret = openSecret("mail-secret", id, secretSealed);
  return secret === null ? null : stored.split(SECRET_MASK).join(secret);
}
