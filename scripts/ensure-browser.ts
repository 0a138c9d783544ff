/**
 * The first step of `npm test` and `npm run test:e2e`: make sure the browser
 * tests have a Chromium before anything slow starts.
 *
 * 1.–3. find one (scripts/find-browser.ts: PLAYWRIGHT_CHROMIUM_PATH,
 *       Playwright's cache, `chromium` on PATH);
 * 4.    otherwise `playwright install --no-shell chromium` (Playwright's own
 *       download; stopped as soon as its download host proves unreachable,
 *       which here takes about 2 s, or 12 s when the host never answers);
 * 5.    otherwise, as root on Debian with apt-get, `apt-get install -y chromium`
 *       (with `apt-get update` first when the package lists lack it);
 * 6.    otherwise one line on stderr saying what to install, and exit 1.
 *
 * Progress notes go to stdout; on failure stderr holds only that one line.
 * Whatever is found, `<path> --version` must run, so a browser that cannot
 * start (missing shared libraries) is reported here and not by every journey.
 */
import { spawn, spawnSync } from "node:child_process";
import fs from "node:fs";
import { createRequire } from "node:module";
import os from "node:os";
import path from "node:path";
import { describeSource, findChromium, findOnPath, playwrightChromiumPath, type FoundBrowser } from "./find-browser";

const NO_BROWSER_LINE =
  "FieldKey's browser tests need Chromium: run \"npx playwright install chromium\", or install your system's chromium package, or set PLAYWRIGHT_CHROMIUM_PATH=/path/to/chromium";

/** Playwright's socket timeout for the download (its own default is 30 s). */
const DOWNLOAD_SOCKET_TIMEOUT_MS = 10_000;
/** The whole download, a backstop: Chromium is about 170 MB. */
const DOWNLOAD_TIMEOUT_MS = 10 * 60_000;
const APT_UPDATE_TIMEOUT_MS = 5 * 60_000;
const APT_INSTALL_TIMEOUT_MS = 15 * 60_000;
const VERSION_TIMEOUT_MS = 15_000;

/** A download that never got going: no name resolution, no connection, or no answer in time. */
const UNREACHABLE = /\b(ENOTFOUND|EAI_AGAIN|ECONNREFUSED|ECONNRESET|ENETUNREACH|EHOSTUNREACH|ETIMEDOUT)\b|timed out after \d+ ?ms/;
const ANSI = new RegExp(`${String.fromCharCode(27)}\\[[0-9;]*m`, "g");

function note(line: string) {
  process.stdout.write(`${line}\n`);
}

function fail(line: string) {
  process.stderr.write(`${line}\n`);
  process.exitCode = 1;
}

type RunResult = { code: number | null; output: string; timedOut: boolean; stoppedAt?: string; seconds: number };

/**
 * Runs a command in its own process group, so a timeout ends it and whatever
 * it started (Playwright downloads in a child process): SIGTERM first, which
 * lets Playwright release the lock on its cache, then SIGKILL. `show` decides which
 * output lines are passed on to stdout, `stopAt` which line ends the run
 * early; all the output is returned.
 */
function run(
  command: string,
  args: string[],
  opts: { env?: NodeJS.ProcessEnv; timeoutMs: number; show: (line: string) => boolean; stopAt?: (line: string) => boolean },
): Promise<RunResult> {
  const started = Date.now();
  return new Promise((resolve) => {
    const child = spawn(command, args, { env: opts.env ?? process.env, stdio: ["ignore", "pipe", "pipe"], detached: true });
    let output = "";
    let pending = "";
    let timedOut = false;
    let stoppedAt: string | undefined;
    let closed = false;
    const signal = (name: NodeJS.Signals) => {
      try {
        if (child.pid && !closed) process.kill(-child.pid, name);
      } catch {
        // already gone
      }
    };
    const stop = () => {
      signal("SIGTERM");
      setTimeout(() => signal("SIGKILL"), 3_000).unref();
    };
    const onData = (chunk: Buffer) => {
      const text = chunk.toString("utf8").replace(ANSI, "");
      output += text;
      pending += text;
      const lines = pending.split(/\r?\n|\r/);
      pending = lines.pop() ?? "";
      for (const line of lines) {
        if (line.trim() && opts.show(line)) note(`  ${line}`);
        if (stoppedAt === undefined && opts.stopAt?.(line)) {
          stoppedAt = line.trim();
          stop();
        }
      }
    };
    child.stdout.on("data", onData);
    child.stderr.on("data", onData);
    const timer = setTimeout(() => {
      timedOut = true;
      stop();
    }, opts.timeoutMs);
    const done = (code: number | null) => {
      closed = true;
      clearTimeout(timer);
      resolve({ code, output, timedOut, stoppedAt, seconds: (Date.now() - started) / 1000 });
    };
    child.on("error", (error) => {
      output += `Error: ${error.message}\n`;
      done(null);
    });
    child.on("close", done);
  });
}

/** The most telling line of a failed download's output, e.g. "getaddrinfo ENOTFOUND cdn.playwright.dev". */
function downloadFailure(result: RunResult): string {
  if (result.timedOut) return `no result after ${Math.round(result.seconds)} s, stopped`;
  if (result.stoppedAt) return result.stoppedAt.replace(/^Error:\s*/, "");
  const errors = result.output.split("\n").filter((line) => /^Error\b/.test(line.trim()));
  const cause = errors.find((line) => !/Failed to download|Download failure/.test(line)) ?? errors[0];
  return cause ? cause.trim().replace(/^Error:\s*/, "") : `exit code ${result.code}`;
}

