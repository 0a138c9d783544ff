import "server-only";
import { registerJob } from "@/lib/platform/background";
import { sendDueReminders } from "./reminders";
import { sendOverdueReminders } from "@/lib/billing/mail";
import { deliverOutbox } from "./sender";

/** Imported once at server start (lib/platform/startup.ts): mail delivery and day-before reminders. */
registerJob({
  name: "mail-sender",
  everyMs: 15_000,
  run: async () => {
    await deliverOutbox();
  },
});

registerJob({
  name: "visit-reminders",
  everyMs: 10 * 60_000,
  run: async () => {
    await sendDueReminders();
  },
});

registerJob({
  name: "invoice-overdue-reminders",
  everyMs: 30 * 60_000,
  run: async () => {
    await sendOverdueReminders();
  },
});
