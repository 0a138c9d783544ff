import { spawnSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { findChromium, findOnPath, isExecutableFile, launchOptionsFor, SYSTEM_CHROMIUM_ARGS, type Env } from "./find-browser";

const ROOT = path.resolve(import.meta.dirname, "..");
const TSX = path.join(ROOT, "node_modules", ".bin", "tsx");

const temps: string[] = [];
afterEach(() => {
  for (const dir of temps.splice(0)) fs.rmSync(dir, { recursive: true, force: true });
});

function tempDir(): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "fk-find-browser-"));
  temps.push(dir);
  return dir;
}

/** A file at dir/name with the given mode (0o755: executable; 0o644: not). */
function fakeFile(dir: string, name: string, mode = 0o755): string {
  const file = path.join(dir, name);
  fs.mkdirSync(path.dirname(file), { recursive: true });
  fs.writeFileSync(file, "#!/bin/sh\necho fake\n");
  fs.chmodSync(file, mode);
  return file;
}

/** A fake world: an override file, Playwright's cached Chromium and two PATH directories. */
function world() {
  const root = tempDir();
  const override = fakeFile(root, "custom/chrome");
  const cached = fakeFile(root, "ms-playwright/chromium-1/chrome-linux64/chrome");
  const binA = path.join(root, "a");
  const binB = path.join(root, "b");
  fs.mkdirSync(binA);
  fs.mkdirSync(binB);
  const onPath = fakeFile(binB, "chromium");
  const PATH = [binA, binB].join(path.delimiter);
  return { root, override, cached, binA, binB, onPath, PATH };
}

describe("findChromium", () => {
  it("prefers PLAYWRIGHT_CHROMIUM_PATH, then Playwright's cache, then PATH", () => {
    const w = world();
    const cache = () => w.cached;
    expect(findChromium({ env: { PLAYWRIGHT_CHROMIUM_PATH: w.override, PATH: w.PATH }, playwrightChromium: cache })).toEqual({
      path: w.override,
      source: "PLAYWRIGHT_CHROMIUM_PATH",
    });
    expect(findChromium({ env: { PATH: w.PATH }, playwrightChromium: cache })).toEqual({ path: w.cached, source: "playwright" });
    fs.rmSync(w.cached);
    expect(findChromium({ env: { PATH: w.PATH }, playwrightChromium: cache })).toEqual({ path: w.onPath, source: "PATH" });
    expect(findChromium({ env: { PATH: w.binA }, playwrightChromium: cache })).toBeUndefined();
    expect(findChromium({ env: {}, playwrightChromium: () => undefined })).toBeUndefined();
  });

  it("ignores a PLAYWRIGHT_CHROMIUM_PATH that is not an executable file", () => {
    const w = world();
    const cache = () => w.cached;
    const notExecutable = fakeFile(w.root, "custom/not-executable", 0o644);
    for (const bad of [notExecutable, path.join(w.root, "custom"), path.join(w.root, "missing")]) {
      expect(findChromium({ env: { PLAYWRIGHT_CHROMIUM_PATH: bad, PATH: w.PATH }, playwrightChromium: cache })).toEqual({
        path: w.cached,
        source: "playwright",
      });
    }
    expect(findChromium({ env: { PLAYWRIGHT_CHROMIUM_PATH: "", PATH: w.PATH }, playwrightChromium: () => undefined })?.source).toBe("PATH");
  });

  it("ignores a cached Chromium that is not executable, and PATH entries that are not", () => {
    const w = world();
    fs.chmodSync(w.cached, 0o644);
    fakeFile(w.binA, "chromium", 0o644);
    fs.mkdirSync(path.join(w.binA, "chromium-browser"));
    expect(findChromium({ env: { PATH: w.PATH }, playwrightChromium: () => w.cached })).toEqual({ path: w.onPath, source: "PATH" });
  });
});

