/**
 * `npm start`: build if the build is missing or older than the source, then
 * serve with `next start`. Secrets, migrations and the first-admin link are
 * handled by the server itself at start-up (instrumentation.ts).
 */
import { spawn } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import { buildApp } from "./build";

const root = process.cwd();
const buildId = path.join(root, ".next", "BUILD_ID");
const nextBin = path.join(root, "node_modules", "next", "dist", "bin", "next");

function newestMtime(p: string): number {
  let st: fs.Stats;
  try {
    st = fs.statSync(p);
  } catch {
    return 0;
  }
  if (!st.isDirectory()) return st.mtimeMs;
  let newest = 0;
  for (const entry of fs.readdirSync(p)) {
    if (entry === "node_modules" || entry.startsWith(".")) continue;
    newest = Math.max(newest, newestMtime(path.join(p, entry)));
  }
  return newest;
}

export function buildIsStale(): boolean {
  if (!fs.existsSync(buildId)) return true;
  const built = fs.statSync(buildId).mtimeMs;
  const sources = ["app", "lib", "db", "sw", "proxy.ts", "instrumentation.ts", "next.config.ts", "package-lock.json", "postcss.config.mjs"];
  // The service worker is built after Next (lib/cli/build.ts): a build without it is not finished.
  const sw = path.join(root, "public", "sw.js");
  if (!fs.existsSync(sw) || fs.statSync(sw).mtimeMs < built) return true;
  return sources.some((s) => newestMtime(path.join(root, s)) > built);
}

async function main() {
  if (process.env.FIELDKEY_SKIP_BUILD !== "1" && buildIsStale()) {
    console.log("[fieldkey] building the app (first start or the source changed)…");
    try {
      await buildApp();
    } catch (err) {
      console.error(err instanceof Error ? err.message : err);
      process.exit(1);
    }
  }
  const port = process.env.PORT ?? "3000";
  const child = spawn(process.execPath, [nextBin, "start", "-p", port, ...process.argv.slice(2)], {
    stdio: "inherit",
    env: { ...process.env, NODE_ENV: "production" },
  });
  const forward = (sig: NodeJS.Signals) => () => child.kill(sig);
  process.on("SIGINT", forward("SIGINT"));
  process.on("SIGTERM", forward("SIGTERM"));
  child.on("exit", (code, signal) => process.exit(code ?? (signal ? 1 : 0)));
}

if (import.meta.url === `file://${process.argv[1]}`) void main();
