import { listInvoicesEndpoint } from "@/lib/api/endpoints/billing";
import { apiRoute } from "@/lib/api/route";
import { listInvoices } from "@/lib/billing/read";

export const GET = apiRoute(listInvoicesEndpoint, ({ actor, query: { limit, cursor, status, customerId } }) =>
  listInvoices(actor, { status, customerId }, { limit, cursor }),
);
