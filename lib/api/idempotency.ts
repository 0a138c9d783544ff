import { createHash } from "node:crypto";
import { z } from "zod";

/** `Idempotency-Key` on booking calls: any 8–100 visible characters, made once per booking attempt by the client. */
export const idempotencyHeaders = z.object({
  "idempotency-key": z
    .string({ error: "Send an Idempotency-Key header (8–100 characters), made once per booking." })
    .min(8, "Use at least 8 characters.")
    .max(100, "Use at most 100 characters.")
    .regex(/^[\x21-\x7e]+$/, "Use visible ASCII characters only.")
    .meta({
      description: "Made once per booking by the client (a UUID is ideal). A repeat with the same key returns the same visit.",
      example: "5f0c8a4e-3b7d-4e39-9a51-0c2f1d7e6b90",
    }),
});

/**
 * The header as the booking's idempotency key (a UUID, as the web form's):
 * a name-based UUID (version 8) of sha256 over a prefix and the header, so
 * any string maps to one key, and API keys never collide with the web form's.
 */
export function bookingKeyFor(header: string, prefix = "api") {
  const h = createHash("sha256").update(`${prefix}:${header}`).digest();
  h[6] = (h[6]! & 0x0f) | 0x80;
  h[8] = (h[8]! & 0x3f) | 0x80;
  const x = h.subarray(0, 16).toString("hex");
  return `${x.slice(0, 8)}-${x.slice(8, 12)}-${x.slice(12, 16)}-${x.slice(16, 20)}-${x.slice(20)}`;
}
