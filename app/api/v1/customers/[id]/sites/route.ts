import { listCustomerSitesEndpoint } from "@/lib/api/endpoints/customers";
import { apiRoute } from "@/lib/api/route";
import { listCustomerSites } from "@/lib/customers/read";

export const GET = apiRoute(listCustomerSitesEndpoint, ({ actor, params, query }) => listCustomerSites(actor, params.id, query));
