import { createBookingEndpoint } from "@/lib/api/endpoints/bookings";
import { bookingKeyFor } from "@/lib/api/idempotency";
import { apiRoute } from "@/lib/api/route";
import { bookVisit } from "@/lib/booking/book";

/** The web form's bookVisit, as nobody signed in; the Idempotency-Key header becomes the booking's key. */
export const POST = apiRoute(createBookingEndpoint, ({ body, headers, ip }) =>
  bookVisit(null, { ...body, idempotencyKey: bookingKeyFor(headers["idempotency-key"]) }, ip),
);
