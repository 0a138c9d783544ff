import { quoteEndpoint } from "@/lib/api/endpoints/billing";
import { apiRoute } from "@/lib/api/route";
import { quoteVisit } from "@/lib/billing/price-list";

export const POST = apiRoute(quoteEndpoint, ({ body }) => quoteVisit(body));
