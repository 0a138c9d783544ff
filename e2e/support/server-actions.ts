/**
 * Call a server action over HTTP the way the browser does, and read its
 * ActionResult out of the RSC (flight) response. Actions are enumerated from
 * the build's server-reference manifest, so the matrix sees every one.
 */
import fs from "node:fs";
import path from "node:path";
import type { APIRequestContext } from "@playwright/test";
import { E2E_PORT } from "../../playwright.config";
import { ROOT } from "./server";

export type ManifestAction = { id: string; key: string; filename: string; exportedName: string; path: string };

const NIL = "00000000-0000-4000-8000-000000000000";

/** "app/(auth)/signin/page" -> "/signin"; "app/tech/visits/[id]/page" -> "/tech/visits/<nil uuid>". */
export function workerToPath(worker: string): string {
  const segs = worker
    .replace(/^app\//, "")
    .replace(/(^|\/)page$/, "")
    .split("/")
    .filter((s) => s && !/^\(.*\)$/.test(s))
    .map((s) => (/^\[.*\]$/.test(s) ? NIL : s));
  return "/" + segs.join("/");
}

/** Every server action in the build: `filename#exportedName` -> its id and a page path that serves it. */
export function manifestActions(): ManifestAction[] {
  const file = path.join(ROOT, ".next", "server", "server-reference-manifest.json");
  const manifest = JSON.parse(fs.readFileSync(file, "utf8")) as {
    node: Record<string, { filename: string; exportedName: string; workers: Record<string, unknown> }>;
  };
  const out: ManifestAction[] = [];
  for (const [id, a] of Object.entries(manifest.node)) {
    const pages = Object.keys(a.workers).filter((w) => w.endsWith("/page"));
    if (pages.length === 0) throw new Error(`${a.filename}#${a.exportedName} is served by no page`);
    // Prefer a page without dynamic segments (a shorter, real path).
    const worker = [...pages].sort((x, y) => Number(x.includes("[")) - Number(y.includes("[")) || x.length - y.length)[0]!;
    out.push({ id, key: `${a.filename}#${a.exportedName}`, filename: a.filename, exportedName: a.exportedName, path: workerToPath(worker) });
  }
  return out.sort((x, y) => x.key.localeCompare(y.key));
}

export type ActionOutcome =
  | { kind: "result"; result: { ok: boolean; status?: number; error?: string; data?: unknown } }
  | { kind: "redirect"; location: string }
  | { kind: "http"; status: number; body: string };

/** Parse `0:{"a":"$@1",...}` / `1:{"ok":false,...}` rows: the action's return value. */
export function parseFlight(text: string): { ok: boolean; status?: number; error?: string; data?: unknown } | null {
  const rows = new Map<string, string>();
  for (const line of text.split("\n")) {
    const m = /^([0-9a-f]+):(.*)$/.exec(line);
    if (m) rows.set(m[1]!, m[2]!);
  }
  const root = rows.get("0");
  if (!root) return null;
  const parsed = JSON.parse(root) as { a?: unknown };
  let value = parsed.a;
  if (typeof value === "string" && value.startsWith("$@")) {
    const row = rows.get(value.slice(2));
    value = row === undefined ? undefined : JSON.parse(row);
  }
  if (value && typeof value === "object" && "ok" in value) return value as { ok: boolean };
  return null;
}

export async function callAction(
  request: APIRequestContext,
  action: Pick<ManifestAction, "id" | "path">,
  input: unknown,
  opts: { origin?: string; headers?: Record<string, string> } = {},
): Promise<ActionOutcome> {
  const res = await request.post(action.path, {
    headers: {
      "Next-Action": action.id,
      Accept: "text/x-component",
      "Content-Type": "text/plain;charset=UTF-8",
      Origin: opts.origin ?? `http://localhost:${E2E_PORT}`,
      ...opts.headers,
    },
    data: JSON.stringify([input]),
    maxRedirects: 0,
    failOnStatusCode: false,
  });
  const location = res.headers()["location"] ?? res.headers()["x-action-redirect"];
  if (location && res.status() >= 300 && res.status() < 400) return { kind: "redirect", location };
  const body = await res.text();
  const result = res.status() === 200 ? parseFlight(body) : null;
  if (result) return { kind: "result", result };
  if (res.headers()["x-action-redirect"]) return { kind: "redirect", location: res.headers()["x-action-redirect"]! };
  return { kind: "http", status: res.status(), body: body.slice(0, 300) };
}

/** A short text for a cell, e.g. "401", "ok", "redirect:/signin". */
export function describeOutcome(o: ActionOutcome): string {
  if (o.kind === "redirect") return `redirect:${new URL(o.location.split(";")[0]!, "http://x").pathname}`;
  if (o.kind === "http") return `http${o.status}`;
  return o.result.ok ? "ok" : String(o.result.status);
}
