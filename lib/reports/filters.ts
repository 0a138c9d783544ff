/**
 * Report filters: GET parameters of /admin/reports, its CSV exports, its
 * drill-down lists and /api/v1/reports/success-rates. Dates are company-local
 * calendar days, inclusive. Empty fields mean "any". Client-safe (the form
 * and the page's links use the same keys).
 */
import { z } from "zod";
import { BRANDS, DEVICE_KINDS, RECOVERY_OPTIONS, WARRANTY_SEALS } from "@/lib/values";
import { zodFieldErrors } from "@/lib/platform/errors";
import { isRealDate } from "@/lib/availability/time";

const blankToUndefined = (v: unknown) => (typeof v === "string" && v.trim() === "" ? undefined : v);
const optional = <T extends z.ZodType>(schema: T) => z.preprocess(blankToUndefined, schema.optional());
const day = () => z.iso.date({ error: "Enter a date as YYYY-MM-DD." }).refine(isRealDate, "Enter a date between 1900 and 2999.");
const text = () => z.string().trim().max(100, { error: "Use at most 100 characters." });

export const ATTEMPT_ORDERS = ["first", "later"] as const;
export type AttemptOrder = (typeof ATTEMPT_ORDERS)[number];

const filterShape = {
  from: optional(day()),
  to: optional(day()),
  brand: optional(z.enum(BRANDS, { error: "Pick a brand from the list." })),
  kind: optional(z.enum(DEVICE_KINDS, { error: "Pick a device kind from the list." })),
  technician: optional(z.uuid({ error: "Pick a technician from the list." })),
  /** Part of the device's model, any case. */
  model: optional(text()),
  /** Part of the device's firmware version, any case. */
  firmware: optional(text()),
  /** A recovery option the device had ('yes' on the device). */
  option: optional(z.enum(RECOVERY_OPTIONS, { error: "Pick a recovery option from the list." })),
  /** The device's warranty seal. */
  seal: optional(z.enum(WARRANTY_SEALS, { error: "Pick a warranty seal state from the list." })),
  /** The device's first attempt (by time) or the later ones. Attempt figures only. */
  attempt: optional(z.enum(ATTEMPT_ORDERS, { error: "Pick first attempts or later attempts." })),
  customer: optional(z.uuid({ error: "Pick a customer from the list." })),
};

const endAfterStart = (f: { from?: string; to?: string }) => !f.from || !f.to || f.from <= f.to;

export const reportFiltersSchema = z.object(filterShape).refine(endAfterStart, { path: ["to"], error: "The end date must be on or after the start date." });

export type ReportFilters = z.output<typeof reportFiltersSchema>;
export const FILTER_KEYS = ["from", "to", "brand", "kind", "technician", "model", "firmware", "option", "seal", "attempt", "customer"] as const;
export type FilterKey = (typeof FILTER_KEYS)[number];
/** Filters on what the device is: they select device profiles. */
export const DEVICE_DETAIL_KEYS = ["model", "firmware", "option", "seal"] as const;

export type Params = Record<string, string | string[] | undefined> | URLSearchParams;

export function paramOf(params: Params, key: string): string | undefined {
  const v = params instanceof URLSearchParams ? (params.get(key) ?? undefined) : params[key];
  return Array.isArray(v) ? v[0] : v;
}

type Parsed<T> = { ok: true; value: T } | { ok: false; fieldErrors: Record<string, string>; raw: Record<string, string> };

/** Parse some GET parameters with a schema; on bad input, the first message per field and the raw values. */
export function parseParams<T>(schema: z.ZodType<T>, keys: readonly string[], params: Params): Parsed<T> {
  const raw: Record<string, string> = {};
  for (const k of keys) {
    const s = paramOf(params, k);
    if (typeof s === "string") raw[k] = s;
  }
  const parsed = schema.safeParse(raw);
  if (parsed.success) return { ok: true, value: parsed.data };
  const fieldErrors = Object.fromEntries(Object.entries(zodFieldErrors(parsed.error)).map(([field, messages]) => [field, messages[0]!]));
  return { ok: false, fieldErrors, raw };
}

/** Parse GET parameters; on bad input returns the field errors and no filters. */
export function parseReportFilters(
  params: Params,
): { ok: true; filters: ReportFilters } | { ok: false; fieldErrors: Record<string, string>; raw: Record<string, string> } {
  const r = parseParams(reportFiltersSchema, FILTER_KEYS, params);
  return r.ok ? { ok: true, filters: r.value } : r;
}

/** The filters as a query string (for links), without empty values, in a stable order. */
export function filtersToQuery(f: Partial<Record<string, string | undefined>>, keys: readonly string[] = FILTER_KEYS): string {
  const q = new URLSearchParams();
  for (const k of keys) if (f[k]) q.set(k, f[k]!);
  return q.toString();
}

/** A second period to compare with (same filters otherwise). */
export const comparisonSchema = z
  .object({ cfrom: optional(day()), cto: optional(day()) })
  .refine((c) => !c.cfrom || !c.cto || c.cfrom <= c.cto, { path: ["cto"], error: "The end date must be on or after the start date." })
  .refine((c) => !!c.cfrom === !!c.cto, { path: ["cto"], error: "Give both dates of the period to compare with." });
export type Comparison = z.output<typeof comparisonSchema>;
export const COMPARISON_KEYS = ["cfrom", "cto"] as const;

/**
 * Where the numbers come from: the cumulative rollups (by brand × kind, or by
 * device profile when a device detail is filtered), or the raw facts (a
 * customer filter: that customer's visits, through their index; and tests).
 */
export type Source = "rollups" | "raw";

export function chooseSource(f: ReportFilters): Source {
  return f.customer ? "raw" : "rollups";
}

/** True when a filter on what the device is (model, firmware, option, seal) is set. */
export const hasDeviceDetail = (f: ReportFilters) => DEVICE_DETAIL_KEYS.some((k) => !!f[k]);
