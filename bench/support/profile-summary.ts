/**
 * Where a CPU profile of the app (bench/support/cpu-profile.cjs) spent its
 * time, by function of the original sources: the build's server chunks are
 * minified, so each sampled frame is mapped back through its chunk's source
 * map (Turbopack writes sectioned maps beside the chunks).
 */
import fs from "node:fs";
import { fileURLToPath } from "node:url";
import { SourceMapConsumer, type RawSourceMap } from "source-map-js";

type CallFrame = { functionName: string; url: string; lineNumber: number; columnNumber: number };
type ProfileNode = { id: number; callFrame: CallFrame; children?: number[] };
type Profile = { nodes: ProfileNode[]; samples: number[]; timeDeltas: number[] };
type Section = { offset: { line: number; column: number }; map: RawSourceMap };
type Mapper = { sections: { line: number; column: number; consumer: SourceMapConsumer }[] };

export type ProfileSummary = { totalMs: number; self: { where: string; share: number }[]; byPackage: { where: string; share: number }[] };

function mapperFor(url: string, cache: Map<string, Mapper | null>): Mapper | null {
  if (cache.has(url)) return cache.get(url)!;
  let mapper: Mapper | null = null;
  try {
    const file = url.startsWith("file:") ? fileURLToPath(url) : url;
    if (file.includes("/.next/") && fs.existsSync(`${file}.map`)) {
      const raw = JSON.parse(fs.readFileSync(`${file}.map`, "utf8")) as RawSourceMap & { sections?: Section[] };
      const sections = raw.sections ?? [{ offset: { line: 0, column: 0 }, map: raw }];
      mapper = { sections: sections.map((s) => ({ line: s.offset.line, column: s.offset.column, consumer: new SourceMapConsumer(s.map) })) };
    }
  } catch {
    mapper = null;
  }
  cache.set(url, mapper);
  return mapper;
}

/** "function path:line" in the original sources where a map says, else the frame as sampled. */
function describe(frame: CallFrame, cache: Map<string, Mapper | null>): string {
  const fallback = `${frame.functionName || "(anonymous)"} ${frame.url.replace(/^.*node_modules\//, "") || "(native)"}`;
  const mapper = mapperFor(frame.url, cache);
  if (!mapper) return fallback;
  const section = mapper.sections.filter((s) => s.line < frame.lineNumber || (s.line === frame.lineNumber && s.column <= frame.columnNumber)).pop();
  if (!section) return fallback;
  const line = frame.lineNumber - section.line + 1;
  const column = frame.lineNumber === section.line ? frame.columnNumber - section.column : frame.columnNumber;
  const original = section.consumer.originalPositionFor({ line, column });
  if (!original.source) return fallback;
  let source = original.source.replace(/^.*node_modules\//, "").replace(/^.*?\/(app|lib|db)\//, "$1/");
  // A package that maps to its own TypeScript (drizzle-orm's "src/…"): named after the chunk it was bundled into.
  const bundled = /node_modules_((?:@[^_]+_)?[^_]+)_/.exec(frame.url)?.[1];
  if (source.startsWith("src/") && bundled) source = `${bundled.replace("_", "/")}/${source}`;
  return `${original.name ?? (frame.functionName || "(anonymous)")} ${source}:${original.line}`;
}

const packageOf = (where: string) => {
  const file = where.slice(where.lastIndexOf(" ") + 1);
  if (/^(app|lib|db)\//.test(file)) return file.split("/").slice(0, 2).join("/");
  const parts = file.split("/");
  return parts[0]!.startsWith("@") ? `${parts[0]}/${parts[1]}` : parts[0]!.replace(/:\d+$/, "");
};

/** Self time per function (mapped), and per package or app folder, as shares of the sampled time. */
export function summarizeProfile(file: string, top = 25): ProfileSummary {
  const profile = JSON.parse(fs.readFileSync(file, "utf8")) as Profile;
  const cache = new Map<string, Mapper | null>();
  const where = new Map(profile.nodes.map((n) => [n.id, describe(n.callFrame, cache)]));
  const self = new Map<string, number>();
  const byPackage = new Map<string, number>();
  let total = 0;
  profile.samples.forEach((id, i) => {
    const dt = profile.timeDeltas[i] ?? 0;
    total += dt;
    const w = where.get(id)!;
    self.set(w, (self.get(w) ?? 0) + dt);
    byPackage.set(packageOf(w), (byPackage.get(packageOf(w)) ?? 0) + dt);
  });
  const ranked = (m: Map<string, number>) =>
    [...m]
      .sort((a, b) => b[1] - a[1])
      .slice(0, top)
      .map(([w, t]) => ({ where: w, share: t / total }));
  return { totalMs: total / 1000, self: ranked(self), byPackage: ranked(byPackage) };
}
