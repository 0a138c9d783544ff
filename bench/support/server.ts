/**
 * Start and stop FieldKey the way the README says (`npm start`), in its own
 * process group (npm → tsx → lib/cli/server.ts), and time it to its
 * first 200. Loopback only.
 */
import { spawn, type ChildProcess } from "node:child_process";
import fs from "node:fs";
import path from "node:path";

export type Running = { child: ChildProcess; port: number; logFile: string; startedAt: number };

export function startApp(port: number, env: Record<string, string>, logFile: string): Running {
  fs.mkdirSync(path.dirname(logFile), { recursive: true });
  const out = fs.openSync(logFile, "w");
  // DATABASE_URL only when the caller passes it: without it the server uses PGlite in FIELDKEY_DATA_DIR.
  const base = { ...process.env };
  delete base.DATABASE_URL;
  const startedAt = performance.now();
  const child = spawn("npm", ["start"], {
    cwd: process.cwd(),
    detached: true,
    stdio: ["ignore", out, out],
    env: { ...base, NODE_ENV: "production", PORT: String(port), APP_URL: `http://127.0.0.1:${port}`, ...env },
  });
  fs.closeSync(out);
  return { child, port, logFile, startedAt };
}

/** The bare Next.js app (bench/support/bare-next.ts) with `next start`, same environment rules, its own process group. */
export function startBareNext(dir: string, port: number, logFile: string): Running {
  fs.mkdirSync(path.dirname(logFile), { recursive: true });
  const out = fs.openSync(logFile, "w");
  const startedAt = performance.now();
  const child = spawn(process.execPath, [path.join(process.cwd(), "node_modules", "next", "dist", "bin", "next"), "start", "-p", String(port)], {
    cwd: dir,
    detached: true,
    stdio: ["ignore", out, out],
    env: { ...process.env, NODE_ENV: "production", NEXT_TELEMETRY_DISABLED: "1" },
  });
  fs.closeSync(out);
  return { child, port, logFile, startedAt };
}

export async function stopApp(app: Running) {
  // npm may be gone while the server it started lives on in its group: the group is stopped either way.
  const npmAlive = app.child.exitCode === null && app.child.signalCode === null;
  const exited = npmAlive ? new Promise<void>((resolve) => app.child.once("exit", () => resolve())) : Promise.resolve();
  try {
    process.kill(-app.child.pid!, "SIGTERM");
  } catch {
    return;
  }
  const timer = setTimeout(() => {
    try {
      process.kill(-app.child.pid!, "SIGKILL");
    } catch {
      /* gone */
    }
  }, 10_000);
  await exited;
  clearTimeout(timer);
  // next-server may outlive npm for a moment: wait until the group is gone (bounded).
  for (let i = 0; i < 100; i++) {
    try {
      process.kill(-app.child.pid!, 0);
    } catch {
      return;
    }
    await sleep(100);
  }
}

export const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** Milliseconds from spawn to the first 200 of each path (polled every 25 ms; bounded by timeoutMs). */
export async function timeToFirst200(app: Running, paths: string[], timeoutMs = 90_000): Promise<Record<string, number>> {
  const found: Record<string, number> = {};
  const deadline = app.startedAt + timeoutMs;
  while (Object.keys(found).length < paths.length) {
    if (performance.now() > deadline)
      throw new Error(`no 200 from ${paths.filter((p) => !(p in found)).join(", ")} within ${timeoutMs} ms; log: ${app.logFile}`);
    if (app.child.exitCode !== null)
      throw new Error(`the server exited (${app.child.exitCode}); log: ${app.logFile}\n${fs.readFileSync(app.logFile, "utf8").slice(-2000)}`);
    await Promise.all(
      paths
        .filter((p) => !(p in found))
        .map(async (p) => {
          try {
            const r = await fetch(`http://127.0.0.1:${app.port}${p}`, { redirect: "manual", signal: AbortSignal.timeout(5000) });
            await r.arrayBuffer();
            if (r.status === 200) found[p] = performance.now() - app.startedAt;
          } catch {
            /* not listening yet */
          }
        }),
    );
    await sleep(25);
  }
  return found;
}
