import "server-only";
import type { Actor } from "@/lib/auth/permissions";
import { ValidationError } from "@/lib/platform/errors";
import type { PageQuery } from "@/lib/platform/pagination";
import { listReportCustomers, listReportTechnicians } from "@/lib/reports/data";
import { paramOf, parseReportFilters, type Params, type ReportFilters } from "@/lib/reports/filters";
import { getSettings } from "@/lib/settings/company";
import { describeFilters } from "./drill-ui";

const PAGE_SIZE = 50;

type CellParse<C> = (p: Params) => { ok: true; value: C } | { ok: false; fieldErrors: Record<string, string> };
type Drill<C, P> = (actor: Actor, f: ReportFilters, cell: C, page: PageQuery) => Promise<P>;

/**
 * What both drill-down pages read from their address: the report's filters
 * and the cell's (or the messages of those that do not read), this page of
 * rows (a cursor that no longer reads, from an old or edited link, starts
 * again from the first page), the settings and the filters in words.
 */
export async function loadDrill<C, P>(actor: Actor, params: Params, parseCell: CellParse<C>, drill: Drill<C, P>) {
  const parsed = parseReportFilters(params);
  const parsedCell = parseCell(params);
  if (!parsed.ok || !parsedCell.ok) {
    return { ok: false as const, errors: { ...(parsed.ok ? {} : parsed.fieldErrors), ...(parsedCell.ok ? {} : parsedCell.fieldErrors) } };
  }
  const f = parsed.filters;
  const c = parsedCell.value;
  const cursor = paramOf(params, "cursor") || undefined;
  const load = async () => {
    try {
      return await drill(actor, f, c, { limit: PAGE_SIZE, cursor });
    } catch (err) {
      if (!(err instanceof ValidationError) || !cursor) throw err;
      return drill(actor, f, c, { limit: PAGE_SIZE });
    }
  };
  const [page, settings, techs, customers] = await Promise.all([
    load(),
    getSettings(),
    f.technician ? listReportTechnicians(actor) : Promise.resolve([]),
    f.customer ? listReportCustomers(actor, f.customer) : Promise.resolve([]),
  ]);
  const words = describeFilters(f, techs.find((t) => t.id === f.technician)?.name, customers.find((x) => x.id === f.customer)?.name);
  return { ok: true as const, filters: f, cell: c, page, settings, words };
}
