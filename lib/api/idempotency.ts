import { z } from "zod";
import { nameBasedUuid } from "@/lib/booking/idempotency";

/** `Idempotency-Key` on booking calls: any 8–100 visible characters, made once per booking attempt by the client. */
export const idempotencyHeaders = z.object({
  "idempotency-key": z
    .string({ error: "Send an Idempotency-Key header (8–100 characters), made once per booking." })
    .min(8, "Use at least 8 characters.")
    .max(100, "Use at most 100 characters.")
    .regex(/^[\x21-\x7e]+$/, "Use visible ASCII characters only.")
    .meta({
      description:
        "Made once per booking by the client (a UUID is ideal). A repeat with the same key and the same body returns the same visit; the same key with another body is a 409. Keys are per caller (per token user; one space for all anonymous callers, where the body must match).",
      example: "5f0c8a4e-3b7d-4e39-9a51-0c2f1d7e6b90",
    }),
});

/**
 * The header as the booking's idempotency key (a UUID, as the web form's):
 * a name-based UUID of a prefix and the header, so any string maps to one
 * key and API keys never collide with the web form's. bookVisit then scopes
 * it to the caller (lib/booking/idempotency.ts).
 */
export function bookingKeyFor(header: string, prefix = "api") {
  return nameBasedUuid(`${prefix}:${header}`);
}
