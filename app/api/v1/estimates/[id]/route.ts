import { getEstimateEndpoint } from "@/lib/api/endpoints/billing";
import { apiRoute } from "@/lib/api/route";
import { getEstimate } from "@/lib/billing/read";

export const GET = apiRoute(getEstimateEndpoint, ({ actor, params }) => getEstimate(actor, params.id));