async function tryPlaywrightDownload(): Promise<FoundBrowser | undefined> {
  if (process.env.PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD) {
    note("PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD is set: not downloading Playwright's Chromium.");
    return undefined;
  }
  // Playwright tries 5 times; when the first attempt cannot even reach the
  // download host, the other 4 would not either: stop there.
  let receiving = false;
  const cli = createRequire(import.meta.url).resolve("@playwright/test/cli");
  // Its temporary files go here, so a stopped download leaves none behind.
  const tmp = fs.mkdtempSync(path.join(os.tmpdir(), "fieldkey-browser-download-"));
  note("Trying Playwright's download: playwright install --no-shell chromium ...");
  const result = await run(process.execPath, [cli, "install", "--no-shell", "chromium"], {
    env: {
      ...process.env,
      TMPDIR: tmp,
      PLAYWRIGHT_DOWNLOAD_CONNECTION_TIMEOUT: process.env.PLAYWRIGHT_DOWNLOAD_CONNECTION_TIMEOUT ?? String(DOWNLOAD_SOCKET_TIMEOUT_MS),
    },
    timeoutMs: DOWNLOAD_TIMEOUT_MS,
    show: (line) => /^(Downloading|\||.* downloaded to )/.test(line.trim()),
    stopAt: (line) => {
      if (/^\|/.test(line.trim())) receiving = true;
      return !receiving && UNREACHABLE.test(line);
    },
  });
  fs.rmSync(tmp, { recursive: true, force: true });
  // Chromium can be in place even if a later part (ffmpeg) failed; main() checks it starts.
  const found = findChromium();
  if (found) return found;
  note(`  download failed after ${result.seconds.toFixed(1)} s: ${downloadFailure(result)}`);
  return undefined;
}

async function tryApt(): Promise<FoundBrowser | undefined> {
  const aptGet = findOnPath(["apt-get"], process.env.PATH);
  if (process.getuid?.() !== 0 || !fs.existsSync("/etc/debian_version") || !aptGet) return undefined;
  const env = { ...process.env, DEBIAN_FRONTEND: "noninteractive" };
  const all = () => true;
  note("Trying Debian's package: apt-get install -y chromium ...");
  let install = await run(aptGet, ["install", "-y", "-q", "chromium"], { env, timeoutMs: APT_INSTALL_TIMEOUT_MS, show: all });
  if (install.code !== 0 && !install.timedOut && /Unable to locate package|has no installation candidate|404\s+Not Found/.test(install.output)) {
    note("The package lists lack it: apt-get update, then again ...");
    const update = await run(aptGet, ["update", "-q"], { env, timeoutMs: APT_UPDATE_TIMEOUT_MS, show: all });
    if (update.code === 0) install = await run(aptGet, ["install", "-y", "-q", "chromium"], { env, timeoutMs: APT_INSTALL_TIMEOUT_MS, show: all });
  }
  if (install.code !== 0) {
    note(`  apt-get failed after ${install.seconds.toFixed(1)} s${install.timedOut ? " (stopped: no result in time)" : ""}`);
    return undefined;
  }
  const found = findChromium();
  if (!found) note(`  apt-get installed chromium (${install.seconds.toFixed(1)} s), but there is no chromium on PATH (Debian's is /usr/bin/chromium)`);
  return found;
}

/** `<path> --version`, or why it would not run. */
function version(found: FoundBrowser): { ok: true; version: string } | { ok: false; reason: string } {
  const run = spawnSync(found.path, ["--version"], { encoding: "utf8", timeout: VERSION_TIMEOUT_MS });
  const out = `${run.stdout ?? ""}`.trim();
  if (run.status === 0 && out) return { ok: true, version: out.split("\n").pop()!.trim() };
  const reason = run.error?.message ?? (`${run.stderr ?? ""}`.trim().split("\n").pop() || `exit code ${run.status}`);
  return { ok: false, reason };
}

async function main() {
  const override = process.env.PLAYWRIGHT_CHROMIUM_PATH;
  let found = findChromium();
  if (override && found?.source !== "PLAYWRIGHT_CHROMIUM_PATH") note(`PLAYWRIGHT_CHROMIUM_PATH=${override} is not an executable file; looking elsewhere.`);
  if (!found) {
    note(`No Chromium for the browser tests yet (none in Playwright's cache at ${playwrightChromiumPath() ?? "?"}, no chromium on PATH).`);
    found = (await tryPlaywrightDownload()) ?? (await tryApt());
  }
  if (!found) return fail(NO_BROWSER_LINE);
  const v = version(found);
  if (!v.ok) {
    return fail(
      `FieldKey's browser tests need a Chromium that starts: ${found.path} (${describeSource(found.source)}) does not (${v.reason}); install its libraries ("npx playwright install-deps chromium"), or set PLAYWRIGHT_CHROMIUM_PATH=/path/to/chromium`,
    );
  }
  note(`Chromium for the browser tests: ${found.path} (${describeSource(found.source)}; ${v.version})`);
}

await main();
