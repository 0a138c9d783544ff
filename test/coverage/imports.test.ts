/**
 * The layering rules as a test: lib/ and db/ never import app/, the
 * domain never imports the /api/v1 layer (lib/api imports the domain, never
 * the reverse), and who-may-see-what is asked of lib/auth (permissions.ts,
 * scopes.ts), never written as a role comparison.
 */
import fs from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";

const ROOT = process.cwd();

function sources(dir: string): string[] {
  const out: string[] = [];
  for (const entry of fs.readdirSync(path.join(ROOT, dir), { withFileTypes: true })) {
    const rel = path.join(dir, entry.name);
    if (entry.isDirectory()) out.push(...sources(rel));
    else if (/\.(ts|tsx)$/.test(entry.name)) out.push(rel);
  }
  return out;
}

/** Every module a file imports (static, dynamic and re-exports), as written. */
function importsOf(src: string): string[] {
  const found: string[] = [];
  for (const m of src.matchAll(/\b(?:from|import)\s*\(?\s*["']([^"']+)["']/g)) found.push(m[1]!);
  return found;
}

/** An import resolved to a path from the project root ("@/lib/api/x" and "../api/x" from lib/customers both -> "lib/api/x"). */
function resolved(file: string, spec: string): string {
  if (spec.startsWith("@/")) return spec.slice(2);
  if (spec.startsWith(".")) return path.normalize(path.join(path.dirname(file), spec));
  return spec;
}

/** Rules: which files, which imports they may not have. */
const RULES: { name: string; files: (f: string) => boolean; forbidden: (target: string) => boolean }[] = [
  { name: "lib/ never imports app/", files: (f) => f.startsWith("lib/"), forbidden: (t) => t === "app" || t.startsWith("app/") },
  { name: "db/ never imports app/", files: (f) => f.startsWith("db/"), forbidden: (t) => t === "app" || t.startsWith("app/") },
  {
    name: "domain modules never import the /api/v1 layer (lib/api/)",
    files: (f) => f.startsWith("lib/") && !f.startsWith("lib/api/"),
    forbidden: (t) => t === "lib/api" || t.startsWith("lib/api/"),
  },
];

function violations(files: Record<string, string>) {
  const out: string[] = [];
  for (const [file, src] of Object.entries(files)) {
    for (const rule of RULES) {
      if (!rule.files(file)) continue;
      for (const spec of importsOf(src)) if (rule.forbidden(resolved(file, spec))) out.push(`${file} imports ${spec} (${rule.name})`);
    }
  }
  return out;
}

/** A role compared by hand on the signed-in person (`actor.role === "admin"`, `actor?.role !== ...`). */
const ROLE_CHECK = /\bactor\??\.role\s*[!=]==?/;

const read = (files: string[]) => Object.fromEntries(files.map((f) => [f, fs.readFileSync(path.join(ROOT, f), "utf8")]));

describe("layering", () => {
  const product = read([...sources("lib"), ...sources("db"), ...sources("app")].filter((f) => !/\.test\.tsx?$/.test(f)));

  it("nothing below app/ imports it; the domain never imports lib/api", () => {
    expect(Object.keys(product).length).toBeGreaterThan(200);
    expect(violations(product)).toEqual([]);
  });

  it("who may see what comes from lib/auth: no hand-written role comparison on the actor, no role-list page gates", () => {
    const offenders = Object.entries(product)
      .filter(([file, src]) => file !== "lib/auth/permissions.ts" && (ROLE_CHECK.test(src) || /\brequireRole\(/.test(src)))
      .map(([file]) => file);
    expect(offenders).toEqual([]);
  });

  it("the checks themselves notice a violation", () => {
    expect(
      violations({
        "lib/customers/x.ts": 'import { problemResponse } from "@/lib/api/problem";\nconst m = await import("../api/route");',
        "lib/api/endpoints/x.ts": 'import { listCustomers } from "@/lib/customers/read";',
        "lib/booking/y.ts": 'export { Pager } from "@/app/_ui/pager";',
        "db/z.ts": 'import { Pager } from "../app/_ui/pager";',
      }),
    ).toEqual([
      "lib/customers/x.ts imports @/lib/api/problem (domain modules never import the /api/v1 layer (lib/api/))",
      "lib/customers/x.ts imports ../api/route (domain modules never import the /api/v1 layer (lib/api/))",
      "lib/booking/y.ts imports @/app/_ui/pager (lib/ never imports app/)",
      "db/z.ts imports ../app/_ui/pager (db/ never imports app/)",
    ]);
    expect(ROLE_CHECK.test('if (actor?.role === "admin")')).toBe(true);
    expect(ROLE_CHECK.test("if (actor.role !== role)")).toBe(true);
    expect(ROLE_CHECK.test("ROLE_HOME[actor.role]")).toBe(false);
  });
});
