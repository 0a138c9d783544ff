"use server";
import { defineAction } from "@/lib/platform/action";
import { bookVisit } from "@/lib/booking/book";
import { bookingSchema, slotQuerySchema } from "@/lib/booking/schemas";
import { slotOptions } from "@/lib/booking/slot-options";
import { PUBLIC_RATE_LIMIT } from "@/lib/platform/rate-limit";

/** Public: anyone may book (bookVisit decides what each kind of visitor may do, and counts the booking against its limit: lib/booking/limits.ts). */
export const bookAction = defineAction(bookingSchema, (input, { actor, ip }) => bookVisit(actor, input, ip), { public: true });

/**
 * Public: free times for brands and a device count (no names or visits come out), within the booking horizon
 * whatever days are asked for; counted per client address with the public API's calls (GET /api/v1/slots).
 */
export const slotsAction = defineAction(slotQuerySchema, (input) => slotOptions(input), { public: true, rateLimit: PUBLIC_RATE_LIMIT });
