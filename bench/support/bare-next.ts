/**
 * The "bare Next.js" baselines: a throw-away app built with this checkout's
 * Next.js under .data/bench/bare-next (git-ignored; node_modules resolve from
 * the checkout), with one root layout (no CSS, no client components) and
 *  - `/`, a static page: the first-load JS baseline;
 *  - `/dynamic`, the same heading rendered per request (it reads the request
 *    headers, as every FieldKey page does for its CSP nonce), and
 *  - `/api/ping`, a route handler answering `{"ok":true}`:
 *    the framework's own floor for "a page vs a route handler" under load.
 * Built once and reused while Next's version and these sources are the same.
 */
import { spawnSync } from "node:child_process";
import { createHash } from "node:crypto";
import fs from "node:fs";
import path from "node:path";

const LAYOUT = `export const metadata = { title: "Bare" };
export default function RootLayout({ children }) {
  return (<html lang="en"><body>{children}</body></html>);
}
`;
const PAGE = `export default function Page() {
  return <main><h1>Hello</h1></main>;
}
`;

const DYNAMIC_PAGE = `import { headers } from "next/headers";
export default async function Page() {
  await headers();
  return <main><h1>Hello</h1></main>;
}
`;
const PING_ROUTE = `export const dynamic = "force-dynamic";
export function GET() {
  return Response.json({ ok: true });
}
`;
const SOURCES: Record<string, string> = {
  "app/layout.jsx": LAYOUT,
  "app/page.jsx": PAGE,
  "app/dynamic/page.jsx": DYNAMIC_PAGE,
  "app/api/ping/route.js": PING_ROUTE,
};

export function bareNextDir(root: string) {
  return path.join(root, ".data", "bench", "bare-next");
}

/** Build (if needed) and return the bare app's .next directory. */
export function buildBareNext(root: string): string {
  const dir = bareNextDir(root);
  const nextVersion = (JSON.parse(fs.readFileSync(path.join(root, "node_modules", "next", "package.json"), "utf8")) as { version: string }).version;
  const version = `${nextVersion} ${createHash("sha256").update(JSON.stringify(SOURCES)).digest("hex").slice(0, 16)}`;
  const stamp = path.join(dir, ".next", "fieldkey-next-version");
  if (fs.existsSync(stamp) && fs.readFileSync(stamp, "utf8") === version) return path.join(dir, ".next");
  fs.rmSync(dir, { recursive: true, force: true });
  fs.mkdirSync(dir, { recursive: true });
  fs.writeFileSync(path.join(dir, "package.json"), JSON.stringify({ name: "bare-next", private: true, type: "module" }, null, 2));
  for (const [file, text] of Object.entries(SOURCES)) {
    fs.mkdirSync(path.dirname(path.join(dir, file)), { recursive: true });
    fs.writeFileSync(path.join(dir, file), text);
  }
  const r = spawnSync(process.execPath, [path.join(root, "node_modules", "next", "dist", "bin", "next"), "build"], {
    cwd: dir,
    encoding: "utf8",
    env: { ...process.env, NODE_ENV: "production", NEXT_TELEMETRY_DISABLED: "1" },
  });
  if (r.status !== 0) throw new Error(`building the bare Next.js app failed:\n${r.stdout}\n${r.stderr}`);
  fs.writeFileSync(stamp, version);
  return path.join(dir, ".next");
}
