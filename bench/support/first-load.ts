/**
 * First-load JavaScript of an App Router page, from the build output (.next).
 *
 * What a browser downloads on a hard load of a route: the framework's
 * `rootMainFiles` (build-manifest.json) plus the chunks of every segment of
 * that route (layouts, error/not-found boundaries, the page), listed per
 * route in `server/app/<route>/page_client-reference-manifest.js` under
 * `entryJSFiles` (not-found/forbidden/unauthorized boundaries excepted: they
 * load only when rendered). `polyfillFiles` are served `nomodule` (legacy browsers
 * only) and are left out, as Next's own "First Load JS" figure did.
 * Sizes are gzip (level 6, what `next start` sends).
 */
import fs from "node:fs";
import path from "node:path";
import vm from "node:vm";
import { gzipSync } from "node:zlib";

export type BuildManifest = { rootMainFiles?: string[]; polyfillFiles?: string[] };
export type ClientReferenceManifest = { entryJSFiles?: Record<string, string[]> };

/** Boundaries rendered only when a page answers "not found", 403 or 401: their chunks load then, not on a normal first load (the served HTML shows it). */
const ON_DEMAND_SEGMENT = /\/(not-found|forbidden|unauthorized)$/;

/** The JS files (paths relative to .next, e.g. "static/chunks/ab.js") a first load of the route fetches, in a stable order. */
export function firstLoadFiles(build: BuildManifest, client: ClientReferenceManifest | null): string[] {
  const files = new Set<string>(build.rootMainFiles ?? []);
  for (const [segment, list] of Object.entries(client?.entryJSFiles ?? {})) {
    if (ON_DEMAND_SEGMENT.test(segment)) continue;
    for (const f of list) if (f.endsWith(".js")) files.add(f.replace(/^\/?_next\//, ""));
  }
  return [...files];
}

/** Evaluate a `page_client-reference-manifest.js` (it assigns globalThis.__RSC_MANIFEST[route]) without touching this process's globals. */
export function parseClientReferenceManifest(source: string, route: string): ClientReferenceManifest | null {
  const sandbox: { __RSC_MANIFEST?: Record<string, ClientReferenceManifest> } = {};
  vm.runInNewContext(source, sandbox, { timeout: 1000 });
  return sandbox.__RSC_MANIFEST?.[route] ?? null;
}

/** The script paths (relative to .next) referenced by a served HTML page: the cross-check that the manifest method matches reality. */
export function scriptsInHtml(html: string): string[] {
  const out = new Set<string>();
  for (const m of html.matchAll(/<script[^>]*\ssrc="\/_next\/(static\/[^"?]+\.js)[^"]*"([^>]*)>/g)) if (!/nomodule/i.test(m[0])) out.add(m[1]!);
  return [...out];
}

export type FirstLoad = { route: string; files: { file: string; bytes: number; gzip: number }[]; bytes: number; gzip: number };

/** Route names as the manifests spell them: "/tech/visits/[id]/page". */
export function firstLoad(nextDir: string, route: string): FirstLoad {
  const build = JSON.parse(fs.readFileSync(path.join(nextDir, "build-manifest.json"), "utf8")) as BuildManifest;
  const manifestFile = path.join(nextDir, "server", "app", `${route}_client-reference-manifest.js`);
  const client = fs.existsSync(manifestFile) ? parseClientReferenceManifest(fs.readFileSync(manifestFile, "utf8"), route) : null;
  if (!client) throw new Error(`no client reference manifest for ${route} in ${nextDir}`);
  const files = firstLoadFiles(build, client).map((file) => {
    const buf = fs.readFileSync(path.join(nextDir, file));
    return { file, bytes: buf.length, gzip: gzipSync(buf, { level: 6 }).length };
  });
  return { route, files, bytes: files.reduce((s, f) => s + f.bytes, 0), gzip: files.reduce((s, f) => s + f.gzip, 0) };
}

/** Every app page route in a build (from app-path-routes-manifest.json keys, e.g. "/tech/visits/[id]/page"). */
export function appPageRoutes(nextDir: string): string[] {
  const m = JSON.parse(fs.readFileSync(path.join(nextDir, "app-path-routes-manifest.json"), "utf8")) as Record<string, string>;
  return Object.keys(m).filter((k) => k.endsWith("/page"));
}
