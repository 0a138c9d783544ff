/**
 * Bad input for the phone's field writes (POST /api/field/writes, every kind
 * of lib/field/writes/registry.ts): a valid write of each kind with one thing
 * in its input changed by fast-check, plus broken envelopes (ids, kinds,
 * visits, references, times) and bodies that are not JSON. Never a 500; a
 * refused write changes no table except the one stored refusal in field_writes
 * (so a replay gets the same answer); a replay of any id answers the same.
 */
import fc from "fast-check";
import { count } from "drizzle-orm";
import { v7 as uuidv7 } from "uuid";
import { afterAll, beforeAll, beforeEach, describe, expect, it, vi } from "vitest";
import { getDb } from "@/db/client";
import { fieldWrites } from "@/db/schema";
import type { Actor } from "@/lib/auth/permissions";
import { FIELD_WRITE_KINDS } from "@/lib/values";
import * as writes from "@/app/api/field/writes/route";
import { badString, badValue, mutated } from "@/test/fuzz/arbitraries";
import { RowCountWatch } from "@/test/fuzz/row-counts";
import { FIELD_WRITE_SEEDS, makeActionWorld, type ActionWorld } from "./action-seeds";
import { FIELD_WRITE_MIN_INPUTS } from "./budget";

const state = vi.hoisted(() => ({ actor: null as Actor | null }));
vi.mock("@/lib/auth/actor", () => ({ getActor: async () => state.actor, requestIp: async () => "203.0.113.61" }));

let w: ActionWorld;
const watch = new RowCountWatch();
let inputs = 0;
const statuses: Record<string, number> = {};
const SLOW = 180_000;

beforeAll(async () => {
  w = await makeActionWorld();
  await watch.install();
  state.actor = w.tech;
});
beforeEach(async () => {
  await watch.reset();
});

async function storedCount() {
  const db = await getDb();
  return (await db.select({ n: count() }).from(fieldWrites))[0]!.n;
}

async function post(body: string) {
  const request = new Request("http://localhost/api/field/writes", {
    method: "POST",
    headers: { origin: "http://localhost", host: "localhost", "content-type": "application/json" },
    body,
  });
  const res = await writes.POST(request);
  const text = await res.text();
  return { status: res.status, text };
}

/** Send, then check: no 500; a refusal changed nothing but (at most) its one stored row; a replay answers the same. */
async function check(kind: string, body: string) {
  inputs++;
  const before = await storedCount();
  const first = await post(body);
  statuses[first.status] = (statuses[first.status] ?? 0) + 1;
  expect(first.status, `${kind}: ${first.text.slice(0, 300)}`).toBeLessThan(500);
  // Counted after every request (the baseline moves), checked when refused.
  const changed = await watch.changes();
  if (first.status >= 400) {
    expect(changed, `${kind} refused (${first.status}) but changed rows`).toEqual([]);
    expect((await storedCount()) - before, `${kind}: more than one stored refusal`).toBeLessThanOrEqual(1);
  }
  const stored = await storedCount();
  const again = await post(body);
  expect(again.status, `${kind}: the replay answered differently`).toBe(first.status);
  expect(await watch.changes(), `${kind}: the replay changed rows`).toEqual([]);
  expect(await storedCount(), `${kind}: the replay stored something`).toBe(stored);
}

const envelope = (kind: string, visitId: string, input: unknown, over: Record<string, unknown> = {}) =>
  JSON.stringify({ id: uuidv7(), kind, visitId, madeAt: new Date().toISOString(), input, ...over });

describe("every kind of field write refuses bad input cleanly", () => {
  it.each(FIELD_WRITE_KINDS)(
    "%s",
    async (kind) => {
      const s = FIELD_WRITE_SEEDS[kind];
      await fc.assert(
        fc.asyncProperty(mutated(s.seed(w)), async (m) => {
          const input = m.input as Record<string, unknown> | undefined;
          const visitId = s.visit?.(w) ?? (typeof input?.visitId === "string" ? input.visitId : (s.seed(w).visitId as string));
          await check(`${kind} ${m.kind} ${m.path}`, envelope(kind, visitId, m.input));
        }),
        { numRuns: 110 },
      );
    },
    SLOW,
  );

  it(
    "broken envelopes and bodies",
    async () => {
      const valid = () => ({ id: uuidv7(), kind: "visit.advance", visitId: w.visitA, madeAt: new Date().toISOString(), input: { to: "on_site" } });
      const arb = fc.oneof(
        fc.record({ field: fc.constantFrom("id", "kind", "visitId", "madeAt", "input", "refs"), value: badValue() }).map(({ field, value }) => {
          const v: Record<string, unknown> = valid();
          v[field] = value;
          return JSON.stringify(v) ?? "";
        }),
        fc
          .record({ ref: fc.constantFrom("attemptId", "caseId", "backupId", "visitId", "__proto__"), value: fc.oneof(fc.uuid(), badString()) })
          .map(({ ref, value }) =>
            JSON.stringify({ ...valid(), kind: "attempt.correct", input: FIELD_WRITE_SEEDS["attempt.correct"].seed(w), refs: { [ref]: value } }),
          ),
        fc.array(fc.constantFrom(0, 1, 2), { maxLength: 60 }).map((xs) => JSON.stringify({ writes: xs.map(() => valid()) })),
        fc.constantFrom("", "not json", "{", "null", "[]", '{"writes":null}', '{"writes":[1,2]}', '{"__proto__":{"admin":true}}', '"text"', "\u0000"),
      );
      await fc.assert(
        fc.asyncProperty(arb, async (body) => {
          await check(`envelope ${body.slice(0, 80)}`, body);
        }),
        { numRuns: 260 },
      );
    },
    SLOW,
  );
});

afterAll(() => {
  console.info(`[fuzz] field writes: ${inputs} inputs; statuses ${JSON.stringify(statuses)}`);
});

it("ran enough inputs", () => {
  expect(inputs).toBeGreaterThanOrEqual(FIELD_WRITE_MIN_INPUTS);
});
