/**
 * Idempotency of bookings. The key a client sends is scoped to its caller:
 * the stored key is a name-based UUID of the caller (a signed-in user or
 * token user: their id; nobody signed in: one anonymous space) and the key, so
 * one person's key never finds another's booking. A replay must also ask for
 * exactly what the first request asked for: its fingerprint (an HMAC of the
 * parsed request, password fields included, keyed from AUTH_SECRET, so the
 * stored value says nothing about the request) must match, else 409 without
 * details.
 */
import { createHash, createHmac, hkdfSync } from "node:crypto";
import type { Actor } from "@/lib/auth/permissions";
import { env } from "@/lib/platform/env";
import type { BookingData } from "./schemas";

/** Any string as a UUID (version 8, name-based: the first 16 bytes of sha256 over the parts). */
export function nameBasedUuid(...parts: string[]): string {
  const h = createHash("sha256").update(parts.join("\u0000")).digest();
  h[6] = (h[6]! & 0x0f) | 0x80;
  h[8] = (h[8]! & 0x3f) | 0x80;
  const x = h.subarray(0, 16).toString("hex");
  return `${x.slice(0, 8)}-${x.slice(8, 12)}-${x.slice(12, 16)}-${x.slice(16, 20)}-${x.slice(20)}`;
}

/** The key as stored on the visit: the caller's key in the caller's own namespace. */
export function storedBookingKey(actor: Pick<Actor, "id"> | null, key: string): string {
  return nameBasedUuid("booking", actor ? `user:${actor.id}` : "anonymous", key);
}

/** What the request asked for (everything but its key), as an HMAC: equal for a true repeat, different for any other booking. */
export function bookingFingerprint(data: BookingData): string {
  const { idempotencyKey: _key, ...rest } = data;
  const k = Buffer.from(hkdfSync("sha256", env().AUTH_SECRET, "fieldkey-booking", "fieldkey:booking-fingerprint:v1", 32));
  return createHmac("sha256", k).update(JSON.stringify(rest)).digest("hex");
}
