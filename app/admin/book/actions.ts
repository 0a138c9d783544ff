"use server";
import { z } from "zod";
import { defineAction } from "@/lib/platform/action";
import { bookVisit } from "@/lib/booking/book";
import { customerBookingProfile, searchCustomers } from "@/lib/booking/profile";
import { bookingSchema, slotQuerySchema } from "@/lib/booking/schemas";
import { slotOptions } from "@/lib/booking/slot-options";

export const adminBookAction = defineAction(bookingSchema, (input, { actor, ip }) => bookVisit(actor, input, ip), { permission: "visits:dispatch" });

export const adminSlotsAction = defineAction(slotQuerySchema, (input) => slotOptions(input), { permission: "visits:dispatch" });

export const searchCustomersAction = defineAction(
  z.object({ q: z.string().max(100, "Use at most 100 characters.") }),
  ({ q }, { actor }) => searchCustomers(actor, q),
  {
    permission: "visits:dispatch",
  },
);

export const customerProfileAction = defineAction(
  z.object({ customerId: z.uuid("Unknown customer.") }),
  ({ customerId }, { actor }) => customerBookingProfile(actor, customerId),
  {
    permission: "visits:dispatch",
  },
);
