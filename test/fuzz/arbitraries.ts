/**
 * fast-check generators of hostile input for the bad-input suites
 * (test/fuzz/*.test.ts): wrong types, overlong strings, unicode edge cases,
 * HTML/script, SQL fragments, path traversal, huge numbers, missing and extra
 * fields, deep nesting. `mutated(seed)` changes ONE thing in a valid input at
 * a time, so most inputs get past the outer checks and reach the deeper ones.
 */
import fc from "fast-check";

export const EDGE_STRINGS = [
  "",
  " ",
  "\u0000",
  "a\u0000b",
  "\uD800", // lone high surrogate
  "\uDC00x", // lone low surrogate
  "\u202Eevil\u202C", // right-to-left override
  "\u200B\u200C\u200D\uFEFF", // zero-width characters
  "שלום עולם",
  "مرحبا",
  "e\u0301\u0301\u0301", // combining marks
  "👩‍👩‍👧‍👦🔑",
  "\r\n\t\u000b\u000c",
  "\u0085\u2028\u2029",
  "<script>alert(1)</script>",
  '"><img src=x onerror=alert(1)>',
  "javascript:alert(1)",
  "{{7*7}}${7*7}",
  "' OR '1'='1",
  "'; DROP TABLE users; --",
  "1; SELECT pg_sleep(10)--",
  "\\x00\\'",
  "../../../../etc/passwd",
  "..\\..\\..\\windows\\system32\\config\\sam",
  "%2e%2e%2f%2e%2e%2fetc%2fpasswd",
  "/dev/null",
  "CON.txt",
  "NaN",
  "Infinity",
  "-0",
  "1e309",
  "9".repeat(400),
  "2026-02-30",
  "0000-00-00T00:00:00Z",
  "9999-12-31T23:59:59.999Z",
  "275760-09-13T00:00:00.001Z",
  "24:00",
  "00000000-0000-0000-0000-000000000000",
  "ffffffff-ffff-ffff-ffff-ffffffffffff",
  "null",
  "undefined",
  "__proto__",
  "constructor",
];

export const HUGE_NUMBERS = [
  Number.MAX_SAFE_INTEGER + 2,
  -Number.MAX_SAFE_INTEGER - 2,
  Number.MAX_VALUE,
  -Number.MAX_VALUE,
  Number.MIN_VALUE,
  2 ** 31,
  -(2 ** 31) - 1,
  2 ** 63,
  1e21,
  NaN,
  Infinity,
  -Infinity,
  -0,
  0.5,
  -1,
];

/** Strings: edge cases, overlong (10k+), random unicode, and a valid value with an edge case glued on. */
export function badString(valid?: string): fc.Arbitrary<string> {
  const arbs: fc.Arbitrary<string>[] = [
    fc.constantFrom(...EDGE_STRINGS),
    fc.integer({ min: 10_001, max: 40_000 }).chain((n) => fc.constantFrom("x".repeat(n), "é".repeat(n), "\u0000".repeat(n), "<b>".repeat(n / 3))),
    fc.string({ unit: "binary", maxLength: 40 }),
    fc.string({ unit: "grapheme", maxLength: 40 }),
  ];
  if (valid !== undefined) {
    arbs.push(fc.tuple(fc.constantFrom(...EDGE_STRINGS), fc.boolean()).map(([e, before]) => (before ? e + valid : valid + e)));
    arbs.push(fc.constantFrom(valid.toUpperCase(), ` ${valid} `, valid.slice(0, -1), valid + valid));
  }
  return fc.oneof(...arbs);
}

/** A value of the wrong type (or a hostile one of the right type). */
export function badValue(valid?: unknown): fc.Arbitrary<unknown> {
  return fc.oneof(
    { weight: 4, arbitrary: badString(typeof valid === "string" ? valid : undefined) },
    { weight: 2, arbitrary: fc.constantFrom(...HUGE_NUMBERS) },
    { weight: 1, arbitrary: fc.oneof(fc.integer(), fc.double()) },
    { weight: 2, arbitrary: fc.constantFrom<unknown>(null, undefined, true, false, [], {}, [null], [""], { "": "" }, { __proto__: { admin: true } }) },
    { weight: 1, arbitrary: deepNest() },
    { weight: 1, arbitrary: fc.array(badString(), { maxLength: 60 }) },
    { weight: 1, arbitrary: fc.anything({ maxDepth: 3, withBigInt: false, withDate: true, withNullPrototype: true }) },
  );
}

