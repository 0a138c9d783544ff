/**
 * No database code reaches the browser: the client chunks of the build (the
 * global setup builds the app) must hold no drizzle-orm, no FieldKey table
 * definitions and no database driver. Client components import value lists
 * from lib/values, never from @/db/*; this is the check that they do.
 *
 * Each signature is a string the minifier keeps (a Symbol.for key, a
 * constraint name, an error message). So that the check cannot pass by
 * looking for strings that never exist, every signature is first found where
 * that code does live: the server bundles, or (for packages Next leaves
 * external to the server build) the package's own files.
 */
import fs from "node:fs";
import path from "node:path";
import { expect, test } from "@playwright/test";
import { ROOT } from "./support/server";

const NEXT = path.join(ROOT, ".next");

type Signature = { what: string; needle: string; provenIn: "server bundles" | string };
const SIGNATURES: Signature[] = [
  { what: "drizzle-orm", needle: "drizzle:entityKind", provenIn: "server bundles" },
  { what: "drizzle-orm/pg-core", needle: "drizzle:PgInlineForeignKeys", provenIn: "server bundles" },
  { what: "FieldKey tables (db/tables)", needle: "api_tokens_scopes_valid", provenIn: "server bundles" },
  { what: "postgres (postgres.js driver)", needle: "CONNECTION_DESTROYED", provenIn: "server bundles" },
  // serverExternalPackages: not in any bundle; proven in the package itself.
  { what: "@electric-sql/pglite", needle: "PGlite is closed", provenIn: "node_modules/@electric-sql/pglite/dist" },
];

function jsFiles(dir: string): string[] {
  if (!fs.existsSync(dir)) return [];
  return fs
    .readdirSync(dir, { recursive: true, withFileTypes: true })
    .flatMap((e) => (e.isFile() && e.name.endsWith(".js") ? [path.join(e.parentPath, e.name)] : []));
}

const contains = (files: string[], needle: string) => files.some((f) => fs.readFileSync(f, "utf8").includes(needle));

test("the build's client chunks hold no drizzle code, table definitions or database driver", () => {
  const clientChunks = jsFiles(path.join(NEXT, "static", "chunks"));
  const serverBundles = jsFiles(path.join(NEXT, "server"));
  expect(clientChunks.length, "no client chunks: was the app built?").toBeGreaterThan(10);
  expect(serverBundles.length, "no server bundles: was the app built?").toBeGreaterThan(10);

  // Not vacuous: every signature is real code somewhere.
  for (const s of SIGNATURES) {
    const where = s.provenIn === "server bundles" ? serverBundles : jsFiles(path.join(ROOT, s.provenIn));
    expect(contains(where, s.needle), `"${s.needle}" (${s.what}) is not in the ${s.provenIn}: pick another signature`).toBe(true);
  }

  const found: string[] = [];
  for (const file of clientChunks) {
    const text = fs.readFileSync(file, "utf8");
    for (const s of SIGNATURES) {
      const at = text.indexOf(s.needle);
      if (at >= 0) found.push(`${path.relative(ROOT, file)}: ${s.what} ("${s.needle}" in …${text.slice(Math.max(0, at - 60), at + s.needle.length + 20)}…)`);
    }
  }
  expect(found, `database code in the browser bundle (a client component imports @/db/* or something that does):\n${found.join("\n")}`).toEqual([]);
});
