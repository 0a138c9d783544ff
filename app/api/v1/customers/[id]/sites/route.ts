import { listCustomerSitesEndpoint } from "@/lib/api/endpoints/customers";
import { apiRoute } from "@/lib/api/route";
import { listCustomerSitesPage } from "@/lib/customers/read";

export const GET = apiRoute(listCustomerSitesEndpoint, ({ actor, params, query }) => listCustomerSitesPage(actor, params.id, query));
