/**
 * Periodic work of this instance (mail delivery, reminders). Each job claims
 * its rows in the database, so several instances can run it side by side.
 * Jobs register themselves here; the timers never keep the process alive.
 */
import { isDatabaseUnavailable } from "@/lib/platform/errors";

type Job = { name: string; everyMs: number; run: () => Promise<void> };
const jobs: Job[] = [];

export function registerJob(job: Job) {
  jobs.push(job);
}

/**
 * Between two statements of a long job: lets the requests that arrived meanwhile queue their queries first. On the
 * embedded database every query takes turns on one connection, and a job that awaits one statement after another
 * never gives the event loop's I/O phase a turn: a request waited for the job's whole run (800 ms), not one batch.
 */
export const letRequestsIn = () => new Promise<void>((resolve) => setImmediate(resolve));

const g = globalThis as unknown as { __fieldkeyBackground?: boolean };

export function startBackgroundWork() {
  if (g.__fieldkeyBackground || process.env.FIELDKEY_DISABLE_BACKGROUND === "1") return;
  g.__fieldkeyBackground = true;
  for (const job of jobs) {
    let running = false;
    const tick = async () => {
      if (running) return;
      running = true;
      try {
        await job.run();
      } catch (err) {
        if (isDatabaseUnavailable(err)) console.error(`[fieldkey] background job ${job.name}: the database is unavailable; will retry`);
        else console.error(`[fieldkey] background job ${job.name} failed:`, err);
      } finally {
        running = false;
      }
    };
    setInterval(tick, job.everyMs).unref();
  }
}
