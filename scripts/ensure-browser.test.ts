/**
 * The browser check the way a newcomer meets it: a fresh HOME, an empty
 * Playwright cache, no PLAYWRIGHT_CHROMIUM_PATH and a PATH with no chromium
 * (only `node`, which tsx's `#!/usr/bin/env node` needs; /usr/bin is left out
 * because it may hold a chromium). Run through node_modules/.bin/tsx, as
 * `npm test` runs it.
 */
import { spawn } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import type { Env } from "./find-browser";

const ROOT = path.resolve(import.meta.dirname, "..");
const TSX = path.join(ROOT, "node_modules", ".bin", "tsx");
const SCRIPT = path.join(ROOT, "scripts", "ensure-browser.ts");

const NO_BROWSER_LINE =
  "FieldKey's browser tests need Chromium: run \"npx playwright install chromium\", or install your system's chromium package, or set PLAYWRIGHT_CHROMIUM_PATH=/path/to/chromium";
/**
 * Measured here (the download host's name does not resolve): about 2 s on an
 * idle machine, 7–12 s with a load average of 10 on 2 cores.
 */
const FAIL_WITHIN_S = 30;

const temps: string[] = [];
afterEach(() => {
  for (const dir of temps.splice(0)) fs.rmSync(dir, { recursive: true, force: true });
});

function tempDir(name: string): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), `fk-ensure-${name}-`));
  temps.push(dir);
  return dir;
}

/** A fresh HOME, an empty PLAYWRIGHT_BROWSERS_PATH and a PATH of one directory holding only `node`. */
function newcomer() {
  const home = tempDir("home");
  const browsers = tempDir("browsers");
  const bin = tempDir("bin");
  fs.symlinkSync(process.execPath, path.join(bin, "node"));
  // Playwright's download host is one that refuses at once (a closed loopback port), so the test
  // behaves the same on every machine: it never fetches 170 MB on each run where the real host
  // answers, and exercises the fallback that machines without that host depend on.
  const env: Env = { HOME: home, PLAYWRIGHT_BROWSERS_PATH: browsers, PATH: bin, PLAYWRIGHT_DOWNLOAD_HOST: "http://127.0.0.1:9" };
  return { home, browsers, bin, env };
}

/** An executable node script at dir/name (found through PATH's `node`). */
function nodeScript(dir: string, name: string, body: string): string {
  const file = path.join(dir, name);
  fs.writeFileSync(file, `#!/usr/bin/env node\n${body}\n`);
  fs.chmodSync(file, 0o755);
  return file;
}

const FAKE_CHROMIUM = `console.log("Chromium 1.2.3 fake");`;

type Run = { code: number | null; stdout: string; stderr: string; seconds: number };

function runCheck(env: Env): Promise<Run> {
  const started = Date.now();
  return new Promise((resolve, reject) => {
    const child = spawn(TSX, [SCRIPT], { cwd: ROOT, env: env as NodeJS.ProcessEnv, stdio: ["ignore", "pipe", "pipe"] });
    let stdout = "";
    let stderr = "";
    child.stdout.on("data", (d: Buffer) => (stdout += d.toString()));
    child.stderr.on("data", (d: Buffer) => (stderr += d.toString()));
    child.on("error", reject);
    child.on("close", (code) => resolve({ code, stdout, stderr, seconds: (Date.now() - started) / 1000 }));
  });
}

