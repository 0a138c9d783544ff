"use server";
import { defineAction } from "@/lib/platform/action";
import { bookFromWebForm } from "@/lib/booking/web-limit";
import { bookingSchema, slotQuerySchema } from "@/lib/booking/schemas";
import { slotOptions } from "@/lib/booking/slot-options";

/** Public: anyone may book (bookVisit decides what each kind of visitor may do; signed out, a per-address hourly limit). */
export const bookAction = defineAction(bookingSchema, (input, { actor, ip }) => bookFromWebForm(actor, input, ip), { public: true });

/** Public: free times for brands and a device count (no names or visits come out). */
export const slotsAction = defineAction(slotQuerySchema, (input) => slotOptions(input), { public: true });
