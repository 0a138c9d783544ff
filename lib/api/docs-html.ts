import { openApiDocument } from "./openapi";
import { PROBLEM_TITLES } from "@/lib/platform/problem";

/** The readable API reference (/api/docs), rendered on the server from the OpenAPI document: no scripts at all. */
type Schema = {
  type?: string | string[];
  format?: string;
  enum?: unknown[];
  $ref?: string;
  items?: Schema;
  properties?: Record<string, Schema>;
  required?: string[];
  description?: string;
  minimum?: number;
  maximum?: number;
  default?: unknown;
  anyOf?: Schema[];
};
type Param = { name: string; in: string; required?: boolean; description?: string; schema?: Schema };
type Operation = {
  operationId: string;
  summary?: string;
  description?: string;
  tags?: string[];
  parameters?: Param[];
  responses: Record<string, { description: string; content?: Record<string, { schema?: Schema }> }>;
};

const esc = (s: unknown) => String(s ?? "").replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
const md = (s: string | undefined) =>
  esc(s ?? "")
    .replace(/`([^`]+)`/g, "<code>$1</code>")
    .replace(/\n\n/g, "</p><p>");
const refName = (ref: string) => ref.split("/").pop()!;

function typeOf(s: Schema | undefined): string {
  if (!s) return "";
  if (s.$ref) return `<a href="#schema-${esc(refName(s.$ref))}">${esc(refName(s.$ref))}</a>`;
  if (s.anyOf) return s.anyOf.map(typeOf).join(" | ");
  if (s.enum) return s.enum.map((v) => `<code>${esc(v)}</code>`).join(" | ");
  const t = Array.isArray(s.type) ? s.type.join(" | ") : (s.type ?? "any");
  if (s.type === "array") return `array of ${typeOf(s.items)}`;
  const range = s.minimum !== undefined || s.maximum !== undefined ? ` (${s.minimum ?? ""}–${s.maximum ?? ""})` : "";
  return (
    esc(t) +
    (s.format ? ` <span class="muted">${esc(s.format)}</span>` : "") +
    range +
    (s.default !== undefined ? ` <span class="muted">default ${esc(s.default)}</span>` : "")
  );
}

function operationHtml(path: string, method: string, op: Operation): string {
  const params = op.parameters ?? [];
  const rows = params
    .map(
      (p) =>
        `<tr><td><code>${esc(p.name)}</code></td><td>${esc(p.in)}</td><td>${typeOf(p.schema)}</td><td>${p.required ? "yes" : "no"}</td><td>${md(p.description ?? p.schema?.description)}</td></tr>`,
    )
    .join("");
  const responses = Object.entries(op.responses)
    .map(([status, r]) => {
      const content = Object.entries(r.content ?? {})
        .map(([ct, c]) => `<code>${esc(ct)}</code> ${typeOf(c.schema)}`)
        .join(", ");
      const link = Number(status) >= 400 ? ` <a href="#problem-${esc(status)}">(errors)</a>` : "";
      return `<li><strong>${esc(status)}</strong> ${esc(r.description)}${content ? ` — ${content}` : ""}${link}</li>`;
    })
    .join("");
  return `<section class="op" id="op-${esc(op.operationId)}" aria-labelledby="op-${esc(op.operationId)}-h">
<h3 id="op-${esc(op.operationId)}-h"><span class="method">${esc(method.toUpperCase())}</span> <code>${esc(path)}</code></h3>
<p><strong>${esc(op.summary)}</strong> <span class="muted">(${esc(op.operationId)})</span></p><p>${md(op.description)}</p>
${params.length ? `<table><caption>Parameters</caption><thead><tr><th scope="col">Name</th><th scope="col">In</th><th scope="col">Type</th><th scope="col">Required</th><th scope="col">Description</th></tr></thead><tbody>${rows}</tbody></table>` : ""}
<h4>Responses</h4><ul>${responses}</ul></section>`;
}

function schemaHtml(name: string, s: Schema): string {
  const props = Object.entries(s.properties ?? {})
    .map(
      ([k, p]) =>
        `<tr><td><code>${esc(k)}</code></td><td>${typeOf(p)}</td><td>${(s.required ?? []).includes(k) ? "yes" : "no"}</td><td>${md(p.description)}</td></tr>`,
    )
    .join("");
  return `<section id="schema-${esc(name)}" aria-labelledby="schema-${esc(name)}-h"><h3 id="schema-${esc(name)}-h">${esc(name)}</h3>${s.description ? `<p>${md(s.description)}</p>` : ""}
