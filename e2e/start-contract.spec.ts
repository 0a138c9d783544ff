import { spawn } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { expect, test } from "@playwright/test";
import { ROOT, stopServer } from "./support/server";

/**
 * The README's contract: `npm start` serves the app on the embedded database
 * with no other set-up — secrets generated (0600), migrations applied, and a
 * one-time first-admin link printed. (The build already exists here; the
 * staleness check means npm start reuses it.)
 */
test("npm start on a fresh data directory serves the app and prints the first-admin link", async () => {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), "fk-start-"));
  const port = Number(process.env.E2E_PORT ?? 3210) + 88;
  const env: NodeJS.ProcessEnv = { ...process.env, PORT: String(port), FIELDKEY_DATA_DIR: dataDir };
  delete env.DATABASE_URL;
  delete env.AUTH_SECRET;
  delete env.FIELDKEY_BACKUP_KEYS;
  const child = spawn("npm", ["start"], { cwd: ROOT, env, detached: true });
  let log = "";
  child.stdout!.on("data", (d) => (log += d));
  child.stderr!.on("data", (d) => (log += d));
  const started = Date.now();
  try {
    await expect
      .poll(
        async () => {
          try {
            return (await fetch(`http://localhost:${port}/api/health`)).status;
          } catch {
            return 0;
          }
        },
        { timeout: 90_000, intervals: [250] },
      )
      .toBe(200);
    test.info().annotations.push({ type: "start-to-healthy", description: `${Date.now() - started} ms` });
    await expect.poll(() => log, { timeout: 10_000 }).toMatch(/\/setup\?token=[\w-]{20,}/);
    const secrets = path.join(dataDir, "secrets.json");
    expect(fs.statSync(secrets).mode & 0o777).toBe(0o600);
    expect(JSON.parse(fs.readFileSync(secrets, "utf8")).authSecret.length).toBeGreaterThanOrEqual(32);
    const home = await fetch(`http://localhost:${port}/`);
    expect(home.status).toBe(200);
    expect(await home.text()).toContain("Book a visit");
  } finally {
    stopServer(child.pid!);
  }
});
