import "server-only";
import { asc, eq, gte } from "drizzle-orm";
import type { z } from "zod";
import { getDb } from "@/db/client";
import { holidays } from "@/db/schema";
import { audit } from "@/lib/audit/log";
import { requirePermission, type Actor } from "@/lib/auth/permissions";
import { NotFoundError } from "@/lib/platform/errors";
import { getSettings } from "@/lib/settings/company";
import { holidayDaySchema, holidaySchema } from "./schemas";
import { formatDate } from "@/lib/format/dates";
import { todayIn } from "./time";

/** Company holidays from today on (local dates in the company time zone). */
export async function listHolidays(actor: Actor | null, now = new Date()) {
  requirePermission(actor, "settings:manage");
  const db = await getDb();
  const settings = await getSettings(db);
  const { timeZone } = settings;
  const rows = await db
    .select({ day: holidays.day, name: holidays.name })
    .from(holidays)
    .where(gte(holidays.day, todayIn(timeZone, now)))
    .orderBy(asc(holidays.day))
    .limit(500);
  return rows.map((r) => ({ ...r, label: formatDate(r.day, settings, { weekday: true }) }));
}

/** Add a holiday. A day that is already a holiday is refused by the primary key (holidays_pkey). */
export async function addHoliday(actor: Actor | null, input: z.input<typeof holidaySchema>, ip: string | null) {
  requirePermission(actor, "settings:manage");
  const data = holidaySchema.parse(input);
  const db = await getDb();
  return db.transaction(async (tx) => {
    await tx.insert(holidays).values({ day: data.day, name: data.name });
    await audit(tx, { actorId: actor.id, action: "settings.holiday_add", entityType: "holiday", entityId: data.day, details: { name: data.name }, ip });
    return { day: data.day };
  });
}

export async function removeHoliday(actor: Actor | null, input: z.input<typeof holidayDaySchema>, ip: string | null) {
  requirePermission(actor, "settings:manage");
  const { day } = holidayDaySchema.parse(input);
  const db = await getDb();
  return db.transaction(async (tx) => {
    const [gone] = await tx.delete(holidays).where(eq(holidays.day, day)).returning({ name: holidays.name });
    if (!gone) throw new NotFoundError("That holiday was already removed.");
    await audit(tx, { actorId: actor.id, action: "settings.holiday_remove", entityType: "holiday", entityId: day, details: { name: gone.name }, ip });
    return { removed: true };
  });
}
