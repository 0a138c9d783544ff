import { idempotencyHeaders } from "@/lib/api/idempotency";
import { defineEndpoint, idParams } from "@/lib/api/registry";
import { cancelSchema, rescheduleSchema } from "@/lib/booking/schemas";
import { moveVisitSchema } from "@/lib/dispatch/schemas";
import { publicBookingBody } from "./bookings";
import { bookingDto, visitSummaryDto } from "./booking-dto";
import { visitDetailDto } from "./dto";

const tag = "Visits";

export const createVisitEndpoint = defineEndpoint({
  operationId: "createVisit",
  method: "post",
  path: "/api/v1/visits",
  summary: "Book a visit for a customer",
  description: [
    "The office's booking: an admin's token books for a saved customer (`contact.customerId`, with their saved `site.siteId` and `devices[].deviceId` or new ones) or a new one (`account.mode` `invite` or `none`). A customer's token books for itself.",
    "Idempotent like `POST /api/v1/bookings`: a repeated `Idempotency-Key` with the same body from the same token user answers 201 with the same visit (`replayed: true`); keys are per token user.",
  ].join("\n\n"),
  tag,
  scope: "bookings:write",
  readScope: "visits:read",
  headers: idempotencyHeaders,
  body: publicBookingBody,
  response: { status: 201, description: "The booked visit", schema: bookingDto },
  extraErrors: [409],
});

export const rescheduleVisitEndpoint = defineEndpoint({
  operationId: "rescheduleVisit",
  method: "post",
  path: "/api/v1/visits/{id}/reschedule",
  summary: "Move a visit to another free slot",
  description:
    "As the portal's reschedule: the new start must be a free slot (see `GET /api/v1/slots`); customers only before the cancellation cutoff. The customer is emailed.",
  tag,
  scope: "visits:write",
  readScope: "visits:read",
  params: idParams("Visit id"),
  body: rescheduleSchema.omit({ visitId: true }),
  response: { status: 200, description: "The visit at its new time", schema: visitSummaryDto },
  extraErrors: [409],
});

export const cancelVisitEndpoint = defineEndpoint({
  operationId: "cancelVisit",
  method: "post",
  path: "/api/v1/visits/{id}/cancel",
  summary: "Cancel a visit",
  tag,
  scope: "visits:write",
  readScope: "visits:read",
  params: idParams("Visit id"),
  body: cancelSchema.omit({ visitId: true }),
  response: { status: 200, description: "The cancelled visit", schema: visitSummaryDto },
  extraErrors: [409],
});

export const assignVisitEndpoint = defineEndpoint({
  operationId: "assignVisit",
  method: "post",
  path: "/api/v1/visits/{id}/assign",
  summary: "Assign, reassign or move a visit (admins)",
  description:
    "As the dispatch board: `technicianId` (empty string: unassigned), `date` and `time` in the company time zone. A collision with another visit of that technician: 409 naming it.",
  tag,
  scope: "visits:write",
  readScope: "visits:read",
  params: idParams("Visit id"),
  body: moveVisitSchema.omit({ visitId: true }),
  response: { status: 200, description: "The visit after the change", schema: visitDetailDto },
  extraErrors: [409],
});
