/**
 * The office's visit list (/admin/visits) reads its filters from the URL, so
 * a filtered list can be bookmarked and linked to (the overview's counts link
 * here with the same filter they counted). Dates are company-local calendar
 * days, inclusive; a technician of "none" means not assigned yet.
 */
import { DateTime } from "luxon";
import { z } from "zod";
import { VISIT_STATUSES } from "@/db/schema";
import { zodFieldErrors } from "@/lib/platform/errors";
import type { VisitListFilter } from "./filters";

const blank = (v: unknown) => (typeof v === "string" && v.trim() === "" ? undefined : v);
const optional = <T extends z.ZodType>(schema: T) => z.preprocess(blank, schema.optional());

export const visitListParamsSchema = z
  .object({
    status: optional(z.enum(VISIT_STATUSES, { error: "Pick a status from the list." })),
    technician: optional(z.union([z.uuid({ error: "Pick a technician from the list." }), z.literal("none")], { error: "Pick a technician from the list." })),
    from: optional(z.iso.date({ error: "Enter a date as YYYY-MM-DD." })),
    to: optional(z.iso.date({ error: "Enter a date as YYYY-MM-DD." })),
    order: optional(z.enum(["asc", "desc"], { error: "Sort earliest or latest first." })),
  })
  .refine((f) => !f.from || !f.to || f.from <= f.to, { path: ["to"], error: "The end date must be on or after the start date." });

export type VisitListParams = z.output<typeof visitListParamsSchema>;
export const VISIT_LIST_KEYS = ["status", "technician", "from", "to", "order"] as const;

type Params = Record<string, string | string[] | undefined>;

/** The first value of each known parameter, as typed. */
export function rawVisitListParams(params: Params): Record<(typeof VISIT_LIST_KEYS)[number], string | undefined> {
  const raw = {} as Record<(typeof VISIT_LIST_KEYS)[number], string | undefined>;
  for (const k of VISIT_LIST_KEYS) {
    const v = params[k];
    raw[k] = typeof v === "string" ? v : Array.isArray(v) ? v[0] : undefined;
  }
  return raw;
}

/** Parse the URL's filters; on bad input, one message per field and no filter. */
export function parseVisitListParams(params: Params): { ok: true; params: VisitListParams } | { ok: false; fieldErrors: Record<string, string> } {
  const parsed = visitListParamsSchema.safeParse(rawVisitListParams(params));
  if (parsed.success) return { ok: true, params: parsed.data };
  return { ok: false, fieldErrors: Object.fromEntries(Object.entries(zodFieldErrors(parsed.error)).map(([k, m]) => [k, m[0]!])) };
}

/** The list filter for these parameters: local days become instants in the company's time zone (daylight saving included). */
export function visitListFilter(p: VisitListParams, timeZone: string): VisitListFilter {
  return {
    status: p.status,
    technicianId: p.technician,
    from: p.from ? DateTime.fromISO(p.from, { zone: timeZone }).startOf("day").toUTC().toISO()! : undefined,
    to: p.to ? DateTime.fromISO(p.to, { zone: timeZone }).plus({ days: 1 }).startOf("day").toUTC().toISO()! : undefined,
  };
}

/** The query string of a visit list with these filters (empty values left out). */
export function visitListHref(p: Partial<Record<(typeof VISIT_LIST_KEYS)[number], string | undefined>>): string {
  const q = new URLSearchParams();
  for (const k of VISIT_LIST_KEYS) if (p[k]) q.set(k, p[k]!);
  const s = q.toString();
  return s ? `/admin/visits?${s}` : "/admin/visits";
}
