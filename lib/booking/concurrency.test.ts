/**
 * Race safety, on whichever database the suite runs on (PGlite by default,
 * PostgreSQL with DATABASE_URL: the same file, run both ways).
 */
import { count, eq } from "drizzle-orm";
import { beforeAll, expect, inject, it } from "vitest";
import { getDb } from "@/db/client";
import { customers, visits } from "@/db/schema";
import type { Tx } from "@/db/client";
import { makeSite, makeUser, makeVisit } from "@/test/support/factories";
import { placeOnFreeTechnician } from "./assign";
import { generateReference } from "./reference";
import { ConflictError } from "@/lib/platform/errors";
import { bookVisit } from "./book";
import { storedBookingKey } from "./idempotency";
import { SLOT_TAKEN } from "./slot-check";
import { bookingInput, offeredStart } from "@/test/support/booking";

let tech: { id: string };
beforeAll(async () => {
  tech = await makeUser("technician"); // the only technician
});

it(`200 customers confirm the same slot with one technician: exactly one visit, 199 clean "just taken" answers (${inject("databaseKind")})`, async () => {
  const start = await offeredStart(["dahua"], 1, 3);
  const results = await Promise.allSettled(Array.from({ length: 200 }, () => bookVisit(null, bookingInput(start), null)));
  const won = results.filter((r) => r.status === "fulfilled");
  const lost = results.filter((r): r is PromiseRejectedResult => r.status === "rejected");
  const unexpected = lost.filter((r) => !(r.reason instanceof ConflictError) || r.reason.message !== SLOT_TAKEN).map((r) => String(r.reason));
  expect(unexpected).toEqual([]);
  expect(won).toHaveLength(1);
  expect(lost).toHaveLength(199);
  for (const r of lost) expect((r.reason as ConflictError).fieldErrors?.slotStart).toEqual([SLOT_TAKEN]);

  const db = await getDb();
  const rows = await db
    .select({ id: visits.id, technicianId: visits.technicianId })
    .from(visits)
    .where(eq(visits.startsAt, new Date(start)));
  expect(rows).toHaveLength(1);
  expect(rows[0]!.technicianId).toBe(tech.id);
  // The losers left nothing behind: one new customer only.
  const [c] = await db.select({ n: count() }).from(customers);
  expect(Number(c!.n)).toBe(1);
});

it(`one idempotency key sent 10 times at once yields one visit, and every answer is that visit (${inject("databaseKind")})`, async () => {
  const input = bookingInput(await offeredStart(["dahua"], 1, 10));
  const results = await Promise.all(Array.from({ length: 10 }, () => bookVisit(null, input, null)));
  const ids = new Set(results.map((r) => r.visitId));
  expect(ids.size).toBe(1);
  expect(results.filter((r) => !r.replayed)).toHaveLength(1);
  const db = await getDb();
  const rows = await db
    .select({ id: visits.id })
    .from(visits)
    .where(eq(visits.idempotencyKey, storedBookingKey(null, input.idempotencyKey)));
  expect(rows.map((r) => r.id)).toEqual([...ids]);
  // And a later replay still answers with it.
  expect((await bookVisit(null, input, null)).visitId).toBe(rows[0]!.id);
});

it(`one key sent 20 times at once by a new customer setting a password: 20 answers, all that one visit, never "account exists" (finding 10, ${inject("databaseKind")})`, async () => {
  const input = bookingInput(await offeredStart(["dahua"], 1, 11), {
    account: { mode: "password", password: "a-good-long-secret", confirmPassword: "a-good-long-secret" },
  });
  const results = await Promise.allSettled(Array.from({ length: 20 }, () => bookVisit(null, input, null)));
  const refused = results.filter((r): r is PromiseRejectedResult => r.status === "rejected").map((r) => String(r.reason));
  expect(refused).toEqual([]);
  const ids = new Set(results.map((r) => (r as PromiseFulfilledResult<{ visitId: string }>).value.visitId));
  expect(ids.size).toBe(1);
});

it(`the exclusion constraint is the final word: a stale choice rolls back to its savepoint and the next technician is tried (${inject("databaseKind")})`, async () => {
  const db = await getDb();
  const other = await makeUser("technician");
  const customer = await makeUser("customer");
  const start = new Date(Date.now() + 20 * 24 * 3600_000);
  // The first technician is already busy at that time, but the caller does not know it.
  await makeVisit({ customerId: customer.customerId!, technicianId: tech.id, startsAt: start, minutes: 90, bufferMinutes: 30 });
  const siteId = await makeSite(customer.customerId!);
  const insert = (sp: Tx, technicianId: string) =>
    sp
      .insert(visits)
      .values({
        reference: generateReference(),
        customerId: customer.customerId!,
        siteId,
        technicianId,
        startsAt: start,
        endsAt: new Date(start.getTime() + 3600_000),
        busyUntil: new Date(start.getTime() + 5400_000),
      })
      .returning({ id: visits.id });
  const placed = await db.transaction((tx) => placeOnFreeTechnician(tx, [tech.id, other.id], insert));
  expect(placed.technicianId).toBe(other.id);
  await expect(db.transaction((tx) => placeOnFreeTechnician(tx, [tech.id, other.id], insert))).rejects.toThrow(SLOT_TAKEN);
});

it(`a deadlock between two overlapping inserts (40P01) is tried again on the same technician, not answered as an error (${inject("databaseKind")})`, async () => {
  const db = await getDb();
  const customer = await makeUser("customer");
  const siteId = await makeSite(customer.customerId!);
  const start = new Date(Date.now() + 22 * 24 * 3600_000);
  let calls = 0;
  const insert = async (sp: Tx, technicianId: string) => {
    calls++;
    // What PostgreSQL raises (wrapped by drizzle) when two exclusion-constraint inserts wait for each other.
    if (calls === 1)
      throw Object.assign(new Error("Failed query: insert into visits"), { cause: Object.assign(new Error("deadlock detected"), { code: "40P01" }) });
    const [v] = await sp
      .insert(visits)
      .values({
        reference: generateReference(),
        customerId: customer.customerId!,
        siteId,
        technicianId,
        startsAt: start,
        endsAt: new Date(start.getTime() + 3600_000),
        busyUntil: new Date(start.getTime() + 5400_000),
      })
      .returning({ id: visits.id });
    return v!.id;
  };
  const placed = await db.transaction((tx) => placeOnFreeTechnician(tx, [tech.id], insert));
  expect(calls).toBe(2);
  expect(placed.technicianId).toBe(tech.id);
});
