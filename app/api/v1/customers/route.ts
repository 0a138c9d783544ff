import { listCustomersEndpoint } from "@/lib/api/endpoints/customers";
import { apiRoute } from "@/lib/api/route";
import { listCustomersPage } from "@/lib/customers/read";

export const GET = apiRoute(listCustomersEndpoint, ({ actor, query }) => listCustomersPage(actor, query));
