import { count, eq } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import { getDb } from "@/db/client";
import { visits } from "@/db/schema";
import { makeUser } from "@/test/support/factories";
import { exhaustRateLimit } from "@/test/support/api";
import type { Actor } from "@/lib/auth/permissions";
import { RateLimitedError } from "@/lib/platform/errors";
import { bookingInput, offeredStart } from "@/test/support/booking";
import { bookFromWebForm, WEB_BOOKING_LIMIT } from "./web-limit";

let carla: Actor;
beforeAll(async () => {
  await makeUser("technician", { name: "Terry Tech" });
  carla = await makeUser("customer");
});

/** Pretend `n` bookings were already made from this address in the current hour's window. */
const used = (ip: string, n: number) => exhaustRateLimit(`web-booking:${ip}`, n, WEB_BOOKING_LIMIT.windowSeconds);

const visitCount = async () => Number((await (await getDb()).select({ n: count() }).from(visits))[0]!.n);

describe("the public booking form's per-address limit", () => {
  it("counts signed-out bookings per address; past the limit: a 429 that says whom to call, and nothing is booked", async () => {
    const first = await bookFromWebForm(null, bookingInput(await offeredStart(["dahua"], 1, 0)), "198.51.100.20");
    expect(first.reference).toMatch(/^FK-/);
    await used("198.51.100.21", WEB_BOOKING_LIMIT.limit);
    const before = await visitCount();
    const err = await bookFromWebForm(null, bookingInput(await offeredStart(["dahua"], 1, 1)), "198.51.100.21").catch((e) => e);
    expect(err).toBeInstanceOf(RateLimitedError);
    expect(err.status).toBe(429);
    expect(err.message).toMatch(/^Too many bookings from your network in the last hour\. Please call us on .+, or try again in \d+ minutes?\.$/);
    expect(await visitCount()).toBe(before);
    // another address is not affected
    const other = await bookFromWebForm(null, bookingInput(await offeredStart(["dahua"], 1, 2)), "198.51.100.22");
    expect(await (await getDb()).select({ id: visits.id }).from(visits).where(eq(visits.id, other.visitId))).toHaveLength(1);
  });

  it("the limit is exact: the tenth booking of the hour passes, the eleventh is refused", async () => {
    await used("198.51.100.30", WEB_BOOKING_LIMIT.limit - 1);
    await expect(bookFromWebForm(null, bookingInput(await offeredStart(["dahua"], 1, 3)), "198.51.100.30")).resolves.toMatchObject({
      reference: expect.any(String),
    });
    await expect(bookFromWebForm(null, bookingInput(await offeredStart(["dahua"], 1, 4)), "198.51.100.30")).rejects.toBeInstanceOf(RateLimitedError);
  });

  it("a signed-in customer is not limited by the address", async () => {
    await used("198.51.100.40", WEB_BOOKING_LIMIT.limit);
    const r = await bookFromWebForm(carla, bookingInput(await offeredStart(["dahua"], 1, 5), { account: { mode: "existing" } }), "198.51.100.40");
    expect(r.reference).toMatch(/^FK-/);
  });
});
