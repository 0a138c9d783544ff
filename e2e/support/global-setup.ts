import fs from "node:fs";
import path from "node:path";
import { E2E_PORT } from "../../playwright.config";
import { spawnSync } from "node:child_process";
import { ensureBuilt, freshPostgresDatabase, readLog, ROOT, startServer, testSecrets, TMP, waitForHealth } from "./server";
import { startMailbox } from "./mailbox";
import { writeState } from "./state";

/** Build if needed, then start one server on a fresh database (PGlite dir, or a fresh PostgreSQL database). */
export default async function globalSetup() {
  fs.rmSync(TMP, { recursive: true, force: true });
  fs.mkdirSync(TMP, { recursive: true });
  ensureBuilt();
  const dataDir = path.join(TMP, "data");
  const env: Record<string, string> = {
    FIELDKEY_DATA_DIR: dataDir,
    APP_URL: `http://localhost:${E2E_PORT}`,
    // The journeys play several clients from one machine: they name their address in X-Forwarded-For, as
    // one trusted reverse proxy would (e2e/api-matrix.spec.ts, e2e/session-security.spec.ts). The default
    // (no proxy: the socket's address, forwarding headers ignored) is proved by e2e/client-address.spec.ts.
    FIELDKEY_TRUSTED_PROXY_HOPS: "1",
    // The integrations journey's webhook receiver listens on this machine (refused by default: lib/webhooks/target.ts).
    FIELDKEY_WEBHOOKS_ALLOW_PRIVATE: "1",
  };
  // Every email goes out over SMTP to the runner's mailbox, where journeys follow the links in them (e2e/support/mailbox.ts).
  const mailbox = await startMailbox();
  env.SMTP_URL = mailbox.url;
  if (process.env.DATABASE_URL) {
    env.DATABASE_URL = await freshPostgresDatabase(process.env.DATABASE_URL, `fieldkey_e2e_${E2E_PORT}`);
    // With a PostgreSQL server the secrets come from the environment (lib/platform/env.ts), as in production.
    Object.assign(env, testSecrets());
  }
  // Fixtures go in before the server starts (it will hold the embedded database's lock).
  const seed = spawnSync(process.execPath, [path.join(ROOT, "node_modules/tsx/dist/cli.mjs"), "--conditions=react-server", "e2e/support/seed.ts"], {
    cwd: ROOT,
    stdio: "inherit",
    env: { ...process.env, ...env, FIELDKEY_DISABLE_BACKGROUND: "1" },
  });
  if (seed.status !== 0) throw new Error("seeding the e2e database failed");
  const { info } = startServer(E2E_PORT, env);
  try {
    await waitForHealth(E2E_PORT);
  } catch (err) {
    console.error(readLog(info));
    throw err;
  }
  // The first-admin link is printed once at start.
  let token: string | undefined;
  for (let i = 0; i < 40 && !token; i++) {
    token = /\/setup\?token=([\w-]+)/.exec(readLog(info))?.[1];
    if (!token) await new Promise((r) => setTimeout(r, 250));
  }
  if (!token) throw new Error("no setup token in the server log:\n" + readLog(info));
  writeState({ server: info, setupToken: token, databaseKind: env.DATABASE_URL ? "postgres" : "pglite", dataDir });
  return () => mailbox.close();
}
