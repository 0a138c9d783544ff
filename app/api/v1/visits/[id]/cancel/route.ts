import { cancelVisitEndpoint } from "@/lib/api/endpoints/visit-writes";
import { apiRoute } from "@/lib/api/route";
import { cancelVisit } from "@/lib/booking/manage";

export const POST = apiRoute(cancelVisitEndpoint, ({ actor, params, body, ip }) => cancelVisit(actor, { ...body, visitId: params.id }, ip));
