import { listPaymentsEndpoint } from "@/lib/api/endpoints/billing";
import { apiRoute } from "@/lib/api/route";
import { listPayments } from "@/lib/billing/read";

export const GET = apiRoute(listPaymentsEndpoint, ({ actor, query: { limit, cursor, invoiceId } }) => listPayments(actor, { invoiceId }, { limit, cursor }));
