/**
 * Rows (from any source) -> the report's views. Pure: every view is derived
 * from the same few row sets, so their totals agree by construction.
 */
import { addTo, histogramCount, hoursPercentile, minutesPercentile, type Histogram } from "./buckets";
import type { ReportFilters, Source } from "./filters";
import type { MatchedModel, ReportRows } from "./queries";
import { rate, type Rate } from "./wilson";

export type MethodInfo = { id: string; name: string; brands: string[]; sortOrder: number; claimedSuccessRate: number | null; claimSource: string | null };
export type Person = { id: string; name: string };

type Counts = { succeeded: number; failed: number; abandoned: number; waiting: number };
/** Final outcomes (succeeded, failed, abandoned) are the denominator; waiting_vendor is pending, not yet a result. */
const finalOf = (c: Counts) => c.succeeded + c.failed + c.abandoned;

export type MethodRow = Rate & { brand: string; methodId: string; methodName: string; failed: number; abandoned: number; pending: number };
export type ClaimRow = {
  methodId: string;
  methodName: string;
  claimed: number;
  claimSource: string | null;
  measured: Rate;
  /** Where the claim sits relative to the measured 95 % interval. */
  verdict: "inside" | "above" | "below" | "no data";
};
export type VisitRate = Rate & { brand: string };
export type TimeRow = { methodId: string; methodName: string; n: number; medianMinutes: number | null; p90Minutes: number | null };
export type VendorTime = { vendor: string; cases: number; received: number; waiting: number; medianHours: number | null; p90Hours: number | null };
export type TechRow = {
  technicianId: string;
  name: string;
  attempts: Rate;
  pending: number;
  visits: Rate;
  medianMinutes: number | null;
};
export type WeekPoint = Rate & { week: string; pending: number; total: number };

export type ReportData = {
  filters: ReportFilters;
  source: Source;
  /** The models a model-text filter matched (empty without one). */
  matchedModels: MatchedModel[];
  /** The firmware versions a firmware-text filter matched (empty without one). */
  matchedFirmwares: MatchedModel[];
  byBrandMethod: MethodRow[];
  claims: ClaimRow[];
  firstVisit: { overall: Rate; byBrand: VisitRate[] };
  timeToUnlock: TimeRow[];
  vendorTurnaround: VendorTime[];
  technicians: TechRow[];
  trend: WeekPoint[];
  totals: { final: number; succeeded: number; pending: number; completedVisits: number; fixedVisits: number };
};

function sum(rows: Counts[]): Counts {
  const into: Counts = { succeeded: 0, failed: 0, abandoned: 0, waiting: 0 };
  for (const r of rows) {
    into.succeeded += r.succeeded;
    into.failed += r.failed;
    into.abandoned += r.abandoned;
    into.waiting += r.waiting;
  }
  return into;
}

function groupBy<T>(rows: T[], key: (r: T) => string) {
  const m = new Map<string, T[]>();
  for (const r of rows) {
    const k = key(r);
    const list = m.get(k);
    if (list) list.push(r);
    else m.set(k, [r]);
  }
  return m;
}

const BRAND_ORDER = ["dahua", "hikvision", "lorex"];

const histOf = (counts: number[]): Histogram => {
  const h: Histogram = new Map();
  counts.forEach((n, bucket) => {
    if (n) addTo(h, bucket, n);
  });
  return h;
};

