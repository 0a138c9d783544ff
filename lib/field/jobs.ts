/** Background work of the field app: drop stored jobs past their time (lib/field/job-cache.ts). */
import "server-only";
import { getDb } from "@/db/client";
import { registerJob } from "@/lib/platform/background";
import { pruneJobCache } from "./job-cache";

registerJob({ name: "field-job-cache-prune", everyMs: 10 * 60_000, run: async () => void (await pruneJobCache(await getDb())) });
