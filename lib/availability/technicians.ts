import "server-only";
import { and, asc, eq, gt, inArray, lt, type SQL } from "drizzle-orm";
import type { z } from "zod";
import { getDb, type Executor } from "@/db/client";
import { ACTIVE_VISIT_STATUSES, technicianHours, technicianProfiles, technicianTimeOff, users, visits } from "@/db/schema";
import { audit } from "@/lib/audit/log";
import { requirePermission, type Actor } from "@/lib/auth/permissions";
import { NotFoundError, ValidationError } from "@/lib/platform/errors";
import { getSettings } from "@/lib/settings/company";
import { brandsSchema, timeOffIdSchema, timeOffSchema, weeklyHoursSchema } from "./schemas";
import { hoursByDay, summarizeWeek, weeklyMinutes } from "./summary";
import { formatDateTime, formatDateTimeRange } from "@/lib/format/dates";
import { instantToLocalInput, localDateTimeToInstant, timeToMinutes } from "./time";

/** The technician row (locked when `forUpdate`), or NotFoundError: only technicians have availability. */
async function loadTechnician(db: Executor, id: string, forUpdate = false) {
  const q = db
    .select({ id: users.id, name: users.name, email: users.email, disabledAt: users.disabledAt, brands: technicianProfiles.brands })
    .from(technicianProfiles)
    .innerJoin(users, eq(users.id, technicianProfiles.userId))
    .where(and(eq(technicianProfiles.userId, id), eq(users.role, "technician")));
  const [row] = forUpdate ? await q.for("update", { of: technicianProfiles }) : await q;
  if (!row) throw new NotFoundError("That technician does not exist.");
  return row;
}

/** Every technician with a summary of their week (for /admin/technicians). */
export async function listTechnicians(actor: Actor | null) {
  requirePermission(actor, "availability:manage");
  const db = await getDb();
  const techs = await db
    .select({ id: users.id, name: users.name, email: users.email, disabledAt: users.disabledAt, brands: technicianProfiles.brands })
    .from(technicianProfiles)
    .innerJoin(users, eq(users.id, technicianProfiles.userId))
    .where(eq(users.role, "technician"))
    .orderBy(asc(users.name));
  const ids = techs.map((t) => t.id);
  const rows = ids.length
    ? await db
        .select({
          technicianId: technicianHours.technicianId,
          weekday: technicianHours.weekday,
          startMinute: technicianHours.startMinute,
          endMinute: technicianHours.endMinute,
        })
        .from(technicianHours)
        .where(inArray(technicianHours.technicianId, ids))
    : [];
  return techs.map((t) => {
    const mine = rows.filter((r) => r.technicianId === t.id);
    return { ...t, disabled: !!t.disabledAt, summary: summarizeWeek(mine), weeklyHours: weeklyMinutes(mine) / 60 };
  });
}

/** One technician's hours, upcoming time off and brands, shaped for the edit forms. */
export async function getTechnicianAvailability(actor: Actor | null, id: string, now = new Date()) {
  requirePermission(actor, "availability:manage");
  const db = await getDb();
  if (!/^[0-9a-f-]{36}$/i.test(id)) throw new NotFoundError("That technician does not exist.");
  const tech = await loadTechnician(db, id);
  const settings = await getSettings(db);
  const { timeZone } = settings;
  const hours = await db
    .select({ weekday: technicianHours.weekday, startMinute: technicianHours.startMinute, endMinute: technicianHours.endMinute })
    .from(technicianHours)
    .where(eq(technicianHours.technicianId, id));
  const timeOff = await db
    .select({ id: technicianTimeOff.id, startsAt: technicianTimeOff.startsAt, endsAt: technicianTimeOff.endsAt, reason: technicianTimeOff.reason })
    .from(technicianTimeOff)
    .where(and(eq(technicianTimeOff.technicianId, id), gt(technicianTimeOff.endsAt, now)))
    .orderBy(asc(technicianTimeOff.startsAt))
    .limit(200);
  return {
    id: tech.id,
    name: tech.name,
    email: tech.email,
    disabled: !!tech.disabledAt,
    brands: tech.brands,
    timeZone,
    days: hoursByDay(hours).map((ranges) => ({ ranges })),
    summary: summarizeWeek(hours),
    timeOff: timeOff.map((t) => ({
      ...t,
      label: formatDateTimeRange(t.startsAt, t.endsAt, settings),
      startsLocal: instantToLocalInput(t.startsAt, timeZone),
    })),
  };
}

/** Replace a technician's weekly hours (all seven days at once). */
export async function setWeeklyHours(actor: Actor | null, input: z.input<typeof weeklyHoursSchema>, ip: string | null) {
  requirePermission(actor, "availability:manage");
  const data = weeklyHoursSchema.parse(input);
  const db = await getDb();
  return db.transaction(async (tx) => {
    await loadTechnician(tx, data.technicianId, true); // serialises concurrent edits of one week
    const before = await tx
      .select({ weekday: technicianHours.weekday, startMinute: technicianHours.startMinute, endMinute: technicianHours.endMinute })
      .from(technicianHours)
      .where(eq(technicianHours.technicianId, data.technicianId));
    const rows = data.days.flatMap((day, d) =>
      day.ranges.map((r) => ({ technicianId: data.technicianId, weekday: d + 1, startMinute: timeToMinutes(r.start), endMinute: timeToMinutes(r.end) })),
    );
    await tx.delete(technicianHours).where(eq(technicianHours.technicianId, data.technicianId));
    if (rows.length) await tx.insert(technicianHours).values(rows);
    await audit(tx, {
      actorId: actor.id,
      action: "availability.hours_set",
      entityType: "technician",
      entityId: data.technicianId,
      details: { before: summarizeWeek(before), after: summarizeWeek(rows) },
      ip,
    });
    return { summary: summarizeWeek(rows) };
  });
}

