"use server";
import { AuthError } from "next-auth";
import { signIn } from "@/lib/auth/config";
import { defineAction } from "@/lib/platform/action";
import { bookFromWebForm } from "@/lib/booking/web-limit";
import { bookingSchema, slotQuerySchema } from "@/lib/booking/schemas";
import { slotOptions } from "@/lib/booking/slot-options";
import type { BookingConfirmation } from "@/lib/booking/book";

/** What the booking form gets back: the confirmation, and whether the new customer is now signed in. */
export type WebBookingResult = BookingConfirmation & { signedIn: boolean };

/**
 * Public: anyone may book (bookVisit decides what each kind of visitor may do; signed out, a per-address hourly limit).
 * A new customer who chose a password while booking is signed in with it straight away (no second sign-in).
 */
export const bookAction = defineAction(
  bookingSchema,
  async (input, { actor, ip }): Promise<WebBookingResult> => {
    const c = await bookFromWebForm(actor, input, ip);
    if (actor || input.account.mode !== "password") return { ...c, signedIn: false };
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

/** Public: free times for brands and a device count (no names or visits come out). */
export const slotsAction = defineAction(slotQuerySchema, (input) => slotOptions(input), { public: true });
