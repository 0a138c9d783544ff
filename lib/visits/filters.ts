import { z } from "zod";
import { VISIT_STATUSES, type VisitStatus } from "@/db/schema";
import { isSupportedInstant } from "@/lib/availability/time";

/** Filters of a list of visits (the API's query string; a web list can use the same). */
export const visitFilterFields = z.object({
  status: z.enum(VISIT_STATUSES, "Use one of: " + VISIT_STATUSES.join(", ") + ".").optional(),
  technicianId: z.uuid("Use a technician's id.").optional(),
  customerId: z.uuid("Use a customer's id.").optional(),
  from: z.iso
    .datetime({ offset: true, message: "Use an ISO 8601 date-time, e.g. 2030-01-31T09:00:00Z." })
    .refine(isSupportedInstant, "Use a date-time between the years 1900 and 2999.")
    .optional()
    .meta({ description: "Visits starting at or after" }),
  to: z.iso
    .datetime({ offset: true, message: "Use an ISO 8601 date-time, e.g. 2030-02-01T00:00:00Z." })
    .refine(isSupportedInstant, "Use a date-time between the years 1900 and 2999.")
    .optional()
    .meta({ description: "Visits starting before" }),
});

/** `to` after `from`, as a refinement any schema with these fields can add. */
export const fromBeforeTo: [(f: { from?: string; to?: string }) => boolean, { path: string[]; message: string }] = [
  (f) => !f.from || !f.to || Date.parse(f.from) < Date.parse(f.to),
  { path: ["to"], message: "`to` must be after `from`." },
];

export const visitFilterSchema = visitFilterFields.refine(...fromBeforeTo);
export type VisitFilter = z.output<typeof visitFilterFields>;

/** What the office's lists filter by: the API's filter, plus a technician of "none" (not assigned yet), several statuses, or one device. */
export type VisitListFilter = Omit<VisitFilter, "technicianId"> & {
  technicianId?: string | "none";
  statuses?: VisitStatus[];
  deviceId?: string;
};
