import "server-only";
import { and, count, eq, gt, lt, min } from "drizzle-orm";
import type { Executor } from "@/db/client";
import { loginFailures } from "@/db/schema";

/** Failed sign-ins allowed in the window, per account and per client address. */
export const THROTTLE = { windowMinutes: 15, perAccount: 5, perIp: 20 } as const;

export type ThrottleState = { limited: false } | { limited: true; retryAfterSeconds: number; scope: "account" | "ip" };

/** Is this account or address over its limit? Counted in the database, so all instances agree. */
export async function checkThrottle(db: Executor, email: string, ip: string, now = new Date()): Promise<ThrottleState> {
  const since = new Date(now.getTime() - THROTTLE.windowMinutes * 60_000);
  const check = async (scope: "account" | "ip") => {
    const where = scope === "account" ? eq(loginFailures.email, email) : eq(loginFailures.ip, ip);
    const [row] = await db
      .select({ n: count(), oldest: min(loginFailures.at) })
      .from(loginFailures)
      .where(and(where, gt(loginFailures.at, since)));
    const limit = scope === "account" ? THROTTLE.perAccount : THROTTLE.perIp;
    if (!row || row.n < limit || !row.oldest) return null;
    const oldest = new Date(row.oldest);
    const retry = Math.max(1, Math.ceil((oldest.getTime() + THROTTLE.windowMinutes * 60_000 - now.getTime()) / 1000));
    return { limited: true as const, retryAfterSeconds: retry, scope };
  };
  return (await check("account")) ?? (await check("ip")) ?? { limited: false };
}

export async function recordFailure(db: Executor, email: string, ip: string) {
  await db.insert(loginFailures).values({ email, ip });
  // Keep the table small: drop rows well outside any window.
  await db.delete(loginFailures).where(lt(loginFailures.at, new Date(Date.now() - 24 * 3600_000)));
}

export async function clearAccountFailures(db: Executor, email: string) {
  await db.delete(loginFailures).where(eq(loginFailures.email, email));
}
