/**
 * Background work of the report rollups: fold pending changes every few
 * seconds (so a report rarely has any to fold when it is read), and apply a
 * time-zone change in short steps. Each step locks report_state's row, so
 * several instances take turns and never do the same step twice.
 */
import "server-only";
import { getDb, type Database } from "@/db/client";
import { registerJob } from "@/lib/platform/background";
import { runReportsWork } from "./engine";

registerJob({ name: "reports-rollups", everyMs: 2_000, run: async () => void (await runReportsWork((await getDb()) as Database, { budgetMs: 800 })) });
