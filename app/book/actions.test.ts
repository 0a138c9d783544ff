/** The public booking form's actions, as the browser calls them (the gate and the limits in defineAction). */
import { beforeAll, describe, expect, it, vi } from "vitest";
import { PUBLIC_RATE_LIMIT } from "@/lib/platform/rate-limit";
import { exhaustRateLimit } from "@/test/support/api";
import { makeUser } from "@/test/support/factories";

const client = vi.hoisted(() => ({ ip: "198.51.100.90" }));
vi.mock("@/lib/auth/actor", () => ({ getActor: async () => null, requestIp: async () => client.ip }));
vi.mock("next/cache", () => ({ revalidatePath: () => {} }));
// The booking action signs a new customer in through next-auth, which needs Next's request scope: a stand-in.
vi.mock("next-auth", () => ({ AuthError: class AuthError extends Error {} }));
vi.mock("@/lib/auth/config", () => ({ signIn: async () => {}, signOut: async () => {}, auth: async () => null, handlers: {} }));

const { slotsAction } = await import("./actions");

beforeAll(async () => {
  await makeUser("technician");
});

describe("slotsAction (finding 12)", () => {
  it("is limited per client address, in the same count as the public API's slot calls; another address is not", async () => {
    const query = { brands: ["dahua" as const], deviceCount: 1 };
    await exhaustRateLimit(`ip:${client.ip}`, PUBLIC_RATE_LIMIT.limit - 1, PUBLIC_RATE_LIMIT.windowSeconds);
    expect(await slotsAction(query)).toMatchObject({ ok: true });
    expect(await slotsAction(query)).toMatchObject({
      ok: false,
      status: 429,
      error: expect.stringMatching(/^Too many requests\. Try again in \d+ seconds\.$/),
    });
    client.ip = "198.51.100.91";
    expect(await slotsAction(query)).toMatchObject({ ok: true });
  });

  it("answers at most the booking horizon whatever range is asked for", async () => {
    client.ip = "198.51.100.92";
    const r = await slotsAction({ brands: ["dahua"], deviceCount: 1, fromDay: "1900-01-01", toDay: "2999-12-31" });
    expect(r.ok).toBe(true);
    const days = r.ok ? r.data.days : [];
    expect(days.length).toBeGreaterThan(0);
    expect(days.length).toBeLessThanOrEqual(31);
  });
});
