import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";

/**
 * Every relative link in README.md and docs/*.md leads somewhere: the file
 * exists, and a #fragment names a heading (GitHub's anchor for it) or an
 * explicit <a id> of the Markdown file it points into.
 */

const ROOT = process.cwd();

/** The documentation files checked, relative to `root`. */
function docFiles(root: string): string[] {
  const docs = fs.existsSync(path.join(root, "docs"))
    ? fs
        .readdirSync(path.join(root, "docs"))
        .filter((f) => f.endsWith(".md"))
        .map((f) => `docs/${f}`)
    : [];
  return ["README.md", ...docs.sort()];
}

/** The text with fenced code blocks, inline code and HTML comments blanked out (links there are not links). */
function prose(markdown: string): string {
  return markdown
    .replace(/^( {0,3})(`{3,}|~{3,})[^\n]*\n[\s\S]*?^\1\2[^\n]*$/gm, "")
    .replace(/<!--[\s\S]*?-->/g, "")
    .replace(/(`+)[\s\S]*?\1/g, "code");
}

/** GitHub's anchor for a heading: rendered text, lower-case, punctuation dropped, spaces to hyphens; repeats get -1, -2… */
function anchors(markdown: string): Set<string> {
  const seen = new Map<string, number>();
  const out = new Set<string>();
  const withoutFences = markdown.replace(/^( {0,3})(`{3,}|~{3,})[^\n]*\n[\s\S]*?^\1\2[^\n]*$/gm, "");
  for (const [, text] of withoutFences.matchAll(/^ {0,3}#{1,6}[ \t]+(.*?)[ \t#]*$/gm)) {
    const rendered = text!
      .replace(/!?\[([^\]]*)\]\([^)]*\)/g, "$1")
      .replace(/<[^>]+>/g, "")
      .replace(/[`*]/g, "");
    const base = rendered
      .toLowerCase()
      .replace(/[^\p{L}\p{M}\p{N}\p{Pc} -]/gu, "")
      .replace(/ /g, "-");
    const n = seen.get(base) ?? 0;
    seen.set(base, n + 1);
    out.add(n === 0 ? base : `${base}-${n}`);
  }
  for (const [, id] of markdown.matchAll(/<a\s+(?:id|name)="([^"]+)"/g)) out.add(id!);
  return out;
}

/** Link targets in a Markdown text: inline links and images, and reference definitions. */
function linkTargets(markdown: string): string[] {
  const text = prose(markdown);
  const inline = [...text.matchAll(/!?\[(?:[^\]\\]|\\.)*\]\(\s*<?([^)\s>]+)>?(?:\s+"[^"]*")?\s*\)/g)].map((m) => m[1]!);
  const definitions = [...text.matchAll(/^ {0,3}\[[^\]]+\]:\s*<?(\S+?)>?(?:\s+"[^"]*")?\s*$/gm)].map((m) => m[1]!);
  return [...inline, ...definitions];
}

/** Every broken relative link of `files` (paths relative to `root`), as "file: target (why)". */
function brokenLinks(root: string, files: string[]): string[] {
  const problems: string[] = [];
  const anchorCache = new Map<string, Set<string>>();
  const anchorsOf = (file: string) => {
    if (!anchorCache.has(file)) anchorCache.set(file, anchors(fs.readFileSync(file, "utf8")));
    return anchorCache.get(file)!;
  };
  for (const file of files) {
    const abs = path.join(root, file);
    for (const target of linkTargets(fs.readFileSync(abs, "utf8"))) {
      if (/^[a-z][a-z0-9+.-]*:/i.test(target) || target.startsWith("//")) continue; // https:, mailto: …
      const [rawPath, fragment] = target.split("#", 2) as [string, string | undefined];
      const linkPath = decodeURIComponent(rawPath);
      if (path.isAbsolute(linkPath)) {
        problems.push(`${file}: ${target} (use a path relative to the file)`);
        continue;
      }
      const resolved = linkPath ? path.resolve(path.dirname(abs), linkPath) : abs;
      if (!resolved.startsWith(root + path.sep) && resolved !== root) {
        problems.push(`${file}: ${target} (outside the repository)`);
        continue;
      }
      if (!fs.existsSync(resolved)) {
        problems.push(`${file}: ${target} (no such file)`);
        continue;
      }
      if (fragment === undefined) continue;
      if (!resolved.endsWith(".md")) problems.push(`${file}: ${target} (a #fragment only works into a Markdown file)`);
      else if (!anchorsOf(resolved).has(decodeURIComponent(fragment)))
        problems.push(`${file}: ${target} (no heading with that anchor in ${path.relative(root, resolved)})`);
    }
  }
  return problems;
}

describe("documentation links", () => {
  it("every relative link and anchor in README.md and docs/*.md resolves", () => {
    const files = docFiles(ROOT);
    expect(files.length).toBeGreaterThan(5);
    expect(brokenLinks(ROOT, files)).toEqual([]);
  });

  it("the README links to every docs page", () => {
    const linked = new Set(linkTargets(fs.readFileSync(path.join(ROOT, "README.md"), "utf8")).map((t) => t.split("#")[0]));
    expect(docFiles(ROOT).filter((f) => f !== "README.md" && !linked.has(f))).toEqual([]);
  });
});

describe("the link check itself", () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "docs-links-"));
  afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));
  fs.mkdirSync(path.join(dir, "docs"));
  fs.mkdirSync(path.join(dir, "lib"));
  fs.writeFileSync(path.join(dir, "lib", "code.ts"), "");
  fs.writeFileSync(
    path.join(dir, "README.md"),
    [
      "# Title",
      "See [ops](docs/ops.md), [its start](docs/ops.md#first-start), [the code](lib/code.ts), [here](#title),",
      "[the web](https://example.com/x#y) and [mail](mailto:a@b.c).",
      "```",
      "[not a link](docs/nowhere.md)",
      "```",
      "`[not a link either](docs/nowhere.md)`",
      "[missing](docs/missing.md), [bad anchor](docs/ops.md#no-such-heading), [code anchor](lib/code.ts#L3),",
      "[outside](../elsewhere.md), [absolute](/docs/ops.md)",
      "[ref]: docs/gone.md",
    ].join("\n"),
  );
  fs.writeFileSync(
    path.join(dir, "docs", "ops.md"),
    "# Ops\n\n## First start\n\n## `npm run` (bench:slots)\n\n## First start\n\nBack to [the README](../README.md#title), [slots](#npm-run-benchslots), [again](#first-start-1).\n",
  );

  it("finds missing files, unknown anchors, anchors into code, links out of the repository and absolute paths, and nothing else", () => {
    expect(brokenLinks(dir, docFiles(dir))).toEqual([
      "README.md: docs/missing.md (no such file)",
      "README.md: docs/ops.md#no-such-heading (no heading with that anchor in docs/ops.md)",
      "README.md: lib/code.ts#L3 (a #fragment only works into a Markdown file)",
      "README.md: ../elsewhere.md (outside the repository)",
      "README.md: /docs/ops.md (use a path relative to the file)",
      "README.md: docs/gone.md (no such file)",
    ]);
  });

  it("makes GitHub's anchors: punctuation dropped, code and links unwrapped, repeats numbered", () => {
    const a = anchors(
      '# REST API (`/api/v1`)\n## In the field (technician\'s day)\n## Reports\n## Reports\n## [Linked](x.md) *heading*\n```\n# not a heading\n```\n<a id="custom"></a>',
    );
    expect([...a]).toEqual(["rest-api-apiv1", "in-the-field-technicians-day", "reports", "reports-1", "linked-heading", "custom"]);
  });
});
