import type { Metadata } from "next";
import { requirePagePermission } from "@/app/_ui/guard";
import { getReportData, listReportTechnicians } from "@/lib/reports/data";
import { filtersToQuery, parseReportFilters, type Source } from "@/lib/reports/filters";
import type { ExportTable } from "@/lib/reports/tables";
import { FiltersForm } from "./filters-form";
import { BrandMethodSection, ClaimsSection, FirstVisitSection } from "./sections-rates";
import { TechniciansSection, TimeSection, TrendSection } from "./sections-time";
import { VendorExpirySection } from "./section-vendor-expiry";
import { getVendorExpiry } from "@/lib/reports/vendor-expiry";

export const metadata: Metadata = { title: "Reports" };

const SOURCE_NOTE: Record<Source, string> = {
  summary: "All time, from the all-time rollups.",
  daily: "From the daily rollups.",
  raw: "Model text cannot be pre-aggregated: read from every matching attempt.",
};

export default async function ReportsPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const actor = await requirePagePermission("reports:read");
  const params = await searchParams;
  const parsed = parseReportFilters(params);
  const technicians = await listReportTechnicians(actor);
  const values = parsed.ok ? parsed.filters : parsed.raw;
  const errors = parsed.ok ? {} : parsed.fieldErrors;

  if (!parsed.ok) {
    return (
      <div className="space-y-6">
        <h1 className="text-2xl font-bold">Reports</h1>
        <FiltersForm values={values} errors={errors} technicians={technicians} />
        <p role="alert" className="card border-red-300 text-red-800">
          Some filters are not valid; correct them to see the report.
        </p>
      </div>
    );
  }
  const [data, vendorExpiry] = await Promise.all([getReportData(actor, parsed.filters), getVendorExpiry(actor, parsed.filters)]);
  const q = filtersToQuery(parsed.filters);
  const href = (table: ExportTable) => `/admin/reports/export?table=${table}${q ? `&${q}` : ""}`;
  const t = data.totals;
  return (
    <div className="space-y-6">
      <div className="flex flex-wrap items-baseline justify-between gap-2">
        <h1 className="text-2xl font-bold">Reports</h1>
        <span className="flex flex-wrap gap-3">
          <a href="/admin/reports/revenue" className="btn-secondary">
            Revenue
          </a>
          <a href={href("attempts")} download className="btn-secondary">
            Download raw attempts (CSV)
          </a>
        </span>
      </div>
      <FiltersForm values={values} errors={errors} technicians={technicians} />
      <p className="text-sm text-slate-700" data-testid="report-totals">
        <strong>{t.final}</strong> attempts with a result ({t.succeeded} succeeded, {t.pending} waiting on a vendor), <strong>{t.completedVisits}</strong>{" "}
        completed visits. <span className="text-slate-600">{SOURCE_NOTE[data.source]}</span>
      </p>
      <BrandMethodSection data={data} exportHref={href("brand-method")} />
      <ClaimsSection data={data} exportHref={href("claims")} />
      <FirstVisitSection data={data} exportHref={href("first-visit")} />
      <TimeSection data={data} exportHref={href("time-to-unlock")} vendorHref={href("vendors")} />
      <VendorExpirySection rows={vendorExpiry} />
      <TechniciansSection data={data} exportHref={href("technicians")} />
      <TrendSection data={data} exportHref={href("trend")} />
    </div>
  );
}
