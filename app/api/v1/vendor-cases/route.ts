import { listVendorCasesEndpoint } from "@/lib/api/endpoints/vendor-cases";
import { apiRoute } from "@/lib/api/route";
import { listVendorCases } from "@/lib/vendor-cases/read";

export const GET = apiRoute(listVendorCasesEndpoint, ({ actor, query: { limit, cursor, status, overdue } }) =>
  listVendorCases(actor, { status, overdue: overdue === undefined ? undefined : overdue === "true" }, { limit, cursor }),
);
