import { listVisitsEndpoint } from "@/lib/api/endpoints/visits";
import { apiRoute } from "@/lib/api/route";
import { listVisits } from "@/lib/visits/read";

export const GET = apiRoute(listVisitsEndpoint, ({ actor, query: { limit, cursor, ...filter } }) => listVisits(actor, filter, { limit, cursor }));
