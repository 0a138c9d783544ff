import { listEstimatesEndpoint } from "@/lib/api/endpoints/billing";
import { apiRoute } from "@/lib/api/route";
import { listEstimates } from "@/lib/billing/read";

export const GET = apiRoute(listEstimatesEndpoint, ({ actor, query: { limit, cursor, status, current } }) =>
  listEstimates(actor, { status, current: current === undefined ? undefined : current === "true" }, { limit, cursor }),
);
