/**
 * POST /api/v1/bookings beyond the contract: the Idempotency-Key replays, a
 * taken slot is a 409 with the web form's message, and 200 callers racing for
 * one slot with one technician get one 201 and 199 409s (on whichever
 * database the suite runs: PGlite by default, PostgreSQL with DATABASE_URL).
 */
import { count, eq } from "drizzle-orm";
import { beforeAll, expect, inject, it } from "vitest";
import { getDb } from "@/db/client";
import { customers, visits } from "@/db/schema";
import { makeUser } from "@/test/support/factories";
import { callRoute } from "@/test/support/api";
import { SLOT_TAKEN } from "@/lib/booking/slot-check";
import { bookingInput, offeredStart } from "@/test/support/booking";
import { POST } from "./route";

let n = 0;
const post = (body: unknown, key: string) =>
  callRoute(POST, "/api/v1/bookings", { method: "POST", body, headers: { "idempotency-key": key }, ip: `198.19.${Math.floor(++n / 250)}.${n % 250}` });
const booking = (start: string) => {
  const { idempotencyKey: _k, ...body } = bookingInput(start);
  return body;
};

beforeAll(async () => {
  await makeUser("technician"); // the only technician
});

it("a repeated Idempotency-Key answers 201 with the same visit and books nothing new", async () => {
  const body = booking(await offeredStart(["dahua"], 1, 1));
  const first = await post(body, "order-12345");
  expect(first).toMatchObject({ status: 201, body: { replayed: false } });
  const again = await post(body, "order-12345");
  expect(again).toMatchObject({ status: 201, body: { visitId: (first.body as { visitId: string }).visitId, replayed: true } });
  const db = await getDb();
  const [c] = await db
    .select({ n: count() })
    .from(visits)
    .where(eq(visits.startsAt, new Date(body.slotStart)));
  expect(Number(c!.n)).toBe(1);
});

it("a taken slot is a 409 problem with the form's message on slotStart; bad fields are 422 with pointers", async () => {
  const start = await offeredStart(["dahua"], 1, 2);
  expect((await post(booking(start), "first-key-1")).status).toBe(201);
  const taken = await post(booking(start), "second-key-2");
  expect(taken.status).toBe(409);
  expect(taken.headers.get("content-type")).toBe("application/problem+json");
  expect(taken.body).toMatchObject({
    status: 409,
    detail: SLOT_TAKEN,
    errors: [{ in: "body", field: "slotStart", pointer: "#/slotStart", detail: SLOT_TAKEN }],
  });

  const bad = { ...booking(start), contact: { name: "", email: "not-an-email", phone: "" } };
  const res = await post(bad, "third-key-3");
  expect(res.status).toBe(422);
  expect((res.body as { errors: { field: string }[] }).errors.map((e) => e.field).sort()).toEqual(["contact.email", "contact.name", "contact.phone"]);
  const noKey = await callRoute(POST, "/api/v1/bookings", { method: "POST", body: booking(start), ip: "198.19.255.1" });
  expect(noKey).toMatchObject({ status: 422, body: { errors: [{ in: "header", field: "idempotency-key" }] } });
});

it(`200 concurrent bookings of one slot with one technician: one 201 and 199 409s (${inject("databaseKind")})`, async () => {
  const start = await offeredStart(["dahua"], 1, 5);
  const db = await getDb();
  const customerCount = async () => Number((await db.select({ n: count() }).from(customers))[0]!.n);
  const before = await customerCount();
  const results = await Promise.all(Array.from({ length: 200 }, (_, i) => post(booking(start), `race-${i}-${start}`)));
  const statuses = results.map((r) => r.status);
  expect(statuses.filter((s) => s === 201)).toHaveLength(1);
  const lost = results.filter((r) => r.status === 409);
  expect(lost).toHaveLength(199);
  for (const r of lost) expect(r.body).toMatchObject({ detail: SLOT_TAKEN, errors: [{ field: "slotStart" }] });

  const rows = await db
    .select({ id: visits.id })
    .from(visits)
    .where(eq(visits.startsAt, new Date(start)));
  expect(rows.map((r) => r.id)).toEqual([(results.find((r) => r.status === 201)!.body as { visitId: string }).visitId]);
  expect(await customerCount()).toBe(before + 1); // the winner's: the losers left no customer behind
});

it(`20 concurrent requests with one Idempotency-Key from a new customer setting a password: 20 answers pointing to one visit (finding 10, ${inject("databaseKind")})`, async () => {
  const start = await offeredStart(["dahua"], 1, 9);
  const { idempotencyKey: _k, ...body } = bookingInput(start, {
    account: { mode: "password", password: "a-good-long-secret", confirmPassword: "a-good-long-secret" },
  });
  const results = await Promise.all(Array.from({ length: 20 }, () => post(body, `same-key-${start}`)));
  expect(results.map((r) => r.status)).toEqual(Array(20).fill(201));
  expect(new Set(results.map((r) => (r.body as { visitId: string }).visitId)).size).toBe(1);
  // And another body under that key: 409, nothing about the first booking.
  const other = await post({ ...body, notes: "another booking" }, `same-key-${start}`);
  expect(other.status).toBe(409);
  expect(JSON.stringify(other.body)).not.toContain((results[0]!.body as { reference: string }).reference);
});
