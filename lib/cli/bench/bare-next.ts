/**
 * The "bare Next.js page" baseline: a throw-away app with one root layout
 * and one static page (no CSS, no client components), built with this
 * checkout's Next.js under .data/bench/bare-next (git-ignored; node_modules
 * resolve from the checkout). Built once and reused while Next's version is
 * the same.
 */
import { spawnSync } from "node:child_process";
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

export function bareNextDir(root: string) {
  return path.join(root, ".data", "bench", "bare-next");
}

/** Build (if needed) and return the bare app's .next directory. */
export function buildBareNext(root: string): string {
  const dir = bareNextDir(root);
  const nextVersion = (JSON.parse(fs.readFileSync(path.join(root, "node_modules", "next", "package.json"), "utf8")) as { version: string }).version;
  const stamp = path.join(dir, ".next", "fieldkey-next-version");
  if (fs.existsSync(stamp) && fs.readFileSync(stamp, "utf8") === nextVersion) return path.join(dir, ".next");
  fs.rmSync(dir, { recursive: true, force: true });
  fs.mkdirSync(path.join(dir, "app"), { recursive: true });
  fs.writeFileSync(path.join(dir, "package.json"), JSON.stringify({ name: "bare-next", private: true, type: "module" }, null, 2));
  fs.writeFileSync(path.join(dir, "app", "layout.jsx"), LAYOUT);
  fs.writeFileSync(path.join(dir, "app", "page.jsx"), PAGE);
  const r = spawnSync(process.execPath, [path.join(root, "node_modules", "next", "dist", "bin", "next"), "build"], {
    cwd: dir,
    encoding: "utf8",
    env: { ...process.env, NODE_ENV: "production", NEXT_TELEMETRY_DISABLED: "1" },
  });
  if (r.status !== 0) throw new Error(`building the bare Next.js app failed:\n${r.stdout}\n${r.stderr}`);
  fs.writeFileSync(stamp, nextVersion);
  return path.join(dir, ".next");
}