describe("findOnPath", () => {
  it("searches directory by directory, chromium before chromium-browser, and skips empty entries", () => {
    const w = world();
    const browserA = fakeFile(w.binA, "chromium-browser");
    expect(findOnPath(["chromium", "chromium-browser"], w.PATH)).toBe(browserA);
    expect(findOnPath(["chromium", "chromium-browser"], `${path.delimiter}${w.binB}${path.delimiter}${w.binA}`)).toBe(w.onPath);
    fakeFile(w.binA, "chromium");
    expect(findOnPath(["chromium", "chromium-browser"], w.PATH)).toBe(path.join(w.binA, "chromium"));
    expect(findOnPath(["chromium"], undefined)).toBeUndefined();
    expect(findOnPath(["chromium"], "")).toBeUndefined();
  });

  it("isExecutableFile: an executable regular file (through a symlink too), not a directory or a plain file", () => {
    const dir = tempDir();
    const exe = fakeFile(dir, "exe");
    fs.symlinkSync(exe, path.join(dir, "link"));
    expect(isExecutableFile(exe)).toBe(true);
    expect(isExecutableFile(path.join(dir, "link"))).toBe(true);
    expect(isExecutableFile(fakeFile(dir, "plain", 0o644))).toBe(false);
    expect(isExecutableFile(dir)).toBe(false);
    expect(isExecutableFile(path.join(dir, "missing"))).toBe(false);
  });
});

describe("launchOptionsFor", () => {
  it("gives a system Chromium its flags, Playwright's own none, and nothing found no options", () => {
    expect(launchOptionsFor({ path: "/usr/bin/chromium", source: "PATH" })).toEqual({ executablePath: "/usr/bin/chromium", args: SYSTEM_CHROMIUM_ARGS });
    expect(launchOptionsFor({ path: "/opt/c", source: "PLAYWRIGHT_CHROMIUM_PATH" })).toEqual({ executablePath: "/opt/c", args: SYSTEM_CHROMIUM_ARGS });
    expect(launchOptionsFor({ path: "/cache/chrome", source: "playwright" })).toEqual({ executablePath: "/cache/chrome" });
    expect(launchOptionsFor(undefined)).toEqual({});
    expect(SYSTEM_CHROMIUM_ARGS).toEqual([
      "--no-sandbox",
      "--disable-gpu",
      "--disable-quic",
      "--no-first-run",
      "--disable-background-networking",
      "--disable-component-update",
      "--disable-sync",
    ]);
  });
});

describe("Playwright's cache, through playwright-core", () => {
  /** findChromium() in a fresh process (playwright-core reads PLAYWRIGHT_BROWSERS_PATH when it loads). */
  function findIn(env: Env): { cachePath: string; found: unknown } {
    const code = `import { findChromium, playwrightChromiumPath } from "./scripts/find-browser.ts";
      console.log(JSON.stringify({ cachePath: playwrightChromiumPath(), found: findChromium() ?? null }));`;
    const run = spawnSync(TSX, ["-e", code], { cwd: ROOT, env: env as NodeJS.ProcessEnv, encoding: "utf8" });
    expect(run.status, run.stderr).toBe(0);
    return JSON.parse(run.stdout.trim().split("\n").pop()!);
  }

  it("respects PLAYWRIGHT_BROWSERS_PATH and finds Playwright's Chromium once the file is there", () => {
    const browsers = tempDir();
    const bin = tempDir();
    fs.symlinkSync(process.execPath, path.join(bin, "node"));
    const env = { HOME: tempDir(), PATH: bin, PLAYWRIGHT_BROWSERS_PATH: browsers };

    const before = findIn(env);
    expect(before.cachePath.startsWith(browsers + path.sep)).toBe(true);
    expect(before.found).toBeNull();

    fakeFile(path.dirname(before.cachePath), path.basename(before.cachePath));
    expect(findIn(env).found).toEqual({ path: before.cachePath, source: "playwright" });
  });
});
