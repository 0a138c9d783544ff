/** Test helpers for booking (used by the *.test.ts files and the benchmark). */
import { randomBytes, randomUUID } from "node:crypto";
import { count } from "drizzle-orm";
import type { PgTable } from "drizzle-orm/pg-core";
import { getDb } from "@/db/client";
import { customers, devices, mailOutbox, sites, users, visits } from "@/db/schema";
import type { BookingInput } from "@/lib/booking/schemas";
import { AppError } from "@/lib/platform/errors";
import { slotOptions } from "@/lib/booking/slot-options";

const uniq = () => randomBytes(4).toString("hex");

export const NO_OPTIONS = {
  recovery_email: "unknown",
  security_questions: "unknown",
  app_account: "unknown",
  guid_file: "unknown",
  reset_button: "unknown",
} as const;

/** A valid booking from someone new ("email me a link"), for the given start. */
export function bookingInput(slotStart: string, over: Partial<BookingInput> = {}): BookingInput {
  return {
    idempotencyKey: randomUUID(),
    contact: { name: "Nina Newcomer", email: `nina-${uniq()}@example.test`, phone: "216-555-0199" },
    site: { addressLine1: "5 Elm St", city: "Cleveland", region: "OH", postalCode: "44101", accessNotes: "Recorder in the basement" },
    devices: [{ brand: "dahua", kind: "nvr", model: "NVR4108HS", problem: "Forgot the admin password", recovery: { ...NO_OPTIONS, recovery_email: "yes" } }],
    slotStart,
    account: { mode: "invite" },
    ...over,
  };
}

/** The n-th offered start (real clock) for these brands and count, optionally not before `after`. */
export async function offeredStart(brands: ("dahua" | "lorex" | "hikvision")[] = ["dahua"], deviceCount = 1, n = 0, after?: Date) {
  const { days } = await slotOptions({ brands, deviceCount });
  const all = days.flatMap((d) => d.slots).filter((s) => !after || new Date(s.start) >= after);
  if (!all[n]) throw new Error(`no slot #${n} offered`);
  return all[n]!.start;
}

/** How many rows a booking can write, per table: a refused booking leaves them all as they were. */
export async function bookingCounts() {
  const db = await getDb();
  const n = async (t: PgTable) => Number((await db.select({ n: count() }).from(t))[0]!.n);
  return {
    visits: await n(visits),
    customers: await n(customers),
    users: await n(users),
    sites: await n(sites),
    devices: await n(devices),
    mail: await n(mailOutbox),
  };
}

/** The AppError a booking (or a change to one) is refused with; fails the test if it succeeds or throws anything else. */
export async function bookingError(p: Promise<unknown>): Promise<AppError> {
  try {
    await p;
  } catch (err) {
    if (err instanceof AppError) return err;
    throw err;
  }
  throw new Error("expected a refusal");
}
