import { shownProgress } from "@/lib/reports/progress";
import type { Metadata } from "next";
import { requirePagePermission } from "@/app/_ui/guard";
import { getReportData, getRollupStatus, listReportCustomers, listReportTechnicians } from "@/lib/reports/data";
import { DateTime } from "luxon";
import { redirect } from "next/navigation";
import { comparePeriods, quarterAndPrevious } from "@/lib/reports/compare";
import { COMPARISON_KEYS, comparisonSchema, FILTER_KEYS, filtersToQuery, parseParams, parseReportFilters, type Source } from "@/lib/reports/filters";
import type { ExportTable } from "@/lib/reports/tables";
import { brandLabel } from "./format";
import { FiltersForm } from "./filters-form";
import { attemptsHref, CountLink, visitsHref } from "./links";
import { ComparisonSection } from "./sections-compare";
import { BrandMethodSection, ClaimsSection, FirstVisitSection } from "./sections-rates";
import { TechniciansSection, TimeSection, TrendSection } from "./sections-time";
import { VendorExpirySection } from "./section-vendor-expiry";
import { getVendorExpiry } from "@/lib/reports/vendor-expiry";

export const metadata: Metadata = { title: "Reports" };

const SOURCE_NOTE: Record<Source, string> = {
  rollups: "From the rollups.",
  raw: "Read from this customer's visits.",
};

export default async function ReportsPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const actor = await requirePagePermission("reports:read");
  const params = await searchParams;
  const parsed = parseReportFilters(params);
  const compared = parseParams(comparisonSchema, COMPARISON_KEYS, params);
  const values: Record<string, string | undefined> = { ...(parsed.ok ? parsed.filters : parsed.raw), ...(compared.ok ? compared.value : compared.raw) };
  // The form sends every field, empty ones too; the address keeps only what is set, so a view bookmarks and
  // shares cleanly (before anything is read; fields that do not read stay as typed, with their messages).
  if (parsed.ok && compared.ok && Object.values(params).some((v) => v === "")) {
    const q = filtersToQuery(values, [...FILTER_KEYS, ...COMPARISON_KEYS]);
    redirect(q ? `/admin/reports?${q}` : "/admin/reports");
  }
  const [technicians, customers, status] = await Promise.all([
    listReportTechnicians(actor),
    listReportCustomers(actor, values.customer),
    getRollupStatus(actor),
  ]);
  const errors = { ...(parsed.ok ? {} : parsed.fieldErrors), ...(compared.ok ? {} : compared.fieldErrors) };
  // "this quarter vs last": the company's today, the other filters kept
  const quarters = quarterAndPrevious(DateTime.now().setZone(status.timeZone).toISODate()!);
  const quarterHref = `/admin/reports?${filtersToQuery(
    { ...values, from: quarters.current.from, to: quarters.current.to, cfrom: quarters.previous.from, cto: quarters.previous.to },
    [...FILTER_KEYS, ...COMPARISON_KEYS],
  )}`;

  if (!parsed.ok || !compared.ok) {
    return (
      <div className="space-y-6">
        <h1 className="text-2xl font-bold">Reports</h1>
        <FiltersForm values={values} errors={errors} technicians={technicians} customers={customers} quarterHref={quarterHref} />
        <p role="alert" className="card border-red-300 text-red-800">
          Some filters are not valid; correct them to see the report.
        </p>
      </div>
    );
  }
  const other = compared.value.cfrom && compared.value.cto ? { ...parsed.filters, from: compared.value.cfrom, to: compared.value.cto } : null;
  const [data, otherData, vendorExpiry] = await Promise.all([
    getReportData(actor, parsed.filters),
    other ? getReportData(actor, other) : null,
    getVendorExpiry(actor, parsed.filters),
  ]);
  // after the reads' fold (at most 2 s): what a burst of changes has left for the background
  const { pending } = await getRollupStatus(actor);
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
      {status.change ? (
        <p role="status" className="card border-amber-300 bg-amber-50 text-amber-900" data-testid="rollup-progress">
          The figures are being moved from {status.change.from} to the new time zone {status.change.to}: {shownProgress(status.change.progress)}% done.
          Meanwhile the older part of the history counts its days in {status.change.to} and the rest still in {status.change.from}; every figure stays
          consistent.
        </p>
      ) : null}
      {pending > 0 ? (
        <p role="status" className="card border-sky-300 bg-sky-50 text-sky-900" data-testid="rollup-pending">
          {pending === 1 ? "1 recent change is" : `${pending.toLocaleString("en-US")} recent changes are`} still being added to these figures by the background,
          within seconds; reload to see {pending === 1 ? "it" : "them"} counted.
        </p>
      ) : null}
      <FiltersForm values={values} errors={errors} technicians={technicians} customers={customers} quarterHref={quarterHref} />
      {parsed.filters.model ? <MatchedList testId="matched-models" what="Models" text={parsed.filters.model} matched={data.matchedModels} /> : null}
      {parsed.filters.firmware ? (
        <MatchedList testId="matched-firmwares" what="Firmware versions" text={parsed.filters.firmware} matched={data.matchedFirmwares} />
      ) : null}
      <p className="text-sm text-slate-700" data-testid="report-totals">
        <strong>
          <CountLink n={t.final} href={attemptsHref(parsed.filters, {}, { outcome: "final" })} what="attempts with a result" />
        </strong>{" "}
        attempts with a result (
        <CountLink n={t.succeeded} href={attemptsHref(parsed.filters, {}, { outcome: "succeeded" })} what="succeeded attempts" /> succeeded,{" "}
        <CountLink n={t.pending} href={attemptsHref(parsed.filters, {}, { outcome: "waiting" })} what="attempts waiting on a vendor" /> waiting on a vendor),{" "}
        <strong>
          <CountLink n={t.completedVisits} href={visitsHref(parsed.filters, {}, "completed")} what="completed visits" />
        </strong>{" "}
        completed visits. <span className="text-slate-600">{SOURCE_NOTE[data.source]}</span>
      </p>
      {other && otherData ? (
        <ComparisonSection
          rows={comparePeriods(data, otherData, (brand, method) => `${brandLabel(brand)} · ${method}`)}
          current={parsed.filters}
          other={other}
        />
      ) : null}
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

/** What a model or firmware text matched (the distinct names, each with its attempts in this view). */
function MatchedList({
  testId,
  what,
  text,
  matched,
}: {
  testId: string;
  what: string;
  text: string;
  matched: { brand: string; name: string; attempts: number }[];
}) {
  return (
    <div className="text-sm text-slate-700" data-testid={testId}>
      {matched.length === 0 ? (
        <p>
          No {what.toLowerCase()} contain “{text}”.
        </p>
      ) : (
        <>
          <p>
            {what} containing “{text}” ({matched.length}):
          </p>
          <ul className="mt-1 flex flex-wrap gap-2">
            {matched.map((m) => (
              <li key={`${m.brand}-${m.name}`} className="badge bg-slate-100 text-slate-800">
                {brandLabel(m.brand)} {m.name} · {m.attempts} attempts
              </li>
            ))}
          </ul>
        </>
      )}
    </div>
  );
}
