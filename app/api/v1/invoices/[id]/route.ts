import { getInvoiceEndpoint } from "@/lib/api/endpoints/billing";
import { apiRoute } from "@/lib/api/route";
import { getInvoice } from "@/lib/billing/read";

export const GET = apiRoute(getInvoiceEndpoint, ({ actor, params }) => getInvoice(actor, params.id));
