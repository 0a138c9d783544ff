import "server-only";
import { getDb } from "@/db/client";
import { registerJob } from "@/lib/platform/background";
import { pruneRateLimitBuckets } from "./rate-limit";

registerJob({ name: "rate-limit-prune", everyMs: 10 * 60_000, run: async () => pruneRateLimitBuckets(await getDb()) });
