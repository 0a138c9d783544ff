/**
 * Bad-input property tests of EVERY server action (each `defineAction` export
 * of app/** /actions.ts and app/** /*-actions.ts, found by glob): one valid
 * input per action, mutated one field at a time by fast-check (plus wholly
 * random inputs). Each input runs as an actor who passes the action's gate.
 * Never a 500 or a thrown error; a refused input leaves every table's row count unchanged.
 */
import fc from "fast-check";
import { afterAll, beforeAll, beforeEach, describe, expect, it, vi } from "vitest";
import type { Actor } from "@/lib/auth/permissions";
import { mutated } from "@/test/fuzz/arbitraries";
import { RowCountWatch } from "@/test/fuzz/row-counts";
import { ACTION_SEEDS, EXCLUDED, makeActionWorld, type ActionWorld, type Role } from "./action-seeds";
import { ACTION_MIN_INPUTS, API_MIN_INPUTS, FIELD_WRITE_MIN_INPUTS } from "./budget";

const state = vi.hoisted(() => ({ actor: null as Actor | null }));
vi.mock("@/lib/auth/actor", () => ({
  getActor: async () => state.actor,
  // The actor's session, fully signed in (two-step sign-in has its own tests: lib/auth/two-factor.test.ts).
  getSessionState: async () =>
    state.actor
      ? { kind: "signed-in", sessionId: "00000000-0000-4000-8000-00000000000a", actor: state.actor, secondFactor: true, enrolled: true }
      : { kind: "signed-out" },
  requestIp: async () => `203.0.113.${1 + Math.floor(Math.random() * 250)}`, // spread over addresses so per-address limits do not end the run early
}));
// Outside a request Next's cache functions have no store to revalidate.
vi.mock("next/cache", () => ({ revalidatePath: () => {}, revalidateTag: () => {}, updateTag: () => {}, refresh: () => {} }));
// next-auth needs Next's request scope (and does not load in plain Node): a stand-in whose signIn refuses
// the credentials, as the real one does for every fuzzed email/password (lib/users has the credentials tests).
vi.mock("next-auth", () => {
  class AuthError extends Error {}
  class CredentialsSignin extends AuthError {
    code = "credentials";
  }
  return { AuthError, CredentialsSignin };
});
vi.mock("@/lib/auth/config", async () => {
  const { CredentialsSignin } = await import("next-auth");
  return { signIn: async () => Promise.reject(new CredentialsSignin()), signOut: async () => {}, auth: async () => null, handlers: {} };
});

type Action = (raw: unknown) => Promise<{ ok: boolean; status?: number; error?: string }>;
const modules = import.meta.glob<Record<string, unknown>>(["/app/**/actions.ts", "/app/**/*-actions.ts"]);

const actions: { name: string; file: string; fn: Action }[] = [];
let w: ActionWorld;
const watch = new RowCountWatch();
let inputs = 0;
const statuses: Record<string, number> = {};

beforeAll(async () => {
  for (const [file, load] of Object.entries(modules)) {
    for (const [name, fn] of Object.entries(await load())) if (typeof fn === "function") actions.push({ name, file, fn: fn as Action });
  }
  w = await makeActionWorld();
  await watch.install();
});

const actorFor = (role: Role, world = w): Actor | null =>
  role === "admin" ? world.admin : role === "tech" ? world.tech : role === "customer" ? world.custA : null;

it("finds the action modules, and every exported action has an actor and a valid input (or a stated exclusion)", () => {
  expect(Object.keys(modules).length).toBeGreaterThanOrEqual(15);
  const names = actions.map((a) => a.name);
  expect(names.length).toBeGreaterThanOrEqual(45);
  const missing = names.filter((n) => !ACTION_SEEDS[n] && !EXCLUDED[n]);
  expect(missing, `actions with no row in test/fuzz/action-seeds.ts`).toEqual([]);
  expect(
    Object.keys(ACTION_SEEDS).filter((n) => !names.includes(n)),
    "rows for actions that no longer exist",
  ).toEqual([]);
});

it("the seeds are valid: each passes the gate and the schema (not a 401/403/422 before mutation)", async () => {
  // On a world of its own, so the fuzzing below starts from untouched visits (a seed accepted here completes or cancels one).
  const own = await makeActionWorld();
  for (const { name, fn } of actions) {
    const s = ACTION_SEEDS[name];
    if (!s) continue;
    state.actor = actorFor(s.as, own);
    const r = await fn(structuredClone(s.seed(own)));
    const fine = s.seedStatus ? r.status === s.seedStatus : r.ok || ![401, 403, 422, 500].includes(r.status ?? 0);
    expect([name, fine], `${name}: ${JSON.stringify(r)}`).toEqual([name, true]);
  }
});

const RUNS = 150;
/** Per-test timeout: on a busy shared machine one action's inputs can take tens of seconds. */
const SLOW = 180_000;

describe("every action refuses bad input cleanly", () => {
  beforeEach(async () => {
    await watch.reset();
  });
  it.each(Object.keys(ACTION_SEEDS))(
    "%s",
    async (name) => {
      const action = actions.find((a) => a.name === name);
      expect(action, `${name} is not exported by any action module`).toBeDefined();
      const s = ACTION_SEEDS[name]!;
      state.actor = actorFor(s.as);
      await fc.assert(
        fc.asyncProperty(mutated(s.seed(w)), async (m) => {
          inputs++;
          let r: Awaited<ReturnType<Action>>;
          try {
            r = await action!.fn(m.input);
          } catch (err) {
            throw new Error(`${name} threw on ${m.kind} ${m.path}: ${String(err)}`);
          }
          const key = r.ok ? "ok" : String(r.status);
          statuses[key] = (statuses[key] ?? 0) + 1;
          expect(r.status, `${name} answered 500 on ${m.kind} ${m.path}: ${r.error}`).not.toBe(500);
          const changed = await watch.changes();
          if (!r.ok) expect(changed, `${name} refused (${r.status} ${r.error}) ${m.kind} ${m.path} but changed rows`).toEqual([]);
        }),
        { numRuns: s.runs ?? RUNS },
      );
    },
    SLOW,
  );
});

const started = performance.now();
afterAll(() => {
  const cpu = process.cpuUsage();
  const took = `${Math.round((performance.now() - started) / 1000)} s wall, ${Math.round((cpu.user + cpu.system) / 1e6)} s CPU in this worker`;
  console.info(`[fuzz] ${took}; server actions: ${inputs} inputs (every table counted ${watch.fullCounts} times); answers ${JSON.stringify(statuses)}`);
});

it("ran enough inputs (the actions' share of the 10,000)", () => {
  expect(ACTION_MIN_INPUTS + API_MIN_INPUTS + FIELD_WRITE_MIN_INPUTS).toBeGreaterThanOrEqual(10_000);
  expect(inputs).toBeGreaterThanOrEqual(ACTION_MIN_INPUTS);
});
