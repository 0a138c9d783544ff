import { createVisitEndpoint } from "@/lib/api/endpoints/visit-writes";
import { bookingKeyFor } from "@/lib/api/idempotency";
import { bookVisit } from "@/lib/booking/book";
import { listVisitsEndpoint } from "@/lib/api/endpoints/visits";
import { apiRoute } from "@/lib/api/route";
import { listVisits } from "@/lib/visits/read";

export const GET = apiRoute(listVisitsEndpoint, ({ actor, query: { limit, cursor, ...filter } }) => listVisits(actor, filter, { limit, cursor }));

/** The office's booking (bookVisit as the token's user); the Idempotency-Key is namespaced by that user. */
export const POST = apiRoute(createVisitEndpoint, ({ actor, body, headers, ip }) =>
  bookVisit(actor, { ...body, idempotencyKey: bookingKeyFor(headers["idempotency-key"], `user:${actor.id}`) }, ip),
);
