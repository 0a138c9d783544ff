import { z } from "zod";
import { isRealDate, TIME_RE } from "@/lib/availability/time";

/**
 * Assign, reassign, unassign or move a visit: one form (technician + date +
 * time in the company time zone). An empty technician means "unassigned".
 */
export const moveVisitSchema = z.object({
  visitId: z.uuid("Unknown visit."),
  technicianId: z.union([z.uuid("Choose a technician."), z.literal("")], { error: "Choose a technician." }),
  date: z.string({ error: "Enter a date." }).refine(isRealDate, "Enter a date like 2026-05-12."),
  time: z
    .string({ error: "Enter a time." })
    .regex(TIME_RE, "Use a time like 09:30.")
    .refine((t) => t !== "24:00", "Use a time like 09:30."),
});
export type MoveVisitInput = z.input<typeof moveVisitSchema>;

export const boardQuerySchema = z.object({
  view: z.enum(["day", "week"]).catch("day"),
  date: z.string().refine(isRealDate).optional().catch(undefined),
});
export type BoardQuery = z.output<typeof boardQuerySchema>;