/**
 * Add time off (entered in the company time zone). Returns the technician's
 * active visits inside it, so the dispatcher can move them.
 */
export async function addTimeOff(actor: Actor | null, input: z.input<typeof timeOffSchema>, ip: string | null, now = new Date()) {
  requirePermission(actor, "availability:manage");
  const data = timeOffSchema.parse(input);
  const db = await getDb();
  const settings = await getSettings(db);
  const { timeZone } = settings;
  const startsAt = localDateTimeToInstant(data.startsAt, timeZone, "startsAt");
  const endsAt = localDateTimeToInstant(data.endsAt, timeZone, "endsAt");
  if (endsAt <= now) throw new ValidationError("Please correct the highlighted fields.", { endsAt: ["This time off would already be over."] });
  if (endsAt.getTime() - startsAt.getTime() > 366 * 24 * 3600_000) {
    throw new ValidationError("Please correct the highlighted fields.", { endsAt: ["Time off can be at most a year long; add it in parts."] });
  }
  return db.transaction(async (tx) => {
    await loadTechnician(tx, data.technicianId, true);
    const [row] = await tx
      .insert(technicianTimeOff)
      .values({ technicianId: data.technicianId, startsAt, endsAt, reason: data.reason || null })
      .returning({ id: technicianTimeOff.id });
    await audit(tx, {
      actorId: actor.id,
      action: "availability.time_off_add",
      entityType: "technician",
      entityId: data.technicianId,
      details: { timeOffId: row!.id, startsAt: startsAt.toISOString(), endsAt: endsAt.toISOString(), reason: data.reason || null },
      ip,
    });
    const overlap: SQL[] = [lt(visits.startsAt, endsAt), gt(visits.busyUntil, startsAt)];
    const conflicts = await tx
      .select({ id: visits.id, reference: visits.reference, startsAt: visits.startsAt })
      .from(visits)
      .where(and(eq(visits.technicianId, data.technicianId), inArray(visits.status, [...ACTIVE_VISIT_STATUSES]), ...overlap))
      .orderBy(asc(visits.startsAt));
    return { id: row!.id, conflicts: conflicts.map((c) => ({ reference: c.reference, when: formatDateTime(c.startsAt, settings) })) };
  });
}

export async function removeTimeOff(actor: Actor | null, input: z.input<typeof timeOffIdSchema>, ip: string | null) {
  requirePermission(actor, "availability:manage");
  const data = timeOffIdSchema.parse(input);
  const db = await getDb();
  return db.transaction(async (tx) => {
    const [gone] = await tx
      .delete(technicianTimeOff)
      .where(and(eq(technicianTimeOff.id, data.id), eq(technicianTimeOff.technicianId, data.technicianId)))
      .returning({ startsAt: technicianTimeOff.startsAt, endsAt: technicianTimeOff.endsAt });
    if (!gone) throw new NotFoundError("That time off was already removed.");
    await audit(tx, {
      actorId: actor.id,
      action: "availability.time_off_remove",
      entityType: "technician",
      entityId: data.technicianId,
      details: { timeOffId: data.id, startsAt: gone.startsAt.toISOString(), endsAt: gone.endsAt.toISOString() },
      ip,
    });
    return { removed: true };
  });
}

export async function setBrands(actor: Actor | null, input: z.input<typeof brandsSchema>, ip: string | null) {
  requirePermission(actor, "availability:manage");
  const data = brandsSchema.parse(input);
  const brands = [...new Set(data.brands)];
  const db = await getDb();
  return db.transaction(async (tx) => {
    const tech = await loadTechnician(tx, data.technicianId, true);
    await tx.update(technicianProfiles).set({ brands, updatedAt: new Date() }).where(eq(technicianProfiles.userId, data.technicianId));
    await audit(tx, {
      actorId: actor.id,
      action: "availability.brands_set",
      entityType: "technician",
      entityId: data.technicianId,
      details: { before: tech.brands, after: brands },
      ip,
    });
    return { brands };
  });
}

/** Technicians by name, for pickers and filters (disabled ones marked): the office's. */
export async function listTechnicianChoices(actor: Actor | null) {
  requirePermission(actor, "visits:dispatch");
  const db = await getDb();
  const rows = await db
    .select({ id: users.id, name: users.name, disabledAt: users.disabledAt })
    .from(users)
    .where(eq(users.role, "technician"))
    .orderBy(asc(users.name));
  return rows.map((r) => ({ id: r.id, name: r.name, disabled: !!r.disabledAt }));
}
