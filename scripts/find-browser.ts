/**
 * Which Chromium the browser tests use — finding only, never installing, so
 * playwright.config.ts can call it synchronously. scripts/ensure-browser.ts
 * (the first step of `npm test` and `npm run test:e2e`) uses the same rules and
 * installs one when nothing is found.
 *
 * In order of preference:
 * 1. PLAYWRIGHT_CHROMIUM_PATH, when it names an executable file;
 * 2. Playwright's own Chromium, when it is in Playwright's cache (which
 *    PLAYWRIGHT_BROWSERS_PATH moves);
 * 3. a `chromium` or `chromium-browser` executable on PATH (Debian's package).
 */
import fs from "node:fs";
import path from "node:path";
import { chromium } from "playwright-core";

export type BrowserSource = "PLAYWRIGHT_CHROMIUM_PATH" | "playwright" | "PATH";
export type FoundBrowser = { path: string; source: BrowserSource };

export const PATH_NAMES = ["chromium", "chromium-browser"] as const;

/**
 * A system Chromium (Debian's) runs with these: no sandbox (tests run as root
 * in CI), no GPU, and none of its own background traffic.
 */
export const SYSTEM_CHROMIUM_ARGS = [
  "--no-sandbox",
  "--disable-gpu",
  "--disable-quic",
  "--no-first-run",
  "--disable-background-networking",
  "--disable-component-update",
  "--disable-sync",
];

export function isExecutableFile(file: string): boolean {
  try {
    if (!fs.statSync(file).isFile()) return false;
    fs.accessSync(file, fs.constants.X_OK);
    return true;
  } catch {
    return false;
  }
}

/** The first of `names` that is an executable file in a directory of `pathVar`, directory by directory. */
export function findOnPath(names: readonly string[], pathVar: string | undefined): string | undefined {
  for (const dir of (pathVar ?? "").split(path.delimiter)) {
    if (!dir) continue;
    for (const name of names) {
      const candidate = path.join(dir, name);
      if (isExecutableFile(candidate)) return candidate;
    }
  }
  return undefined;
}

/**
 * Where Playwright keeps (or would put) its own Chromium: playwright-core's
 * registry, which reads PLAYWRIGHT_BROWSERS_PATH when playwright-core loads.
 */
export function playwrightChromiumPath(): string | undefined {
  try {
    return chromium.executablePath() || undefined;
  } catch {
    return undefined; // a platform Playwright has no build for
  }
}

/** Environment variables (NodeJS.ProcessEnv without the NODE_ENV Next.js's types require). */
export type Env = Record<string, string | undefined>;

export type FindOptions = {
  env?: Env;
  /** Where Playwright's Chromium would be; the default asks playwright-core. */
  playwrightChromium?: () => string | undefined;
};

export function findChromium({ env = process.env, playwrightChromium = playwrightChromiumPath }: FindOptions = {}): FoundBrowser | undefined {
  const override = env.PLAYWRIGHT_CHROMIUM_PATH;
  if (override && isExecutableFile(override)) return { path: override, source: "PLAYWRIGHT_CHROMIUM_PATH" };
  const own = playwrightChromium();
  if (own && isExecutableFile(own)) return { path: own, source: "playwright" };
  const onPath = findOnPath(PATH_NAMES, env.PATH);
  if (onPath) return { path: onPath, source: "PATH" };
  return undefined;
}

/**
 * Playwright's launch options for what was found. Playwright's own Chromium is
 * named explicitly (so a cache holding Chromium but not its headless shell
 * still works); a system Chromium also gets SYSTEM_CHROMIUM_ARGS. With nothing
 * found, Playwright looks for its own browser and says what is missing.
 */
export function launchOptionsFor(found: FoundBrowser | undefined): { executablePath?: string; args?: string[] } {
  if (!found) return {};
  if (found.source === "playwright") return { executablePath: found.path };
  return { executablePath: found.path, args: [...SYSTEM_CHROMIUM_ARGS] };
}

export function describeSource(source: BrowserSource): string {
  switch (source) {
    case "PLAYWRIGHT_CHROMIUM_PATH":
      return "from PLAYWRIGHT_CHROMIUM_PATH";
    case "playwright":
      return "Playwright's own, from its cache";
    case "PATH":
      return "found on PATH";
  }
}