/** { a: { a: ... } } or [[[...]]] a few thousand levels deep. */
export function deepNest(): fc.Arbitrary<unknown> {
  return fc.tuple(fc.integer({ min: 50, max: 3000 }), fc.boolean()).map(([depth, arrays]) => {
    let v: unknown = "deep";
    for (let i = 0; i < depth; i++) v = arrays ? [v] : { a: v };
    return v;
  });
}

type Path = (string | number)[];

/** Every path in a JSON-like value (objects and arrays included, root excluded). */
export function pathsOf(value: unknown, prefix: Path = []): Path[] {
  if (value === null || typeof value !== "object") return [];
  const out: Path[] = [];
  const entries: [string | number, unknown][] = Array.isArray(value) ? value.map((v, i) => [i, v]) : Object.entries(value);
  for (const [k, v] of entries) {
    out.push([...prefix, k]);
    out.push(...pathsOf(v, [...prefix, k]));
  }
  return out;
}

const clone = <T>(v: T): T => structuredClone(v);

function getAt(root: unknown, path: Path): unknown {
  return path.reduce<unknown>((o, k) => (o && typeof o === "object" ? (o as Record<string | number, unknown>)[k] : undefined), root);
}

function setAt(root: unknown, path: Path, value: unknown, remove = false) {
  const parent = getAt(root, path.slice(0, -1)) as Record<string | number, unknown> | unknown[];
  const key = path[path.length - 1]!;
  if (remove) {
    if (Array.isArray(parent)) parent.splice(Number(key), 1);
    else delete (parent as Record<string | number, unknown>)[key];
  } else (parent as Record<string | number, unknown>)[key] = value;
}

export type Mutation = { kind: string; path: string; input: unknown };

/**
 * One change to a valid input: a field replaced by a bad value, removed, an
 * extra field added, an array flooded; or, now and then, a wholly random input.
 */
export function mutated(seed: unknown): fc.Arbitrary<Mutation> {
  const paths = pathsOf(seed);
  const label = (p: Path) => p.join(".") || "(root)";
  const replace = paths.length
    ? fc.constantFrom(...paths).chain((p) =>
        badValue(getAt(seed, p)).map((v) => {
          const input = clone(seed);
          setAt(input, p, v);
          return { kind: "replace", path: label(p), input };
        }),
      )
    : null;
  const remove = paths.length
    ? fc.constantFrom(...paths).map((p) => {
        const input = clone(seed);
        setAt(input, p, undefined, true);
        return { kind: "missing", path: label(p), input };
      })
    : null;
  const containers: Path[] = [
    [],
    ...paths.filter((p) => {
      const v = getAt(seed, p);
      return v !== null && typeof v === "object";
    }),
  ];
  const extra = fc
    .tuple(fc.constantFrom(...containers), fc.constantFrom("extra", "__proto__", "constructor", "id", "role", "customerId", "0"), badValue())
    .map(([p, k, v]) => {
      const input = clone(seed);
      const target = p.length ? getAt(input, p) : input;
      if (target && typeof target === "object") {
        if (Array.isArray(target)) target.push(v);
        else Object.defineProperty(target, k, { value: v, enumerable: true, writable: true, configurable: true });
      }
      return { kind: "extra", path: `${label(p)}.${k}`, input };
    });
  const whole = badValue(seed).map((input) => ({ kind: "random", path: "(root)", input }));
  return fc.oneof(
    ...(replace ? [{ weight: 8, arbitrary: replace }] : []),
    ...(remove ? [{ weight: 2, arbitrary: remove }] : []),
    { weight: 1, arbitrary: extra },
    { weight: 1, arbitrary: whole },
  );
}
