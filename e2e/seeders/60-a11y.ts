import { mailOutbox } from "@/db/schema";
import type { Seeder } from "../support/seed";

/** One already-sent mail with an HTML body, so the accessibility scan has a mail page to open in any run order. */
const seed: Seeder = async ({ db }) => {
  const sentAt = new Date(Date.now() - 3600_000);
  await db.insert(mailOutbox).values({
    kind: "a11y-sample",
    toAddress: "a11y-sample@example.test",
    subject: "Sample mail for the accessibility scan",
    textBody: "Hello,\n\nThis mail exists so the outbox mail page can be checked.\n",
    htmlBody: "<p>Hello,</p><p>This mail exists so the outbox mail page can be checked.</p>",
    status: "sent",
    attempts: 1,
    sentAt,
    nextAttemptAt: sentAt,
  });
};
export default seed;
