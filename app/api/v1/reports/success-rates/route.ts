import { successRatesEndpoint } from "@/lib/api/endpoints/reports";
import { apiRoute } from "@/lib/api/route";
import { getReportData } from "@/lib/reports/data";

export const GET = apiRoute(successRatesEndpoint, async ({ actor, query }) => {
  const r = await getReportData(actor, query);
  return { rates: r.byBrandMethod, claims: r.claims, totals: r.totals };
});
