import { getVisitEndpoint } from "@/lib/api/endpoints/visits";
import { apiRoute } from "@/lib/api/route";
import { getVisit } from "@/lib/visits/read";

export const GET = apiRoute(getVisitEndpoint, ({ actor, params }) => getVisit(actor, params.id));
