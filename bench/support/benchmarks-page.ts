/**
 * docs/benchmarks.md keeps each benchmark's method (written by hand) and its
 * latest results (written by the benchmark). A script's results go between
 *
 *   <!-- bench:<name>:start -->
 *   …
 *   <!-- bench:<name>:end -->
 *
 * each marker on a line of its own; a run replaces exactly that text and
 * nothing else. A page without the markers gets a new section at its end; a
 * page whose markers are broken is left alone and the run says why.
 */
import fs from "node:fs";
import os from "node:os";
import path from "node:path";

export const BENCHMARKS_PAGE = path.join(process.cwd(), "docs", "benchmarks.md");

const NAME = /^[a-z0-9]+(-[a-z0-9]+)*$/;

export const startMarker = (name: string) => `<!-- bench:${name}:start -->`;
export const endMarker = (name: string) => `<!-- bench:${name}:end -->`;

/** The page's markers for one name are missing a half, repeated, out of order or not on a line of their own. */
export class MalformedMarkersError extends Error {}

const escape = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");

/** Offsets of the lines that are exactly `marker` (trailing spaces and CR allowed). */
function markerLines(page: string, marker: string): number[] {
  return [...page.matchAll(new RegExp(`^${escape(marker)}[ \\t\\r]*$`, "gm"))].map((m) => m.index);
}

/** Anything that looks like one of this name's markers, however written. */
function lookalikes(page: string, name: string): number {
  return [...page.matchAll(new RegExp(`<!--\\s*bench\\s*:\\s*${escape(name)}\\s*:\\s*(start|end)\\s*-->`, "gi"))].length;
}

/**
 * `page` with the results of benchmark `name` replaced by `body`. When the page
 * has neither marker, the section is added at its end under `heading`. Throws
 * MalformedMarkersError (and changes nothing) when the markers are broken.
 */
export function replaceSection(page: string, name: string, body: string, heading = `## ${name}`): string {
  if (!NAME.test(name)) throw new Error(`benchmark section name "${name}": use lower-case letters, digits and single hyphens`);
  if (/<!--\s*bench\s*:/i.test(body)) throw new MalformedMarkersError(`the results for "${name}" contain a bench marker themselves; refusing to write them`);
  const start = startMarker(name);
  const end = endMarker(name);
  const starts = markerLines(page, start);
  const ends = markerLines(page, end);
  const block = `${start}\n${body.trim()}\n${end}`;
  const found = lookalikes(page, name);
  if (found === 0) return `${page.replace(/\s*$/, "")}\n\n${heading}\n\n${block}\n`;
  const problem =
    found !== starts.length + ends.length
      ? `a "bench:${name}" marker is misspelt or not on a line of its own`
      : starts.length !== 1 || ends.length !== 1
        ? `expected one start and one end marker, found ${starts.length} start and ${ends.length} end`
        : ends[0]! < starts[0]!
          ? "the end marker comes before the start marker"
          : null;
  if (problem)
    throw new MalformedMarkersError(
      `docs/benchmarks.md, section "${name}": ${problem} (each on its own line: ${start} … ${end}). The page was not changed; fix it by hand.`,
    );
  return page.slice(0, starts[0]!) + block + page.slice(ends[0]! + end.length).replace(/^[ \t]*/, "");
}

/** Replace benchmark `name`'s results in the benchmarks page (written only if every check passes). */
export function updateBenchmarksPage(name: string, body: string, options: { file?: string; heading?: string } = {}) {
  const file = options.file ?? BENCHMARKS_PAGE;
  const page = fs.existsSync(file) ? fs.readFileSync(file, "utf8") : "# Benchmarks\n";
  const next = replaceSection(page, name, body, options.heading);
  const tmp = `${file}.${process.pid}.tmp`;
  fs.mkdirSync(path.dirname(file), { recursive: true });
  fs.writeFileSync(tmp, next);
  fs.renameSync(tmp, file);
  return file;
}

/**
 * For a script's last step: update the page unless `--no-page` was given, and
 * say what happened. A broken page does not lose the run (it is printed above
 * and saved by the script); it sets the exit code.
 */
export function publishResults(name: string, body: string, options: { heading?: string; skip?: boolean } = {}) {
  if (options.skip) {
    console.log(`[bench] --no-page: docs/benchmarks.md left as it was`);
    return;
  }
  try {
    const file = updateBenchmarksPage(name, body, { heading: options.heading });
    console.log(`[bench] updated ${path.relative(process.cwd(), file)} (section bench:${name})`);
  } catch (err) {
    console.error(`[bench] could not update the benchmarks page: ${(err as Error).message}`);
    process.exitCode = 1;
  }
}

export type Machine = { cpus: number; cpuModel: string; memoryGiB: number; node: string; os: string; loadAverage: number[] };

export function machineNow(): Machine {
  const cpus = os.cpus();
  return {
    cpus: cpus.length,
    cpuModel: cpus[0]?.model.trim() ?? "?",
    memoryGiB: os.totalmem() / 2 ** 30,
    node: process.versions.node,
    os: `${os.type()} ${os.release()}`,
    loadAverage: os.loadavg(),
  };
}

const loads = (l: number[]) => l.map((x) => x.toFixed(2)).join(" / ");

/** "2 × Xeon, 23.5 GiB RAM, Linux 6.1, Node 20.20.2; load average (1/5/15 min) at start …, at end …" */
export function describeMachine(m: Machine, loadAverageEnd?: number[]): string {
  return `${m.cpus} × ${m.cpuModel}, ${m.memoryGiB.toFixed(1)} GiB RAM, ${m.os}, Node ${m.node}; load average (1/5/15 min) at start ${loads(m.loadAverage)}${loadAverageEnd ? `, at end ${loads(loadAverageEnd)}` : ""}`;
}

/** How the script was started, for the record (the database URL is not copied: it may hold a password). */
export function commandLine(script: string, args = process.argv.slice(2)): string {
  return `${process.env.DATABASE_URL ? "DATABASE_URL=… " : ""}npm run ${script}${args.length ? ` -- ${args.join(" ")}` : ""}`;
}
