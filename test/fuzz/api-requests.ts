/**
 * Hostile HTTP requests for the bad-input suite: a valid request of an
 * operation (its contract case) with its path parameter, query, headers or
 * body changed by fast-check, or its body replaced by something that is not
 * JSON at all.
 */
import fc from "fast-check";
import { badString, mutated } from "@/test/fuzz/arbitraries";

export type Shape = {
  method: string;
  url: string;
  params?: Record<string, string>;
  headers?: Record<string, string>;
  body?: unknown;
  /** Every query parameter and header the operation declares (fuzzed even when the valid request omits them). */
  queryKeys?: string[];
  headerKeys?: string[];
};

export type Req = {
  kind: string;
  url: string;
  params?: Record<string, string>;
  headers: Record<string, string>;
  body?: string | Uint8Array<ArrayBuffer>;
  auth?: string;
};

/** Header values must be bytes 0x20-0xFF (fetch refuses others before any server sees them). */
export const headerSafe = (s: string) => s.replace(/[^\x20-\x7e\x80-\xff]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, "0")}`);

const jsonText = (v: unknown) => {
  try {
    return JSON.stringify(v) ?? "";
  } catch {
    return "";
  }
};

const RAW_BODIES = [
  "",
  "not json",
  "{",
  '{"a":',
  "[1,2,",
  "null",
  "[]",
  "0",
  '"text"',
  "true",
  "\u0000",
  '{"__proto__":{"admin":true}}',
  '{"a":"\\ud800"}',
  '{"a":"\\u0000"}',
  "<xml/>",
  "' OR 1=1 --",
];

const w = (weight: number, arbitrary: fc.Arbitrary<Req>) => ({ weight, arbitrary });

export function requests(shape: Shape): fc.Arbitrary<Req> {
  const base = (): Req => ({
    kind: "valid",
    url: shape.url,
    params: shape.params ? { ...shape.params } : undefined,
    headers: { ...(shape.headers ?? {}), ...(shape.body !== undefined ? { "content-type": "application/json" } : {}) },
    body: shape.body !== undefined ? JSON.stringify(shape.body) : undefined,
  });
  const arbs: { weight: number; arbitrary: fc.Arbitrary<Req> }[] = [];
  const queryKeys = shape.queryKeys ?? [];
  if (queryKeys.length) {
    arbs.push(
      w(
        8,
        fc.array(fc.tuple(fc.constantFrom(...queryKeys, "extra", "limit", "cursor"), badString()), { minLength: 1, maxLength: 4 }).map((pairs) => {
          const r = base();
          const u = new URL(r.url, "http://localhost");
          for (const [k, v] of pairs) u.searchParams.append(k, v);
          return { ...r, kind: `query ${pairs.map((p) => p[0]).join(",")}`, url: u.pathname + u.search };
        }),
      ),
    );
  }
  if (shape.params) {
    arbs.push(
      w(
        4,
        fc.oneof(badString(shape.params.id), fc.uuid()).map((id) => {
          const r = base();
          return { ...r, kind: "path id", params: { ...r.params, id } };
        }),
      ),
    );
  }
  for (const h of shape.headerKeys ?? []) {
    arbs.push(
      w(
        4,
        fc.oneof(badString(shape.headers?.[h]), fc.constant(undefined)).map((v) => {
          const r = base();
          const headers = { ...r.headers };
          if (v === undefined) delete headers[h];
          else headers[h] = headerSafe(v);
          return { ...r, kind: `header ${h}`, headers };
        }),
      ),
    );
  }
  if (shape.body !== undefined) {
    arbs.push(
      w(
        16,
        mutated(shape.body).map((m) => ({ ...base(), kind: `body ${m.kind} ${m.path}`, body: jsonText(m.input) })),
      ),
    );
    arbs.push(
      w(
        4,
        fc
          .tuple(
            fc.constantFrom(...RAW_BODIES),
            fc.constantFrom(
              "application/json",
              "text/plain",
              "application/x-www-form-urlencoded",
              "multipart/form-data; boundary=x",
              "",
              "application/json; charset=utf-16",
            ),
          )
          .map(([body, type]) => {
            const r = base();
            const headers: Record<string, string> = { ...r.headers, "content-type": type };
            if (!type) delete headers["content-type"];
            return { ...r, kind: `raw body (${type || "no type"})`, headers, body };
          }),
      ),
    );
    arbs.push(
      w(
        1,
        fc
          .constant(0)
          .map(() => ({ ...base(), kind: "body over 1 MB", body: JSON.stringify({ ...(shape.body as object), notes: "x".repeat(1024 * 1024 + 10) }) })),
      ),
    );
  }
  arbs.push(
    w(
      2,
      badString().map((t) => ({ ...base(), kind: "authorization", auth: headerSafe(`Bearer ${t}`) })),
    ),
  );
  return fc.oneof(...arbs);
}
