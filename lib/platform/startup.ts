import { getDatabaseHandle } from "@/db/client";
import { DatabaseLockedError } from "@/db/lock";
import { env } from "@/lib/platform/env";

/** Server start: open + migrate the database (fail fast), print the setup link if no admin exists. */
export async function startServer() {
  let e: ReturnType<typeof env>;
  try {
    e = env();
  } catch (err) {
    console.error(`\n[fieldkey] ${(err as Error).message}\n`);
    process.exit(1);
  }
  let kind: string;
  try {
    kind = (await getDatabaseHandle()).kind;
  } catch (err) {
    if (err instanceof DatabaseLockedError) {
      console.error(`\n[fieldkey] ${err.message}\n`);
      process.exit(1);
    }
    // A real server may be down at start: report it and let requests (and the background jobs) retry.
    console.error("[fieldkey] could not open the database at start-up; requests will retry:", (err as Error).message);
    await startJobs();
    return;
  }
  console.log(`[fieldkey] database ready (${kind === "pglite" ? `embedded, ${e.dataDir}/pglite` : "PostgreSQL server"})`);
  const { issueSetupToken } = await import("@/lib/auth/setup");
  const token = await issueSetupToken();
  if (token) {
    const base = e.APP_URL ?? `http://localhost:${process.env.PORT ?? 3000}`;
    console.log(
      `\n[fieldkey] No admin account yet. Create the first one at:\n\n    ${base}/setup?token=${token}\n\n` +
        `[fieldkey] This one-time link is valid until it is used or the server restarts.\n`,
    );
  }
  await startJobs();
}

/** Mail delivery, webhooks, reminders…: each run opens the database itself, so they also start when it was down at start-up. */
async function startJobs() {
  // Background jobs register themselves when imported.
  await Promise.all([
    import("@/lib/mail/jobs"),
    import("@/lib/webhooks/deliver"),
    import("@/lib/webhooks/overdue"),
    import("@/lib/vendor-cases/reminders"),
    import("@/lib/platform/rate-limit-job"),
    import("@/lib/platform/embedded-maintenance-job"),
    import("@/lib/reports/jobs"),
    import("@/lib/field/jobs"),
  ]);
  const { startBackgroundWork } = await import("@/lib/platform/background");
  startBackgroundWork();
}
