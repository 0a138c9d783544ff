import { defineConfig, devices } from "@playwright/test";
import { findChromium, launchOptionsFor } from "./scripts/find-browser";

// PLAYWRIGHT_CHROMIUM_PATH, else Playwright's own Chromium, else Debian's on
// PATH (with the flags a system Chromium needs). `npm test` and
// `npm run test:e2e` run scripts/ensure-browser.ts first, which installs one
// when none is found; this only looks.
const launchOptions = launchOptionsFor(findChromium());

export const E2E_PORT = Number(process.env.E2E_PORT ?? 3210);

export default defineConfig({
  testDir: "e2e",
  outputDir: "test-results",
  globalSetup: "./e2e/support/global-setup.ts",
  globalTeardown: "./e2e/support/global-teardown.ts",
  fullyParallel: false,
  workers: 1,
  retries: 0,
  timeout: 60_000,
  expect: { timeout: 10_000 },
  reporter: [["list"]],
  use: {
    baseURL: `http://localhost:${E2E_PORT}`,
    launchOptions,
    trace: "retain-on-failure",
    screenshot: "only-on-failure",
  },
  projects: [
    { name: "setup", testMatch: /.*\.setup\.ts/, use: { ...devices["Desktop Chrome"], launchOptions } },
    { name: "journeys", testMatch: /.*\.spec\.ts/, dependencies: ["setup"], use: { ...devices["Desktop Chrome"], launchOptions } },
  ],
});
