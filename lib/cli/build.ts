/**
 * `npm run build`: `next build`, then the service worker (Serwist, from
 * sw/sw.ts into public/sw.js). The service worker is built after Next so it
 * can precache exactly the prerendered offline shell and the chunks that
 * shell loads, and carry the shell's Content-Security-Policy (the same policy
 * as the pages, lib/platform/csp.ts). `npm start`, the e2e harness and the
 * benchmarks build through here.
 */
import { spawnSync } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import { buildCsp, NONCE_PLACEHOLDER } from "@/lib/platform/csp";

const root = process.cwd();
const nextBin = path.join(root, "node_modules", "next", "dist", "bin", "next");
export const SHELL_URL = "/offline/tech-shell";
const SHELL_HTML = path.join(".next", "server", "app", "offline", "tech-shell.html");
export const SW_FILE = path.join("public", "sw.js");

const ASSET = /static\/(?:chunks|media|css)\/[A-Za-z0-9_.~-]+\.(?:js|css|woff2|svg|png|webp)/g;

/**
 * What the offline shell needs, as paths under .next: the chunks and CSS its
 * HTML names (also those only in its inline flight data; not the noModule
 * polyfills), the chunks of its lazily loaded parts (react-loadable-manifest),
 * and, transitively, every chunk those chunks load on demand (a form's zod
 * schema, …): offline, a chunk not cached is a screen that cannot open.
 */
export function shellAssets(nextDir: string, html: string, loadable: string[]): string[] {
  const nomodule = new Set([...html.matchAll(/<script src="\/_next\/(static\/[^"]+)" noModule=""/g)].map((m) => m[1]));
  const seen = new Set<string>();
  const queue: string[] = [];
  const add = (f: string) => {
    if (nomodule.has(f) || seen.has(f) || !fs.existsSync(path.join(nextDir, f))) return;
    seen.add(f);
    queue.push(f);
  };
  for (const m of html.matchAll(ASSET)) add(m[0]);
  for (const f of loadable) add(f);
  while (queue.length) {
    const f = queue.pop()!;
    if (!f.endsWith(".js") && !f.endsWith(".css")) continue;
    for (const m of fs.readFileSync(path.join(nextDir, f), "utf8").matchAll(ASSET)) add(m[0]);
  }
  return [...seen].sort();
}

export async function buildServiceWorker() {
  const shellPath = path.join(root, SHELL_HTML);
  if (!fs.existsSync(shellPath)) throw new Error(`${SHELL_HTML} is missing: the offline shell must be prerendered by next build`);
  const html = fs.readFileSync(shellPath, "utf8");
  const loadableFile = path.join(root, ".next", "server", "app", "offline", "tech-shell", "page", "react-loadable-manifest.json");
  const loadable = fs.existsSync(loadableFile)
    ? Object.values(JSON.parse(fs.readFileSync(loadableFile, "utf8")) as Record<string, { files?: string[] }>).flatMap((e) => e.files ?? [])
    : [];
  const assets = shellAssets(path.join(root, ".next"), html, loadable).map((f) => `.next/${f}`);
  const { serwist } = await import("@serwist/next/config");
  const { runBuildCommand } = await import("@serwist/cli");
  const config = await serwist({
    swSrc: "sw/sw.ts",
    swDest: SW_FILE,
    // Only the shell among prerendered pages, and only what it loads: no page with user data is ever precached.
    precachePrerendered: false,
    globPatterns: [...assets, SHELL_HTML],
    esbuildOptions: {
      format: "iife",
      define: {
        __SHELL_CSP__: JSON.stringify(buildCsp(NONCE_PLACEHOLDER)),
        __SHELL_URL__: JSON.stringify(SHELL_URL),
        __NONCE_PLACEHOLDER__: JSON.stringify(NONCE_PLACEHOLDER),
      },
    },
  });
  await runBuildCommand({ config, watch: false });
  if (!fs.existsSync(path.join(root, SW_FILE))) throw new Error(`the service worker build wrote no ${SW_FILE}`);
}

/** next build, then the service worker. Throws when either fails. */
export async function buildApp() {
  const r = spawnSync(process.execPath, [nextBin, "build"], { stdio: "inherit", env: { ...process.env, NODE_ENV: "production" } });
  if (r.status !== 0) throw new Error("next build failed");
  await buildServiceWorker();
}

if (import.meta.url === `file://${process.argv[1]}`) {
  buildApp().catch((err) => {
    console.error(err instanceof Error ? err.message : err);
    process.exit(1);
  });
}
