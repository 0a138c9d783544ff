import "server-only";
import { getDatabaseHandle } from "@/db/client";
import { registerJob } from "@/lib/platform/background";
import { runEmbeddedMaintenance } from "./embedded-maintenance";

registerJob({ name: "embedded-vacuum", everyMs: 60_000, run: async () => void (await runEmbeddedMaintenance(await getDatabaseHandle())) });
