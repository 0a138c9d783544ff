import { count } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import { getDb } from "@/db/client";
import { visits } from "@/db/schema";
import type { Actor } from "@/lib/auth/permissions";
import { RateLimitedError } from "@/lib/platform/errors";
import { callRoute, exhaustRateLimit } from "@/test/support/api";
import { bookingInput, offeredStart } from "@/test/support/booking";
import { makeUser } from "@/test/support/factories";
import { POST as apiBooking } from "@/app/api/v1/bookings/route";
import { bookVisit } from "./book";
import { BOOKING_LIMITS } from "./limits";

let carla: Actor;
let admin: Actor;
beforeAll(async () => {
  await makeUser("technician", { name: "Terry Tech" });
  carla = await makeUser("customer");
  admin = await makeUser("admin");
});

const visitCount = async () => Number((await (await getDb()).select({ n: count() }).from(visits))[0]!.n);
const apiBody = (start: string) => {
  const { idempotencyKey: _k, ...body } = bookingInput(start);
  return body;
};

describe("booking limits, counted in the database whichever door is used (finding 3)", () => {
  it("one limit for bookings without an account per address: the form's and the public API's bookings count together", async () => {
    const ip = "198.51.100.20";
    await exhaustRateLimit(`booking:anon:${ip}`, BOOKING_LIMITS.anonymous.limit - 1, BOOKING_LIMITS.anonymous.windowSeconds);
    const form = await bookVisit(null, bookingInput(await offeredStart(["dahua"], 1, 0)), ip); // the tenth of the hour
    expect(form.reference).toMatch(/^FK-/);
    const before = await visitCount();
    const api = await callRoute(apiBooking, "/api/v1/bookings", {
      method: "POST",
      body: apiBody(await offeredStart(["dahua"], 1, 1)),
      headers: { "idempotency-key": "limit-api-1" },
      ip,
    });
    expect(api.status).toBe(429);
    expect(api.headers.get("retry-after")).toBeTruthy();
    expect((api.body as { detail: string }).detail).toMatch(
      /^Too many bookings from your network in the last hour\. Please call us on .+, or try again in \d+ minutes?\.$/,
    );
    await expect(bookVisit(null, bookingInput(await offeredStart(["dahua"], 1, 2)), ip)).rejects.toBeInstanceOf(RateLimitedError);
    expect(await visitCount()).toBe(before);
    // Another address is not affected.
    const other = await callRoute(apiBooking, "/api/v1/bookings", {
      method: "POST",
      body: apiBody(await offeredStart(["dahua"], 1, 3)),
      headers: { "idempotency-key": "limit-api-2" },
      ip: "198.51.100.21",
    });
    expect(other.status).toBe(201);
  });

  it("a signed-in customer has a limit of their own, wherever they book from; the office has none", async () => {
    await exhaustRateLimit(`booking:customer:${carla.customerId}`, BOOKING_LIMITS.customer.limit, BOOKING_LIMITS.customer.windowSeconds);
    const mine = bookingInput(await offeredStart(["dahua"], 1, 4), { account: { mode: "existing" } });
    const e = await bookVisit(carla, mine, "198.51.100.30").catch((x: unknown) => x);
    expect(e).toBeInstanceOf(RateLimitedError);
    expect((e as RateLimitedError).message).toMatch(/^You have made a lot of bookings today\. Please call us on /);
    const office = await bookVisit(
      admin,
      bookingInput(await offeredStart(["dahua"], 1, 5), {
        contact: { customerId: carla.customerId!, name: "", email: "", phone: "" },
        account: { mode: "existing" },
      }),
      "198.51.100.30",
    );
    expect(office.reference).toMatch(/^FK-/);
  });

  it("a repeat of a booking already made is answered, and not counted", async () => {
    const ip = "198.51.100.40";
    const input = bookingInput(await offeredStart(["dahua"], 1, 6));
    await exhaustRateLimit(`booking:anon:${ip}`, BOOKING_LIMITS.anonymous.limit - 1, BOOKING_LIMITS.anonymous.windowSeconds);
    const first = await bookVisit(null, input, ip);
    expect((await bookVisit(null, input, ip)).visitId).toBe(first.visitId);
  });
});