export function shapeReport(
  rows: ReportRows,
  methods: MethodInfo[],
  people: Person[],
  filters: ReportFilters,
  source: Source,
  matched: { models: MatchedModel[]; firmwares: MatchedModel[] } = { models: [], firmwares: [] },
): ReportData {
  const methodById = new Map(methods.map((m) => [m.id, m]));
  const nameOf = (id: string) => people.find((p) => p.id === id)?.name ?? "Unassigned";
  const methodName = (id: string) => methodById.get(id)?.name ?? id;
  const bySort = (a: string, b: string) => (methodById.get(a)?.sortOrder ?? 9999) - (methodById.get(b)?.sortOrder ?? 9999);

  // by brand × method
  const byBrandMethod: MethodRow[] = rows.methods
    .filter((c) => finalOf(c) + c.waiting > 0)
    .map((c) => ({
      brand: c.brand,
      methodId: c.methodId,
      methodName: methodName(c.methodId),
      ...rate(c.succeeded, finalOf(c)),
      failed: c.failed,
      abandoned: c.abandoned,
      pending: c.waiting,
    }));
  byBrandMethod.sort((a, b) => BRAND_ORDER.indexOf(a.brand) - BRAND_ORDER.indexOf(b.brand) || bySort(a.methodId, b.methodId));

  // measured vs claimed: every method with a claim (the seed's Dahua methods), measured on its brands' devices
  const claims: ClaimRow[] = methods
    .filter((m) => m.claimedSuccessRate !== null)
    .sort((a, b) => a.sortOrder - b.sortOrder)
    .map((m) => {
      const c = sum(rows.methods.filter((r) => r.methodId === m.id && m.brands.includes(r.brand)));
      const measured = rate(c.succeeded, finalOf(c));
      const claimed = m.claimedSuccessRate!;
      const verdict = !measured.ci ? "no data" : claimed < measured.ci[0] ? "below" : claimed > measured.ci[1] ? "above" : "inside";
      return { methodId: m.id, methodName: m.name, claimed, claimSource: m.claimSource, measured, verdict };
    });

  // first-visit fix
  const visitsByBrand = groupBy(rows.visits, (r) => r.brand);
  const visitRate = (brand: string) => {
    const list = visitsByBrand.get(brand) ?? [];
    return rate(
      list.reduce((s, r) => s + r.fixed, 0),
      list.reduce((s, r) => s + r.completed, 0),
    );
  };
  const brandsShown = [...visitsByBrand.keys()].filter((b) => b !== "*" && (!filters.brand || b === filters.brand));
  const firstVisit = {
    overall: visitRate("*"),
    byBrand: brandsShown.sort((a, b) => BRAND_ORDER.indexOf(a) - BRAND_ORDER.indexOf(b)).map((brand) => ({ brand, ...visitRate(brand) })),
  };

  // time to unlock (per method, whatever the brand)
  const methodHist = new Map<string, Histogram>();
  for (const r of rows.methods) {
    const h = methodHist.get(r.methodId) ?? methodHist.set(r.methodId, new Map()).get(r.methodId)!;
    for (const [b, n] of histOf(r.hist)) addTo(h, b, n);
  }
  const timeToUnlock: TimeRow[] = [...methodHist.entries()]
    .filter(([, h]) => histogramCount(h) > 0)
    .map(([methodId, h]) => ({
      methodId,
      methodName: methodName(methodId),
      n: histogramCount(h),
      medianMinutes: minutesPercentile(h, 0.5),
      p90Minutes: minutesPercentile(h, 0.9),
    }))
    .sort((a, b) => bySort(a.methodId, b.methodId));

  // vendor turnaround
  const vendorTurnaround: VendorTime[] = [...groupBy(rows.vendors, (r) => r.vendor).entries()]
    .map(([vendor, list]) => {
      const h: Histogram = new Map();
      let waiting = 0;
      for (const r of list) {
        if (r.bucket < 0) waiting += r.n;
        else addTo(h, r.bucket, r.n);
      }
      const received = histogramCount(h);
      return { vendor, cases: received + waiting, received, waiting, medianHours: hoursPercentile(h, 0.5), p90Hours: hoursPercentile(h, 0.9) };
    })
    .filter((v) => v.cases > 0)
    .sort((a, b) => BRAND_ORDER.indexOf(a.vendor) - BRAND_ORDER.indexOf(b.vendor));

  // per technician (attempts by who made them; visits by who was assigned)
  const techAttempts = new Map(rows.techs.filter((t) => finalOf(t) + t.waiting > 0).map((t) => [t.technicianId, t]));
  const techVisits = groupBy(
    rows.visits.filter((v) => v.brand === "*" && v.completed > 0),
    (v) => v.technicianId,
  );
  const technicians: TechRow[] = [...new Set([...techAttempts.keys(), ...techVisits.keys()])]
    .map((id) => {
      const c = techAttempts.get(id) ?? { succeeded: 0, failed: 0, abandoned: 0, waiting: 0, hist: [] };
      const v = techVisits.get(id) ?? [];
      const h = histOf(c.hist);
      return {
        technicianId: id,
        name: nameOf(id),
        attempts: rate(c.succeeded, finalOf(c)),
        pending: c.waiting,
        visits: rate(
          v.reduce((s, r) => s + r.fixed, 0),
          v.reduce((s, r) => s + r.completed, 0),
        ),
        medianMinutes: histogramCount(h) ? minutesPercentile(h, 0.5) : null,
      };
    })
    .sort((a, b) => a.name.localeCompare(b.name));

  const trend: WeekPoint[] = rows.weeks
    .filter((w) => finalOf(w) + w.waiting > 0)
    .map((w) => ({ week: w.week, ...rate(w.succeeded, finalOf(w)), pending: w.waiting, total: finalOf(w) + w.waiting }));

  const all = sum(rows.methods);
  return {
    filters,
    source,
    matchedModels: matched.models,
    matchedFirmwares: matched.firmwares,
    byBrandMethod,
    claims,
    firstVisit,
    timeToUnlock,
    vendorTurnaround,
    technicians,
    trend,
    totals: {
      final: finalOf(all),
      succeeded: all.succeeded,
      pending: all.waiting,
      completedVisits: firstVisit.overall.n,
      fixedVisits: firstVisit.overall.succeeded,
    },
  };
}
