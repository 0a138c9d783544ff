import "server-only";
import { and, eq, gte, isNull, lt, sql } from "drizzle-orm";
import { getDb } from "@/db/client";
import { calendarFeedTokens, users, visits } from "@/db/schema";
import { audit } from "@/lib/audit/log";
import { can, requirePermission, type Actor } from "@/lib/auth/permissions";
import { seesAllVisits } from "@/lib/auth/scopes";
import { NotFoundError } from "@/lib/platform/errors";
import { newSecretToken, tokenHash } from "@/lib/platform/secret-tokens";
import { getSettings } from "@/lib/settings/company";
import { selectVisits } from "@/lib/visits/read";
import { visitsToIcs } from "./ics";

/** How far back and ahead a feed reaches. */
const PAST_DAYS = 60;
const FUTURE_DAYS = 400;

/** The feed URL's path for a token. */
export const feedPath = (token: string) => `/api/calendar/${token}.ics`;

/**
 * A new private subscription URL for this person: technicians get their own
 * visits, admins everyone's. Any earlier URL of theirs stops working (one
 * live URL per person). The token is shown once and stored as sha256.
 */
export async function createCalendarFeed(actor: Actor | null, ip: string | null) {
  requirePermission(actor, "calendar:subscribe");
  const token = newSecretToken("");
  const scope = seesAllVisits(actor) ? "all" : "own";
  const db = await getDb();
  await db.transaction(async (tx) => {
    await tx
      .update(calendarFeedTokens)
      .set({ revokedAt: sql`now()` })
      .where(and(eq(calendarFeedTokens.userId, actor.id), isNull(calendarFeedTokens.revokedAt)));
    const [row] = await tx
      .insert(calendarFeedTokens)
      .values({ tokenHash: tokenHash(token), userId: actor.id, scope })
      .returning({ id: calendarFeedTokens.id });
    await audit(tx, { actorId: actor.id, action: "calendar_feed.create", entityType: "calendar_feed", entityId: row!.id, details: { scope }, ip });
  });
  return { token, path: feedPath(token), scope };
}

export async function revokeCalendarFeed(actor: Actor | null, ip: string | null) {
  requirePermission(actor, "calendar:subscribe");
  const db = await getDb();
  return db.transaction(async (tx) => {
    const rows = await tx
      .update(calendarFeedTokens)
      .set({ revokedAt: sql`now()` })
      .where(and(eq(calendarFeedTokens.userId, actor.id), isNull(calendarFeedTokens.revokedAt)))
      .returning({ id: calendarFeedTokens.id });
    if (rows.length === 0) throw new NotFoundError("You have no calendar link to turn off.");
    await audit(tx, { actorId: actor.id, action: "calendar_feed.revoke", entityType: "calendar_feed", entityId: rows[0]!.id, ip });
    return { revoked: rows.length };
  });
}

/** Whether this person has a live URL (its token cannot be shown again). */
export async function calendarFeedStatus(actor: Actor | null) {
  requirePermission(actor, "calendar:subscribe");
  const db = await getDb();
  const [row] = await db
    .select({ createdAt: calendarFeedTokens.createdAt, scope: calendarFeedTokens.scope })
    .from(calendarFeedTokens)
    .where(and(eq(calendarFeedTokens.userId, actor.id), isNull(calendarFeedTokens.revokedAt)));
  return row ?? null;
}

/**
 * The iCalendar text behind a feed token. Unknown or revoked tokens, a
 * disabled user, or a user no longer allowed the feed's scope: NotFoundError.
 */
export async function calendarFeedIcs(token: string): Promise<string> {
  if (!/^[A-Za-z0-9_-]{43}$/.test(token)) throw new NotFoundError();
  const db = await getDb();
  const [feed] = await db
    .select({ scope: calendarFeedTokens.scope, userId: users.id, role: users.role, name: users.name, disabledAt: users.disabledAt })
    .from(calendarFeedTokens)
    .innerJoin(users, eq(users.id, calendarFeedTokens.userId))
    .where(and(eq(calendarFeedTokens.tokenHash, tokenHash(token)), isNull(calendarFeedTokens.revokedAt)));
  if (!feed || feed.disabledAt) throw new NotFoundError();
  const everyone = feed.scope === "all";
  // The feed's owner must still hold what the feed shows (a role change takes effect on the next fetch).
  if (everyone ? !seesAllVisits(feed) : !can(feed, "calendar:subscribe")) throw new NotFoundError();
  const rows = await selectVisits(db)
    .where(
      and(
        everyone ? undefined : eq(visits.technicianId, feed.userId),
        gte(visits.startsAt, sql`now() - make_interval(days => ${PAST_DAYS})`),
        lt(visits.startsAt, sql`now() + make_interval(days => ${FUTURE_DAYS})`),
      ),
    )
    .orderBy(visits.startsAt)
    .limit(5000);
  const { companyName } = await getSettings(db);
  return visitsToIcs(rows, everyone ? `${companyName}: all visits` : `${companyName}: ${feed.name}`, everyone);
}
