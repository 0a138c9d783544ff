import path from "node:path";
import { defineConfig } from "vitest/config";

export default defineConfig({
  resolve: {
    alias: {
      "@": path.resolve(import.meta.dirname),
      // `server-only` throws outside a React server bundle; in tests lib/ runs in plain Node.
      "server-only": path.resolve(import.meta.dirname, "test/harness/empty.ts"),
    },
  },
  test: {
    include: ["lib/**/*.test.ts", "db/**/*.test.ts", "app/**/*.test.ts", "test/**/*.test.ts", "bench/**/*.test.ts", "scripts/**/*.test.ts"],
    setupFiles: ["test/harness/setup.ts"],
    globalSetup: ["test/harness/global-setup.ts"],
    pool: "forks",
    maxWorkers: 2,
    testTimeout: 60_000,
    hookTimeout: 120_000,
    // With DATABASE_URL the test files share generated secrets through the database (lib/platform/env.ts refuses that unless allowed).
    env: { FIELDKEY_DISABLE_BACKGROUND: "1", FIELDKEY_ALLOW_DB_SECRETS: "1" },
  },
});
