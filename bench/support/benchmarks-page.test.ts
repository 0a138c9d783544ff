import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { commandLine, describeMachine, MalformedMarkersError, replaceSection, updateBenchmarksPage } from "./benchmarks-page";

const PAGE = `# Benchmarks

## Slots

Method: by hand, stays.

<!-- bench:slots:start -->
old slots table
<!-- bench:slots:end -->

Notes after the slots section stay.

## Reports

<!-- bench:reports-pglite:start -->
old reports table
<!-- bench:reports-pglite:end -->
`;

describe("replaceSection", () => {
  it("replaces only the text between its own markers", () => {
    const out = replaceSection(PAGE, "slots", "| new | table |\n|---|---|\n| 1 | 2 |\n");
    expect(out).toBe(PAGE.replace("old slots table", "| new | table |\n|---|---|\n| 1 | 2 |"));
    expect(out).toContain("Method: by hand, stays.");
    expect(out).toContain("Notes after the slots section stay.");
    expect(out).toContain("old reports table");
    expect(out).not.toContain("old slots table");
  });

  it("is stable: running twice with the same results gives the same page", () => {
    const once = replaceSection(PAGE, "reports-pglite", "new figures");
    expect(replaceSection(once, "reports-pglite", "new figures")).toBe(once);
    expect(once.endsWith("<!-- bench:reports-pglite:end -->\n")).toBe(true);
  });

  it("does not confuse a name with a longer one that starts the same", () => {
    const out = replaceSection(PAGE, "reports", "plain reports");
    expect(out).toContain("old reports table");
    expect(out.endsWith("## reports\n\n<!-- bench:reports:start -->\nplain reports\n<!-- bench:reports:end -->\n")).toBe(true);
  });

  it("adds the section, markers and all, at the end when the page has no markers for it", () => {
    const out = replaceSection(PAGE, "proof", "proof figures", "## Proof (added by bench:proof)");
    expect(out.startsWith(PAGE.trimEnd())).toBe(true);
    expect(out.slice(PAGE.trimEnd().length)).toBe(
      "\n\n## Proof (added by bench:proof)\n\n<!-- bench:proof:start -->\nproof figures\n<!-- bench:proof:end -->\n",
    );
    // and the next run replaces what the first one added
    expect(replaceSection(out, "proof", "newer")).toContain("<!-- bench:proof:start -->\nnewer\n<!-- bench:proof:end -->");
  });

  it("accepts markers with trailing spaces or CRLF line ends", () => {
    const crlf = "a\r\n<!-- bench:x:start -->  \r\nold\r\n<!-- bench:x:end -->\r\nb\r\n";
    expect(replaceSection(crlf, "x", "new")).toBe("a\r\n<!-- bench:x:start -->\nnew\n<!-- bench:x:end -->\r\nb\r\n");
  });

  const broken: [string, string, RegExp][] = [
    ["a start without an end", "<!-- bench:slots:start -->\nold\n", /found 1 start and 0 end/],
    ["an end without a start", "old\n<!-- bench:slots:end -->\n", /found 0 start and 1 end/],
    ["the end before the start", "<!-- bench:slots:end -->\nold\n<!-- bench:slots:start -->\n", /end marker comes before the start/],
    ["two sections of one name", `${PAGE}\n<!-- bench:slots:start -->\nx\n<!-- bench:slots:end -->\n`, /found 2 start and 2 end/],
    ["a misspelt marker", "<!--bench:slots:start-->\nold\n<!-- bench:slots:end -->\n", /misspelt or not on a line of its own/],
    ["a marker inside a line of text", "see <!-- bench:slots:start --> here\n<!-- bench:slots:end -->\n", /misspelt or not on a line of its own/],
  ];
  for (const [what, page, message] of broken)
    it(`refuses ${what}, naming the problem`, () => {
      expect(() => replaceSection(page, "slots", "new")).toThrow(MalformedMarkersError);
      expect(() => replaceSection(page, "slots", "new")).toThrow(message);
    });

  it("refuses results that contain a marker, and names that would not make a marker", () => {
    expect(() => replaceSection(PAGE, "slots", "x\n<!-- bench:reports-pglite:end -->\n")).toThrow(MalformedMarkersError);
    expect(() => replaceSection(PAGE, "Slots!", "x")).toThrow(/lower-case letters/);
    expect(() => replaceSection(PAGE, "a:b", "x")).toThrow(/lower-case letters/);
  });
});

describe("updateBenchmarksPage", () => {
  const dirs: string[] = [];
  afterEach(() => {
    for (const d of dirs.splice(0)) fs.rmSync(d, { recursive: true, force: true });
  });
  const tempPage = (text: string | null) => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "benchmarks-page-"));
    dirs.push(dir);
    const file = path.join(dir, "docs", "benchmarks.md");
    if (text !== null) {
      fs.mkdirSync(path.dirname(file));
      fs.writeFileSync(file, text);
    }
    return file;
  };

  it("rewrites the file with the section replaced", () => {
    const file = tempPage(PAGE);
    updateBenchmarksPage("slots", "fresh", { file });
    expect(fs.readFileSync(file, "utf8")).toBe(PAGE.replace("old slots table", "fresh"));
    expect(fs.readdirSync(path.dirname(file))).toEqual(["benchmarks.md"]);
  });

  it("leaves a page with broken markers exactly as it was", () => {
    const page = "<!-- bench:slots:start -->\nold\n";
    const file = tempPage(page);
    expect(() => updateBenchmarksPage("slots", "fresh", { file })).toThrow(MalformedMarkersError);
    expect(fs.readFileSync(file, "utf8")).toBe(page);
  });

  it("starts a page when there is none", () => {
    const file = tempPage(null);
    updateBenchmarksPage("slots", "fresh", { file, heading: "## Booking slots" });
    expect(fs.readFileSync(file, "utf8")).toBe("# Benchmarks\n\n## Booking slots\n\n<!-- bench:slots:start -->\nfresh\n<!-- bench:slots:end -->\n");
  });
});

describe("run details", () => {
  it("describes the machine with its load at start and end", () => {
    const m = { cpus: 2, cpuModel: "Test CPU", memoryGiB: 23.46, node: "20.20.2", os: "Linux 6.1", loadAverage: [2.449, 2.1, 2.09] };
    expect(describeMachine(m, [1.65, 1.96, 2.04])).toBe(
      "2 × Test CPU, 23.5 GiB RAM, Linux 6.1, Node 20.20.2; load average (1/5/15 min) at start 2.45 / 2.10 / 2.09, at end 1.65 / 1.96 / 2.04",
    );
  });

  it("records the command without the database URL", () => {
    const saved = process.env.DATABASE_URL;
    try {
      process.env.DATABASE_URL = "postgres://user:secret@db/x";
      expect(commandLine("bench:slots", [])).toBe("DATABASE_URL=… npm run bench:slots");
      delete process.env.DATABASE_URL;
      expect(commandLine("bench:reports", ["--runs", "7"])).toBe("npm run bench:reports -- --runs 7");
    } finally {
      if (saved === undefined) delete process.env.DATABASE_URL;
      else process.env.DATABASE_URL = saved;
    }
  });
});
