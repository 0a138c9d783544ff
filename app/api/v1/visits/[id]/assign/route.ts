import { assignVisitEndpoint } from "@/lib/api/endpoints/visit-writes";
import { apiRoute } from "@/lib/api/route";
import { moveVisit } from "@/lib/dispatch/move";
import { getVisit } from "@/lib/visits/read";

/** The dispatch board's moveVisit; answers with the visit as it now is. */
export const POST = apiRoute(assignVisitEndpoint, async ({ actor, params, body, ip }) => {
  await moveVisit(actor, { ...body, visitId: params.id }, ip);
  return getVisit(actor, params.id);
});