<table><thead><tr><th scope="col">Field</th><th scope="col">Type</th><th scope="col">Always present</th><th scope="col">Description</th></tr></thead><tbody>${props}</tbody></table></section>`;
}

const STYLE = `body{font:16px/1.5 system-ui,sans-serif;color:#0f172a;max-width:60rem;margin:0 auto;padding:1rem}code{font-family:ui-monospace,monospace;background:#f1f5f9;padding:0 .2em;border-radius:.2em}
table{border-collapse:collapse;width:100%;margin:.5rem 0;font-size:.9rem;display:block;overflow-x:auto}th,td{border-bottom:1px solid #e2e8f0;text-align:left;padding:.3rem .5rem;vertical-align:top}caption{text-align:left;font-weight:600}
.op{border:1px solid #cbd5e1;border-radius:.5rem;padding:.75rem 1rem;margin:1rem 0}.method{background:#1e40af;color:#fff;border-radius:.25rem;padding:0 .4rem;font-size:.85rem}.muted{color:#475569}
pre{background:#0f172a;color:#e2e8f0;padding:.75rem;border-radius:.5rem;white-space:pre-wrap}a{color:#1e40af}h1{font-size:1.75rem}
body{overflow-wrap:anywhere}@media(min-width:640px){nav ul{columns:2}}`;

export function apiDocsHtml(): string {
  const doc = openApiDocument() as unknown as {
    info: { title: string; version: string; description: string };
    paths: Record<string, Record<string, Operation>>;
    components?: { schemas?: Record<string, Schema> };
  };
  const ops = Object.entries(doc.paths).flatMap(([path, item]) => Object.entries(item).map(([method, op]) => ({ path, method, op })));
  const tags = [...new Set(ops.map((o) => o.op.tags?.[0] ?? "Other"))];
  const byTag = tags
    .map(
      (t) =>
        `<h2 id="tag-${esc(t.replace(/\W+/g, "-"))}">${esc(t)}</h2>` +
        ops
          .filter((o) => (o.op.tags?.[0] ?? "Other") === t)
          .map((o) => operationHtml(o.path, o.method, o.op))
          .join(""),
    )
    .join("");
  const toc = ops.map((o) => `<li><a href="#op-${esc(o.op.operationId)}">${esc(o.method.toUpperCase())} ${esc(o.path)}</a></li>`).join("");
  const errors = Object.entries(PROBLEM_TITLES)
    .map(([status, title]) => `<li id="problem-${status}"><strong>${status}</strong> ${esc(title)}</li>`)
    .join("");
  const schemas = Object.entries(doc.components?.schemas ?? {})
    .map(([n, s]) => schemaHtml(n, s))
    .join("");
  return `<!doctype html><html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width,initial-scale=1"><title>${esc(doc.info.title)} reference</title><style>${STYLE}</style></head><body><main>
<h1>${esc(doc.info.title)} <span class="muted">v${esc(doc.info.version)}</span></h1><p>${md(doc.info.description)}</p>
<p>Machine-readable: <a href="/api/v1/openapi.json">OpenAPI 3.1 document</a>.</p>
<h2 id="auth">Authentication</h2><pre>curl -H "Authorization: Bearer fk_…" https://your-fieldkey/api/v1/visits?limit=10</pre>
<h2 id="errors">Errors</h2><p>Every error is <code>application/problem+json</code> (RFC 9457):</p>
<pre>{ "type": "/api/docs#problem-422", "title": "Validation failed", "status": 422,
  "detail": "Some query parameters are not valid.",
  "errors": [{ "in": "query", "field": "limit", "detail": "Use at most 100." }] }</pre><ul>${errors}</ul>
<h2 id="operations">Operations</h2><nav aria-label="Operations"><ul>${toc}</ul></nav>${byTag}
<h2 id="schemas">Schemas</h2>${schemas}</main></body></html>`;
}
