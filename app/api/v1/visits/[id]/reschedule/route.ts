import { rescheduleVisitEndpoint } from "@/lib/api/endpoints/visit-writes";
import { apiRoute } from "@/lib/api/route";
import { rescheduleVisit } from "@/lib/booking/manage";

export const POST = apiRoute(rescheduleVisitEndpoint, ({ actor, params, body, ip }) => rescheduleVisit(actor, { ...body, visitId: params.id }, ip));
