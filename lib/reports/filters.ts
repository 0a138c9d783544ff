/**
 * Report filters: GET parameters of /admin/reports and its CSV exports.
 * Dates are company-local calendar days, inclusive. Empty fields mean "any".
 */
import { z } from "zod";
import { BRANDS, DEVICE_KINDS } from "@/db/schema";
import { zodFieldErrors } from "@/lib/platform/errors";
import { isRealDate } from "@/lib/availability/time";

const blankToUndefined = (v: unknown) => (typeof v === "string" && v.trim() === "" ? undefined : v);
const optional = <T extends z.ZodType>(schema: T) => z.preprocess(blankToUndefined, schema.optional());

export const reportFiltersSchema = z
  .object({
    from: optional(z.iso.date({ error: "Enter a date as YYYY-MM-DD." }).refine(isRealDate, "Enter a date between 1900 and 2999.")),
    to: optional(z.iso.date({ error: "Enter a date as YYYY-MM-DD." }).refine(isRealDate, "Enter a date between 1900 and 2999.")),
    brand: optional(z.enum(BRANDS, { error: "Pick a brand from the list." })),
    kind: optional(z.enum(DEVICE_KINDS, { error: "Pick a device kind from the list." })),
    technician: optional(z.uuid({ error: "Pick a technician from the list." })),
    model: optional(z.string().trim().max(100, { error: "Use at most 100 characters." })),
  })
  .refine((f) => !f.from || !f.to || f.from <= f.to, { path: ["to"], error: "The end date must be on or after the start date." });

export type ReportFilters = z.output<typeof reportFiltersSchema>;
export const FILTER_KEYS = ["from", "to", "brand", "kind", "technician", "model"] as const;

type Params = Record<string, string | string[] | undefined> | URLSearchParams;

/** Parse GET parameters; on bad input returns the field errors and no filters. */
export function parseReportFilters(
  params: Params,
): { ok: true; filters: ReportFilters } | { ok: false; fieldErrors: Record<string, string>; raw: Record<string, string> } {
  const raw: Record<string, string> = {};
  for (const k of FILTER_KEYS) {
    const v = params instanceof URLSearchParams ? params.get(k) : params[k];
    const s = Array.isArray(v) ? v[0] : v;
    if (typeof s === "string") raw[k] = s;
  }
  const parsed = reportFiltersSchema.safeParse(raw);
  if (parsed.success) return { ok: true, filters: parsed.data };
  // One message per filter field (the form shows the first).
  const fieldErrors = Object.fromEntries(Object.entries(zodFieldErrors(parsed.error)).map(([field, messages]) => [field, messages[0]!]));
  return { ok: false, fieldErrors, raw };
}

/** The filters as a query string (for export links), without empty values. */
export function filtersToQuery(f: ReportFilters): string {
  const q = new URLSearchParams();
  for (const k of FILTER_KEYS) if (f[k]) q.set(k, f[k]!);
  return q.toString();
}

/** Where the numbers come from: all-time rollups, daily rollups, or the raw attempts (model text cannot be pre-aggregated). */
export type Source = "summary" | "daily" | "raw";

export function chooseSource(f: ReportFilters): Source {
  if (f.model) return "raw";
  if (f.from || f.to || f.brand || f.kind || f.technician) return "daily";
  return "summary";
}
