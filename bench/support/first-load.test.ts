import { describe, expect, it } from "vitest";
import { firstLoadFiles, parseClientReferenceManifest, scriptsInHtml } from "./first-load";

const MANIFEST_JS = `globalThis.__RSC_MANIFEST = globalThis.__RSC_MANIFEST || {};
globalThis.__RSC_MANIFEST["/tech/visits/[id]/page"] = {"moduleLoading":{"prefix":""},"entryCSSFiles":{"[project]/app/layout":[{"path":"static/chunks/a.css"}]},"entryJSFiles":{"[project]/app/layout":["static/chunks/layout.js"],"[project]/app/error":["static/chunks/layout.js","static/chunks/error.js"],"[project]/app/not-found":["static/chunks/layout.js","static/chunks/nf.js"],"[project]/app/forbidden":["static/chunks/nf.js"],"[project]/app/tech/visits/[id]/page":["static/chunks/layout.js","static/chunks/job.js","static/chunks/job.css"]}};`;

describe("first-load JS from the build manifests", () => {
  it("reads a route's client reference manifest without leaking globals", () => {
    const m = parseClientReferenceManifest(MANIFEST_JS, "/tech/visits/[id]/page");
    expect(Object.keys(m!.entryJSFiles!)).toHaveLength(5);
    expect(parseClientReferenceManifest(MANIFEST_JS, "/other/page")).toBeNull();
    expect((globalThis as { __RSC_MANIFEST?: unknown }).__RSC_MANIFEST).toBeUndefined();
  });

  it("is the framework's root files plus every segment's JS chunks, each once; polyfills, CSS and not-found/forbidden boundaries left out", () => {
    const client = parseClientReferenceManifest(MANIFEST_JS, "/tech/visits/[id]/page");
    const files = firstLoadFiles({ rootMainFiles: ["static/chunks/main.js", "static/chunks/turbopack.js"], polyfillFiles: ["static/chunks/poly.js"] }, client);
    expect(files).toEqual(["static/chunks/main.js", "static/chunks/turbopack.js", "static/chunks/layout.js", "static/chunks/error.js", "static/chunks/job.js"]);
    expect(firstLoadFiles({ rootMainFiles: ["static/chunks/main.js"] }, null)).toEqual(["static/chunks/main.js"]);
    // "/_next/" prefixes (some Next versions write them) are normalized.
    expect(firstLoadFiles({}, { entryJSFiles: { x: ["/_next/static/chunks/p.js"] } })).toEqual(["static/chunks/p.js"]);
  });

  it("lists the module scripts of served HTML (the cross-check), skipping nomodule polyfills", () => {
    const html = `<script src="/_next/static/chunks/main.js" async=""></script><script src="/_next/static/chunks/job.js?dpl=1" async></script>
      <script src="/_next/static/chunks/poly.js" noModule=""></script><script>inline()</script><script src="/_next/static/chunks/main.js"></script>`;
    expect(scriptsInHtml(html)).toEqual(["static/chunks/main.js", "static/chunks/job.js"]);
  });
});
