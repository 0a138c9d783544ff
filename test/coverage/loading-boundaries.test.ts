/**
 * Loading skeletons (loading.tsx) without losing real 404s.
 *
 * 1. Every page of the office and the customer portal shows a skeleton while
 *    its data loads: a loading.tsx in the page's own folder (a route group
 *    such as app/admin/visits/(list)/ gives a list page its own).
 * 2. A loading.tsx makes Next stream a 200 at once, so a notFound() thrown
 *    below it can no longer change the status (documented Next behaviour).
 *    A page that can answer 404 must have no loading.tsx at or above it,
 *    unless a layout between them says "not found" first (a layout renders
 *    outside its own folder's loading.tsx) and no loading.tsx sits above that
 *    layout.
 */
import fs from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";

type Tree = Map<string, string>; // file path (relative, "/"-separated) → source

const SAYS_NOT_FOUND = /\bnotFound\(\)|\borNotFound\(/;

function readTree(root: string): Tree {
  const tree: Tree = new Map();
  const walk = (dir: string) => {
    for (const e of fs.readdirSync(dir, { withFileTypes: true })) {
      const full = path.join(dir, e.name);
      if (e.isDirectory()) walk(full);
      else if (/^(page|layout|loading)\.tsx$/.test(e.name))
        tree.set(path.relative(process.cwd(), full).split(path.sep).join("/"), fs.readFileSync(full, "utf8"));
    }
  };
  walk(root);
  return tree;
}

const dirOf = (file: string) => file.slice(0, file.lastIndexOf("/"));
/** The folder and its ancestors up to (and including) app. */
const upFrom = (dir: string) => {
  const out: string[] = [];
  for (let d = dir; d.startsWith("app"); d = d.includes("/") ? dirOf(d) : "") out.push(d);
  return out;
};

/** Pages whose 404 would be streamed as a 200, with why. */
export function soft404s(tree: Tree): string[] {
  const problems: string[] = [];
  for (const [file, source] of tree) {
    if (!file.endsWith("/page.tsx") || !SAYS_NOT_FOUND.test(source)) continue;
    const chain = upFrom(dirOf(file)); // own folder first
    const shield = chain.findIndex((d) => SAYS_NOT_FOUND.test(tree.get(`${d}/layout.tsx`) ?? ""));
    // With a shielding layout at chain[shield], loadings strictly above it are the problem; without one, any loading at or above the page.
    const exposed = shield === -1 ? chain : chain.slice(shield + 1);
    const loading = exposed.find((d) => tree.has(`${d}/loading.tsx`));
    if (loading) problems.push(`${file}: can answer 404, but ${loading}/loading.tsx streams a 200 first`);
  }
  return problems;
}

/** Pages of these areas without a skeleton of their own. */
export function pagesWithoutSkeleton(tree: Tree, areas: string[], exempt: Record<string, string>): string[] {
  return [...tree.keys()].filter(
    (f) => f.endsWith("/page.tsx") && areas.some((a) => f.startsWith(a)) && !(f in exempt) && !tree.has(`${dirOf(f)}/loading.tsx`),
  );
}

/**
 * The areas checked. The technician's day and job pages are being rebuilt to
 * render from the phone's own store (issue #14), so their loading states come
 * with that work; their calendar page is checked now.
 */
const AREAS = ["app/admin/", "app/portal/", "app/tech/calendar/"];
/** Pages of those areas deliberately without a skeleton, and why. */
const EXEMPT: Record<string, string> = {};

describe("loading skeletons", () => {
  const tree = readTree(path.join(process.cwd(), "app"));

  it("every office and portal page has its own loading.tsx", () => {
    expect(pagesWithoutSkeleton(tree, AREAS, EXEMPT)).toEqual([]);
  });

  it("no page that can answer 404 sits below a loading.tsx that would stream a 200 first", () => {
    expect(soft404s(tree)).toEqual([]);
  });

  it("the checks notice a skeleton above a 404, accept a layout that says not found first, and notice a page with no skeleton", () => {
    const page = "export default async function P() { notFound(); }";
    const bad: Tree = new Map([
      ["app/x/loading.tsx", ""],
      ["app/x/[id]/page.tsx", page],
    ]);
    expect(soft404s(bad)).toEqual(["app/x/[id]/page.tsx: can answer 404, but app/x/loading.tsx streams a 200 first"]);
    const shielded: Tree = new Map([
      ["app/x/(list)/loading.tsx", ""],
      ["app/x/[id]/layout.tsx", "await orNotFound(read())"],
      ["app/x/[id]/loading.tsx", ""],
      ["app/x/[id]/page.tsx", page],
    ]);
    expect(soft404s(shielded)).toEqual([]);
    const above: Tree = new Map([...shielded, ["app/x/loading.tsx", ""]]);
    expect(soft404s(above)).toEqual(["app/x/[id]/page.tsx: can answer 404, but app/x/loading.tsx streams a 200 first"]);
    expect(pagesWithoutSkeleton(new Map([["app/admin/y/page.tsx", ""]]), ["app/admin/"], {})).toEqual(["app/admin/y/page.tsx"]);
  });
});
