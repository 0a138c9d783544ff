import { z } from "zod";
import { BRANDS } from "@/db/schema";
import { idempotencyHeaders } from "@/lib/api/idempotency";
import { defineEndpoint } from "@/lib/api/registry";
import { isRealDate } from "@/lib/availability/time";
import { bookingSchema, MAX_DEVICES } from "@/lib/booking/schemas";
import { bookingDto, slotOptionsDto } from "./booking-dto";

const tag = "Booking";
const day = (what: string) =>
  z
    .string()
    .refine(isRealDate, "Use a date like 2026-05-12.")
    .optional()
    .meta({ description: `${what} local day (company time zone), inclusive`, example: "2030-03-04" });

export const slotsQuerySchema = z
  .object({
    brands: z
      .string({ error: "List the brands, e.g. dahua,lorex." })
      .transform((s) => [
        ...new Set(
          s
            .split(",")
            .map((b) => b.trim().toLowerCase())
            .filter(Boolean),
        ),
      ])
      .pipe(z.array(z.enum(BRANDS, { error: "Use dahua, lorex or hikvision." })).min(1, "List at least one brand."))
      .meta({ description: "Comma-separated brands of the devices to look at", example: "dahua,lorex" }),
    devices: z.coerce
      .number({ error: "Use a whole number." })
      .int("Use a whole number.")
      .min(1, "Use at least 1.")
      .max(MAX_DEVICES, `Use at most ${MAX_DEVICES}.`)
      .meta({ description: "How many devices (sets the visit length)", example: 2 }),
    from: day("First"),
    to: day("Last"),
  })
  .refine((q) => !q.from || !q.to || q.from <= q.to, { path: ["to"], message: "Use a day on or after `from`." });

export const listSlotsEndpoint = defineEndpoint({
  operationId: "listSlots",
  method: "get",
  path: "/api/v1/slots",
  summary: "Free visit slots",
  description:
    "The start times the booking form offers for these devices: a technician who handles every brand is free for the whole visit plus travel time. No technician names are returned.",
  tag,
  public: true,
  query: slotsQuerySchema,
  response: { status: 200, description: "Days with free start times", schema: slotOptionsDto },
});

/** The web form's schema; the key comes from the `Idempotency-Key` header instead of the body. */
export const publicBookingBody = bookingSchema.omit({ idempotencyKey: true });

export const createBookingEndpoint = defineEndpoint({
  operationId: "createBooking",
  method: "post",
  path: "/api/v1/bookings",
  summary: "Book a visit (new customer)",
  description: [
    "The same rules and checks as the online booking form. `account.mode` is `invite` (we email a link to set a password) or `password` (with `password` and `confirmPassword`).",
    "Idempotent: send a fresh `Idempotency-Key` per booking. A repeat with the same key and the same body answers **201 with the same visit** (`replayed: true`) and books nothing new; the same key with any other body is a 409 that says nothing about the first booking.",
    "If the slot was taken meanwhile: 409 with the message on `slotStart`. An email that already has an account is not refused (that would tell anyone which emails have accounts): the visit is booked without a login and the confirmation email tells the account's owner to sign in.",
    "At most 10 bookings an hour per client address, counted together with the booking form's (429 with `Retry-After`).",
  ].join("\n\n"),
  tag,
  public: true,
  rateLimit: { limit: 20, windowSeconds: 60 },
  headers: idempotencyHeaders,
  body: publicBookingBody,
  response: { status: 201, description: "The booked visit (or, for a repeated key, the visit booked first)", schema: bookingDto },
  extraErrors: [409],
});
