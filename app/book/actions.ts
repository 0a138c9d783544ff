"use server";
import { AuthError } from "next-auth";
import { signIn } from "@/lib/auth/config";
import { defineAction } from "@/lib/platform/action";
import { bookVisit } from "@/lib/booking/book";
import { bookingSchema, slotQuerySchema } from "@/lib/booking/schemas";
import { slotOptions } from "@/lib/booking/slot-options";
import { PUBLIC_RATE_LIMIT } from "@/lib/platform/rate-limit";
import type { BookingConfirmation } from "@/lib/booking/book";

/** What the booking form gets back: the confirmation, and whether the new customer is now signed in. */
export type WebBookingResult = BookingConfirmation & { signedIn: boolean };

/**
 * Public: anyone may book (bookVisit decides what each kind of visitor may do, and counts the booking against its
 * limit: lib/booking/limits.ts). A new customer who chose a password while booking is signed in with it straight
 * away (no second sign-in); when the email already had an account the booking still goes ahead (bookVisit does not
 * say so) and the password typed is just a sign-in attempt, throttled like any other.
 */
export const bookAction = defineAction(
  bookingSchema,
  async (input, { actor, ip }): Promise<WebBookingResult> => {
    const c = await bookVisit(actor, input, ip);
    if (actor || input.account.mode !== "password" || c.replayed) return { ...c, signedIn: false };
    try {
      await signIn("credentials", { email: input.contact.email, password: input.account.password, redirect: false });
      return { ...c, signedIn: true };
    } catch (err) {
      if (err instanceof AuthError) return { ...c, signedIn: false }; // booked all the same; the confirmation offers the sign-in page
      throw err;
    }
  },
  { public: true },
);

/**
 * Public: free times for brands and a device count (no names or visits come out), within the booking horizon
 * whatever days are asked for; counted per client address with the public API's calls (GET /api/v1/slots).
 */
export const slotsAction = defineAction(slotQuerySchema, (input) => slotOptions(input), { public: true, rateLimit: PUBLIC_RATE_LIMIT });
