import "server-only";
import { and, eq, isNull, sql } from "drizzle-orm";
import type { Executor } from "@/db/client";
import { apiTokens, calendarFeedTokens } from "@/db/schema";

/**
 * Everything besides the password that lets someone act or read as a user:
 * their API tokens and calendar-feed links. A password reset and disabling a
 * user revoke them all in the same transaction (sessions end through the
 * session version), so whoever had the old password cannot keep a way in,
 * and enabling the user again brings none of them back.
 */
export async function revokeSideDoors(tx: Executor, userId: string) {
  const tokens = await tx
    .update(apiTokens)
    .set({ revokedAt: sql`now()` })
    .where(and(eq(apiTokens.userId, userId), isNull(apiTokens.revokedAt)))
    .returning({ id: apiTokens.id });
  const feeds = await tx
    .update(calendarFeedTokens)
    .set({ revokedAt: sql`now()` })
    .where(and(eq(calendarFeedTokens.userId, userId), isNull(calendarFeedTokens.revokedAt)))
    .returning({ id: calendarFeedTokens.id });
  return { apiTokens: tokens.length, calendarFeeds: feeds.length };
}
