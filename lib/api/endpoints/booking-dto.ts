import { z } from "zod";
import { VISIT_STATUSES } from "@/db/schema";

/** Response shapes of the booking operations (public and token). */
export const slotOptionsDto = z
  .object({
    timeZone: z.string().meta({ example: "America/New_York" }),
    visitMinutes: z.number().int().meta({ description: "Length of a visit for this many devices" }),
    days: z.array(
      z.object({
        day: z.string().meta({ example: "2030-03-04" }),
        label: z.string().meta({ example: "Mon, Mar 4" }),
        slots: z.array(
          z.object({
            start: z.iso.datetime({ offset: true }).meta({ description: "Send this as `slotStart`" }),
            label: z.string().meta({ example: "9:00 AM" }),
          }),
        ),
      }),
    ),
  })
  .meta({ id: "SlotOptions" });

export const visitSummaryDto = z
  .object({
    visitId: z.uuid(),
    reference: z.string().meta({ example: "FK-7Q4M2X" }),
    status: z.enum(VISIT_STATUSES),
    startsAt: z.iso.datetime({ offset: true }),
    endsAt: z.iso.datetime({ offset: true }),
    window: z.string().meta({ description: "The time window in the company time zone" }),
    technicianFirstName: z.string().nullable(),
    address: z.string(),
    devices: z.array(z.string()),
  })
  .meta({ id: "VisitSummary" });

export const bookingDto = visitSummaryDto
  .extend({ replayed: z.boolean().meta({ description: "True when this answers a repeated Idempotency-Key" }) })
  .meta({ id: "Booking" });
