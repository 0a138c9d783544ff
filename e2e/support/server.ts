/**
 * Start and stop a production FieldKey server for end-to-end tests: the
 * server `npm start` runs (lib/cli/start.ts → lib/cli/server.ts), on an
 * existing build, in its own process group, logging to a file the tests can
 * read.
 */
import { spawn, spawnSync, type ChildProcess } from "node:child_process";
import { randomBytes } from "node:crypto";
import fs from "node:fs";
import path from "node:path";

export const ROOT = path.resolve(import.meta.dirname, "..", "..");
export const TMP = path.join(ROOT, "e2e", ".tmp");
const TSX = path.join(ROOT, "node_modules", "tsx", "dist", "cli.mjs");

export type ServerInfo = { pid: number; port: number; logFile: string; env: Record<string, string> };

export function ensureBuilt() {
  // Same staleness rule as `npm start`.
  const r = spawnSync(process.execPath, [TSX, "-e", "import('./lib/cli/start.ts').then(m => process.exit(m.buildIsStale() ? 1 : 0))"], {
    cwd: ROOT,
  });
  if (r.status === 0) return;
  console.log("[e2e] building the app…");
  // next build, then the service worker (lib/cli/build.ts).
  const b = spawnSync(process.execPath, [TSX, "lib/cli/build.ts"], {
    cwd: ROOT,
    stdio: "inherit",
    env: { ...process.env, NODE_ENV: "production" },
  });
  if (b.status !== 0) throw new Error("the build failed");
}

export function startServer(port: number, env: Record<string, string>, logName = `server-${port}.log`): { child: ChildProcess; info: ServerInfo } {
  fs.mkdirSync(TMP, { recursive: true });
  const logFile = path.join(TMP, logName);
  const out = fs.openSync(logFile, "w");
  const child = spawn(process.execPath, [TSX, "lib/cli/start.ts"], {
    cwd: ROOT,
    detached: true,
    stdio: ["ignore", out, out],
    env: { ...process.env, NODE_ENV: "production", FIELDKEY_SKIP_BUILD: "1", ...env, PORT: String(port) },
  });
  child.unref();
  return { child, info: { pid: child.pid!, port, logFile, env } };
}

export async function waitForHealth(port: number, timeoutMs = 60_000) {
  const until = Date.now() + timeoutMs;
  let last = "";
  while (Date.now() < until) {
    try {
      const r = await fetch(`http://localhost:${port}/api/health`);
      if (r.ok) return;
      last = `status ${r.status}`;
    } catch (err) {
      last = (err as Error).message;
    }
    await new Promise((r) => setTimeout(r, 250));
  }
  throw new Error(`server on ${port} not healthy after ${timeoutMs} ms (${last})`);
}

export function stopServer(pid: number, signal: NodeJS.Signals = "SIGTERM") {
  try {
    process.kill(-pid, signal);
  } catch {
    /* already gone */
  }
}

/** Whether any process of a server's group (npm, sh, node) is still alive. */
export function groupAlive(pid: number) {
  try {
    process.kill(-pid, 0);
    return true;
  } catch {
    return false;
  }
}

/** Create an empty PostgreSQL database on the DATABASE_URL server and return its URL. */
export async function freshPostgresDatabase(url: string, name: string) {
  const { default: postgres } = await import("postgres");
  const admin = new URL(url);
  admin.pathname = "/postgres";
  const sql = postgres(admin.toString(), { max: 1, onnotice: () => {} });
  try {
    await sql.unsafe(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
    await sql.unsafe(`CREATE DATABASE ${name}`);
  } finally {
    await sql.end();
  }
  const u = new URL(url);
  u.pathname = "/" + name;
  return u.toString();
}

/** Fresh secrets for a server on PostgreSQL, passed in the environment as production does (lib/platform/env.ts). */
export function testSecrets(): Record<string, string> {
  return { AUTH_SECRET: randomBytes(32).toString("base64url"), FIELDKEY_BACKUP_KEYS: `k1:${randomBytes(32).toString("base64")}`, FIELDKEY_BACKUP_KEY_ID: "" };
}

export function readLog(info: ServerInfo) {
  return fs.readFileSync(info.logFile, "utf8");
}
