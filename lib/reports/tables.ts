/** The report's tables as CSV column sets: the same numbers the page shows. */
import { one, ratio, type Column } from "./csv";
import type { ClaimRow, MethodRow, ReportData, TechRow, TimeRow, VendorTime, VisitRate, WeekPoint } from "./shape";

type Table<T> = { title: string; columns: Column<T>[]; rows: (d: ReportData) => T[] };
const table = <T>(t: Table<T>) => t;

const rateCols = <T>(
  get: (r: T) => { n: number; succeeded: number; rate: number | null; ci: [number, number] | null; small: boolean },
  nHeader = "attempts",
): Column<T>[] => [
  { header: nHeader, value: (r) => get(r).n },
  { header: "succeeded", value: (r) => get(r).succeeded },
  { header: "rate", value: (r) => ratio(get(r).rate) },
  { header: "ci95_low", value: (r) => ratio(get(r).ci?.[0]) },
  { header: "ci95_high", value: (r) => ratio(get(r).ci?.[1]) },
  { header: "small_sample", value: (r) => (get(r).small ? "yes" : "no") },
];

export const REPORT_TABLES = {
  "brand-method": table<MethodRow>({
    title: "Success rate by brand and method",
    columns: [
      { header: "brand", value: (r) => r.brand },
      { header: "method_id", value: (r) => r.methodId },
      { header: "method", value: (r) => r.methodName },
      ...rateCols<MethodRow>((r) => r),
      { header: "failed", value: (r) => r.failed },
      { header: "abandoned", value: (r) => r.abandoned },
      { header: "waiting_vendor", value: (r) => r.pending },
    ],
    rows: (d) => d.byBrandMethod,
  }),
  claims: table<ClaimRow>({
    title: "Measured vs claimed",
    columns: [
      { header: "method_id", value: (r) => r.methodId },
      { header: "method", value: (r) => r.methodName },
      { header: "claimed_rate", value: (r) => r.claimed },
      { header: "claim_source", value: (r) => r.claimSource },
      ...rateCols<ClaimRow>((r) => r.measured),
      { header: "claim_vs_interval", value: (r) => r.verdict },
    ],
    rows: (d) => d.claims,
  }),
  "first-visit": table<VisitRate>({
    title: "First-visit fix rate",
    columns: [
      { header: "brand", value: (r) => r.brand },
      ...rateCols<VisitRate>((r) => r, "completed_visits").map((c) => (c.header === "succeeded" ? { ...c, header: "fixed_first_visit" } : c)),
    ],
    rows: (d) => [{ ...d.firstVisit.overall, brand: "all" }, ...d.firstVisit.byBrand],
  }),
  "time-to-unlock": table<TimeRow>({
    title: "Time to unlock",
    columns: [
      { header: "method_id", value: (r) => r.methodId },
      { header: "method", value: (r) => r.methodName },
      { header: "succeeded_with_duration", value: (r) => r.n },
      { header: "median_minutes", value: (r) => one(r.medianMinutes) },
      { header: "p90_minutes", value: (r) => one(r.p90Minutes) },
    ],
    rows: (d) => d.timeToUnlock,
  }),
  vendors: table<VendorTime>({
    title: "Vendor turnaround",
    columns: [
      { header: "vendor", value: (r) => r.vendor },
      { header: "cases", value: (r) => r.cases },
      { header: "result_received", value: (r) => r.received },
      { header: "still_waiting", value: (r) => r.waiting },
      { header: "median_hours", value: (r) => one(r.medianHours) },
      { header: "p90_hours", value: (r) => one(r.p90Hours) },
    ],
    rows: (d) => d.vendorTurnaround,
  }),
  technicians: table<TechRow>({
    title: "Per technician",
    columns: [
      { header: "technician", value: (r) => r.name },
      { header: "completed_visits", value: (r) => r.visits.n },
      { header: "first_visit_fixes", value: (r) => r.visits.succeeded },
      { header: "first_visit_rate", value: (r) => ratio(r.visits.rate) },
      ...rateCols<TechRow>((r) => r.attempts),
      { header: "waiting_vendor", value: (r) => r.pending },
      { header: "median_minutes", value: (r) => one(r.medianMinutes) },
    ],
    rows: (d) => d.technicians,
  }),
  trend: table<WeekPoint>({
    title: "Weekly trend",
    columns: [
      { header: "week_starting", value: (r) => r.week },
      { header: "all_attempts", value: (r) => r.total },
      ...rateCols<WeekPoint>((r) => r, "final_attempts"),
      { header: "waiting_vendor", value: (r) => r.pending },
    ],
    rows: (d) => d.trend,
  }),
} as const;

export type ReportTableName = keyof typeof REPORT_TABLES;
export const EXPORT_TABLES = [...(Object.keys(REPORT_TABLES) as ReportTableName[]), "attempts"] as const;
export type ExportTable = (typeof EXPORT_TABLES)[number];
