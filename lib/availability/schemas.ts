/**
 * Form schemas for availability admin. Each is used by react-hook-form on the
 * client and again by the server action; field errors use dot paths
 * ("days.0.ranges.1.end") so they land on the right input.
 */
import { z } from "zod";
import { BRANDS } from "@/lib/values";
import { isRealDate, TIME_RE, timeToMinutes, WEEKDAY_NAMES } from "./time";

const timeField = z.string({ error: "Enter a time." }).regex(TIME_RE, "Use a time like 09:00.");

export const hoursRangeSchema = z.object({ start: timeField, end: timeField });

/** A technician's week: `days[0]` is Monday (ISO weekday 1) ... `days[6]` Sunday. */
export const weeklyHoursSchema = z
  .object({
    technicianId: z.uuid("Unknown technician."),
    days: z.array(z.object({ ranges: z.array(hoursRangeSchema).max(6, "At most 6 ranges a day.") })).length(7, "Send all seven days."),
  })
  .superRefine((v, ctx) => {
    v.days.forEach((day, d) => {
      const valid: { i: number; s: number; e: number }[] = [];
      day.ranges.forEach((r, i) => {
        if (!TIME_RE.test(r.start) || !TIME_RE.test(r.end)) return;
        const s = timeToMinutes(r.start);
        const e = timeToMinutes(r.end);
        if (s >= e) {
          ctx.addIssue({ code: "custom", path: ["days", d, "ranges", i, "end"], message: `Must end after it starts (${r.start}).` });
          return;
        }
        valid.push({ i, s, e });
      });
      valid.sort((a, b) => a.s - b.s);
      for (let k = 1; k < valid.length; k++) {
        const prev = valid[k - 1]!;
        const cur = valid[k]!;
        if (cur.s < prev.e) {
          const p = day.ranges[prev.i]!;
          ctx.addIssue({
            code: "custom",
            path: ["days", d, "ranges", cur.i, "start"],
            message: `Overlaps ${WEEKDAY_NAMES[d]} ${p.start}–${p.end}.`,
          });
        }
      }
    });
  });
export type WeeklyHoursInput = z.input<typeof weeklyHoursSchema>;

const localDateTime = z
  .string({ error: "Enter a date and time." })
  .min(1, "Enter a date and time.")
  .regex(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}$/, "Enter a date and time.")
  .refine((v) => isRealDate(v.slice(0, 10)) && TIME_RE.test(v.slice(11, 16)), "That date or time does not exist.");

/** Time off, entered as local date-times in the company time zone. */
export const timeOffSchema = z
  .object({
    technicianId: z.uuid("Unknown technician."),
    startsAt: localDateTime,
    endsAt: localDateTime,
    reason: z.string().trim().max(200, "Use at most 200 characters.").optional().default(""),
  })
  .refine((v) => v.endsAt > v.startsAt, { path: ["endsAt"], message: "Must end after it starts." });
export type TimeOffInput = z.input<typeof timeOffSchema>;

export const timeOffIdSchema = z.object({ technicianId: z.uuid("Unknown technician."), id: z.uuid("Unknown time off.") });

export const brandsSchema = z.object({
  technicianId: z.uuid("Unknown technician."),
  brands: z
    .array(z.enum(BRANDS, { error: "Unknown brand." }), { error: "Choose at least one brand." })
    .min(1, "Choose at least one brand.")
    .max(BRANDS.length),
});
export type BrandsInput = z.input<typeof brandsSchema>;

export const holidaySchema = z.object({
  day: z.string({ error: "Enter a date." }).refine(isRealDate, "Enter a date like 2026-12-25."),
  name: z.string({ error: "Enter a name." }).trim().min(1, "Enter a name, like “Christmas Day”.").max(100, "Use at most 100 characters."),
});
export type HolidayInput = z.input<typeof holidaySchema>;

export const holidayDaySchema = z.object({ day: z.string().refine(isRealDate, "Unknown holiday.") });
