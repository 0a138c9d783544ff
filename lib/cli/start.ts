/**
 * `npm start`: build if the build is missing or older than the source, then
 * serve it with FieldKey's server (lib/cli/server.ts: Next.js's own request
 * handler, with the client's address decided from the socket and undecodable
 * paths answered 400 before the framework sees them). Secrets, migrations and
 * the first-admin link are handled by the server itself at start-up
 * (instrumentation.ts).
 */
import fs from "node:fs";
import path from "node:path";
import { buildApp } from "./build";

const root = process.cwd();
const buildId = path.join(root, ".next", "BUILD_ID");

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
  (process.env as Record<string, string>).NODE_ENV = "production";
  const port = Number(process.env.PORT ?? 3000);
  if (!Number.isInteger(port) || port < 1 || port > 65535) {
    console.error(`[fieldkey] PORT must be a port number, not "${process.env.PORT}".`);
    process.exit(1);
  }
  const { serve } = await import("./server");
  try {
    await serve({ port, dir: root });
  } catch (err) {
    console.error(`\n[fieldkey] ${(err as Error).message}\n`);
    process.exit(1);
  }
}

if (import.meta.url === `file://${process.argv[1]}`) void main();
