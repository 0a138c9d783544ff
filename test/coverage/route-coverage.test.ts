import fs from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { NOT_IN_MATRIX, PAGE_ROUTES } from "@/e2e/support/routes";

/** Every page route under app/, as a pattern: route groups dropped, [param] = any one segment. */
function pagePatterns(dir = path.join(process.cwd(), "app"), prefix = ""): string[] {
  const out: string[] = [];
  for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
    if (entry.isFile() && entry.name === "page.tsx") out.push(prefix || "/");
    if (!entry.isDirectory() || entry.name.startsWith("_") || entry.name === "api") continue;
    const segment = /^\(.*\)$/.test(entry.name) ? "" : `/${entry.name}`;
    out.push(...pagePatterns(path.join(dir, entry.name), prefix + segment));
  }
  return out;
}

const matches = (pattern: string, url: string) => {
  const p = pattern.split("/");
  const u = url.split("?")[0]!.split("/");
  return p.length === u.length && p.every((seg, i) => /^\[.+\]$/.test(seg) || seg === u[i]);
};

describe("the authorization matrix covers every page", () => {
  it("each page under app/ has a row in e2e/support/routes.ts (or a stated reason not to)", () => {
    const patterns = pagePatterns();
    expect(patterns.length).toBeGreaterThan(30);
    const missing = patterns.filter((p) => !(p in NOT_IN_MATRIX) && !PAGE_ROUTES.some((r) => matches(p, r.path)));
    expect(missing, "add these pages to PAGE_ROUTES with the answer each visitor should get").toEqual([]);
  });

  it("each page has a row where some visitor gets the page itself, so the page scans (e2e/a11y.spec.ts) load it with data", () => {
    const unseen = pagePatterns().filter((p) => !(p in NOT_IN_MATRIX) && !PAGE_ROUTES.some((r) => matches(p, r.path) && Object.values(r).includes("ok")));
    expect(unseen, "add a row naming a real record (e2e/support/scan-fixtures.ts) that a visitor may open").toEqual([]);
  });

  it("the check itself notices a page with no row", () => {
    expect(PAGE_ROUTES.some((r) => matches("/admin/not-a-page/[id]", r.path))).toBe(false);
    expect(matches("/tech/visits/[id]", "/tech/visits/abc")).toBe(true);
  });
});