function reportedPath(stdout: string): string | undefined {
  return /^Chromium for the browser tests: (.+) \(/m.exec(stdout)?.[1];
}

describe("scripts/ensure-browser.ts on a machine with nothing", () => {
  it("fails at once with the one clear line when nothing can be found or fetched", async () => {
    const { env } = newcomer();
    const run = await runCheck(env);
    const transcript = `exit ${run.code} after ${run.seconds.toFixed(1)} s\n--- stdout\n${run.stdout}--- stderr\n${run.stderr}`;
    // Nothing to find, so Playwright's download is tried (apt-get is not on this PATH), and refused.
    expect(run.stdout, transcript).toContain("Trying Playwright's download");
    expect(run.code, transcript).toBe(1);
    expect(run.stderr, transcript).toBe(`${NO_BROWSER_LINE}\n`);
    expect(run.stdout, transcript).not.toContain("Chromium for the browser tests:");
    expect(run.seconds, transcript).toBeLessThan(FAIL_WITHIN_S);
  }, 60_000);
});

describe("scripts/ensure-browser.ts", () => {
  it("uses PLAYWRIGHT_CHROMIUM_PATH when it is executable, without downloading", async () => {
    const { bin, env } = newcomer();
    const chrome = nodeScript(tempDir("custom"), "chrome", FAKE_CHROMIUM);
    const run = await runCheck({ ...env, PLAYWRIGHT_CHROMIUM_PATH: chrome });
    expect(run.code, run.stdout + run.stderr).toBe(0);
    expect(reportedPath(run.stdout)).toBe(chrome);
    expect(run.stdout).toContain("Chromium 1.2.3 fake");
    expect(run.stdout).not.toContain("Trying");
    expect(run.stderr).toBe("");
    // The same with the fake on PATH instead.
    fs.copyFileSync(chrome, path.join(bin, "chromium"));
    const onPath = await runCheck(env);
    expect(onPath.code, onPath.stdout + onPath.stderr).toBe(0);
    expect(reportedPath(onPath.stdout)).toBe(path.join(bin, "chromium"));
  });

  it("says a PLAYWRIGHT_CHROMIUM_PATH that is not executable is ignored, then fails with the one line", async () => {
    const { env } = newcomer();
    const notExecutable = path.join(tempDir("custom"), "chrome");
    fs.writeFileSync(notExecutable, "not a browser");
    const run = await runCheck({ ...env, PLAYWRIGHT_CHROMIUM_PATH: notExecutable, PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD: "1" });
    expect(run.code).toBe(1);
    expect(run.stdout).toContain(`PLAYWRIGHT_CHROMIUM_PATH=${notExecutable} is not an executable file`);
    expect(run.stdout).toContain("PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD is set");
    expect(run.stderr).toBe(`${NO_BROWSER_LINE}\n`);
  });

  it("reports a Chromium that does not start, instead of letting every journey fail", async () => {
    const { env } = newcomer();
    const broken = nodeScript(tempDir("custom"), "chrome", `console.error("error while loading shared libraries: libnss3.so"); process.exit(127);`);
    const run = await runCheck({ ...env, PLAYWRIGHT_CHROMIUM_PATH: broken });
    expect(run.code).toBe(1);
    expect(run.stderr.trim().split("\n")).toHaveLength(1);
    expect(run.stderr).toContain(`${broken} (from PLAYWRIGHT_CHROMIUM_PATH) does not (error while loading shared libraries: libnss3.so)`);
  });

  const rootOnDebian = process.getuid?.() === 0 && fs.existsSync("/etc/debian_version");
  it.runIf(rootOnDebian)("as root on Debian: apt-get install chromium, with apt-get update first when the lists lack it", async () => {
    const { bin, env } = newcomer();
    const log = path.join(tempDir("apt"), "calls.json");
    // A stand-in apt-get on this PATH: refuses until "updated", then "installs" a chromium into the same directory.
    nodeScript(
      bin,
      "apt-get",
      `const fs = require("node:fs"), path = require("node:path");
       const log = ${JSON.stringify(log)};
       const calls = fs.existsSync(log) ? JSON.parse(fs.readFileSync(log, "utf8")) : [];
       calls.push({ args: process.argv.slice(2).join(" "), frontend: process.env.DEBIAN_FRONTEND });
       fs.writeFileSync(log, JSON.stringify(calls));
       const updated = calls.some((c) => c.args.startsWith("update"));
       if (process.argv[2] === "install" && !updated) { console.error("E: Unable to locate package chromium"); process.exit(100); }
       if (process.argv[2] === "install") {
         const chrome = path.join(${JSON.stringify(bin)}, "chromium");
         fs.writeFileSync(chrome, ${JSON.stringify(`#!/usr/bin/env node\n${FAKE_CHROMIUM}\n`)});
         fs.chmodSync(chrome, 0o755);
       }`,
    );
    const run = await runCheck({ ...env, PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD: "1" });
    expect(run.code, run.stdout + run.stderr).toBe(0);
    const calls = JSON.parse(fs.readFileSync(log, "utf8")) as { args: string; frontend: string }[];
    expect(calls).toEqual([
      { args: "install -y -q chromium", frontend: "noninteractive" },
      { args: "update -q", frontend: "noninteractive" },
      { args: "install -y -q chromium", frontend: "noninteractive" },
    ]);
    expect(run.stdout).toContain("E: Unable to locate package chromium");
    expect(reportedPath(run.stdout)).toBe(path.join(bin, "chromium"));
    expect(run.stderr).toBe("");
  });
});

describe("package.json", () => {
  it("runs the browser check first in npm test and npm run test:e2e, and not in test:unit", () => {
    const { scripts } = JSON.parse(fs.readFileSync(path.join(ROOT, "package.json"), "utf8")) as { scripts: Record<string, string> };
    expect(scripts.test).toMatch(/^tsx scripts\/ensure-browser\.ts && /);
    expect(scripts["test:e2e"]).toMatch(/^tsx scripts\/ensure-browser\.ts && playwright test$/);
    expect(scripts["test:unit"]).not.toContain("ensure-browser");
  });
});
