import { getCustomerEndpoint } from "@/lib/api/endpoints/customers";
import { apiRoute } from "@/lib/api/route";
import { getCustomer } from "@/lib/customers/read";

export const GET = apiRoute(getCustomerEndpoint, ({ actor, params }) => getCustomer(actor, params.id));
