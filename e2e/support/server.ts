/**
 * Start and stop a production FieldKey server for end-to-end tests. The
 * server runs in its own process group (killing only `next start` would
 * leave `next-server` behind) and logs to a file the tests can read.
 */
import { spawn, spawnSync, type ChildProcess } from "node:child_process";
import fs from "node:fs";
import path from "node:path";

export const ROOT = path.resolve(import.meta.dirname, "..", "..");
export const TMP = path.join(ROOT, "e2e", ".tmp");
const NEXT_BIN = path.join(ROOT, "node_modules", "next", "dist", "bin", "next");

export type ServerInfo = { pid: number; port: number; logFile: string; env: Record<string, string> };

export function ensureBuilt() {
  // Same staleness rule as `npm start`.
  const r = spawnSync(
    process.execPath,
    [path.join(ROOT, "node_modules", "tsx", "dist", "cli.mjs"), "-e", "import('./lib/cli/start.ts').then(m => process.exit(m.buildIsStale() ? 1 : 0))"],
    {
      cwd: ROOT,
    },
  );
  if (r.status === 0) return;
  console.log("[e2e] building the app…");
  // next build, then the service worker (lib/cli/build.ts).
  const b = spawnSync(process.execPath, [path.join(ROOT, "node_modules", "tsx", "dist", "cli.mjs"), "lib/cli/build.ts"], {
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
  const child = spawn(process.execPath, [NEXT_BIN, "start", "-p", String(port)], {
    cwd: ROOT,
    detached: true,
    stdio: ["ignore", out, out],
    env: { ...process.env, NODE_ENV: "production", ...env },
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

export function readLog(info: ServerInfo) {
  return fs.readFileSync(info.logFile, "utf8");
}
