import { listCustomersEndpoint } from "@/lib/api/endpoints/customers";
import { apiRoute } from "@/lib/api/route";
import { listCustomers } from "@/lib/customers/read";

export const GET = apiRoute(listCustomersEndpoint, ({ actor, query: { q, ...page } }) => listCustomers(actor, { q, order: "created" }, page));
