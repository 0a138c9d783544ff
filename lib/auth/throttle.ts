import "server-only";
import { and, count, eq, gt, lt, max, min } from "drizzle-orm";
import type { Executor } from "@/db/client";
import { loginFailures } from "@/db/schema";

/**
 * Failed sign-ins, counted in the database (every instance agrees), after
 * OWASP's advice: slow a guesser down rather than lock the owner out.
 *  - One address against one account (the pair): the first `pairFree`
 *    failures in the window cost nothing; after that each try from that
 *    address must wait, twice as long each time (30 s, 1 min, 2 min … at most
 *    15 min) after the pair's last failure.
 *  - One address across accounts: `perIp` failures in the window, then that
 *    address waits for the window to pass (it only stops that address).
 *  - One account from everywhere (the ceiling): past `accountCeiling`
 *    failures in the window every try on the account, right or wrong, from a
 *    known or a new address, is answered only after a short server-side delay
 *    (1 s per `accountCeiling` failures, at most 5 s). It is never refused:
 *    a stranger hammering an account from many addresses cannot stop its
 *    owner signing in with the right password.
 */
export const THROTTLE = {
  windowMinutes: 15,
  pairFree: 5,
  pairBaseDelaySeconds: 30,
  pairMaxDelaySeconds: 15 * 60,
  perIp: 20,
  accountCeiling: 10,
  ceilingStepMs: 1000,
  ceilingMaxDelayMs: 5000,
} as const;

export type ThrottleState = { limited: false; delayMs: number } | { limited: true; retryAfterSeconds: number; scope: "pair" | "ip" };

/** How long a pair with `failures` failures in the window waits after its last one (0 while free). */
export function pairDelaySeconds(failures: number): number {
  if (failures < THROTTLE.pairFree) return 0;
  return Math.min(THROTTLE.pairBaseDelaySeconds * 2 ** (failures - THROTTLE.pairFree), THROTTLE.pairMaxDelaySeconds);
}

/** The slow-down every try on an account gets once it has `failures` failures in the window from anywhere (never a refusal). */
export function ceilingDelayMs(failures: number): number {
  if (failures < THROTTLE.accountCeiling) return 0;
  return Math.min(THROTTLE.ceilingStepMs * Math.floor(failures / THROTTLE.accountCeiling), THROTTLE.ceilingMaxDelayMs);
}

/** May this address try this account now? Refused only for the pair or the address; the account's ceiling only slows. */
export async function checkThrottle(db: Executor, email: string, ip: string, now = new Date()): Promise<ThrottleState> {
  const windowMs = THROTTLE.windowMinutes * 60_000;
  const since = new Date(now.getTime() - windowMs);
  const recent = gt(loginFailures.at, since);
  const [[byIp], [byPair], [byAccount]] = await Promise.all([
    db
      .select({ n: count(), oldest: min(loginFailures.at) })
      .from(loginFailures)
      .where(and(eq(loginFailures.ip, ip), recent)),
    db
      .select({ n: count(), last: max(loginFailures.at) })
      .from(loginFailures)
      .where(and(eq(loginFailures.email, email), eq(loginFailures.ip, ip), recent)),
    db
      .select({ n: count() })
      .from(loginFailures)
      .where(and(eq(loginFailures.email, email), recent)),
  ]);
  if (byIp && byIp.n >= THROTTLE.perIp && byIp.oldest) {
    const retry = Math.ceil((new Date(byIp.oldest).getTime() + windowMs - now.getTime()) / 1000);
    return { limited: true, retryAfterSeconds: Math.max(1, retry), scope: "ip" };
  }
  const wait = pairDelaySeconds(byPair?.n ?? 0);
  if (wait > 0 && byPair?.last) {
    const retry = Math.ceil((new Date(byPair.last).getTime() + wait * 1000 - now.getTime()) / 1000);
    if (retry > 0) return { limited: true, retryAfterSeconds: retry, scope: "pair" };
  }
  return { limited: false, delayMs: ceilingDelayMs(byAccount?.n ?? 0) };
}

export async function recordFailure(db: Executor, email: string, ip: string) {
  await db.insert(loginFailures).values({ email, ip });
  // Keep the table small: drop rows well outside any window.
  await db.delete(loginFailures).where(lt(loginFailures.at, new Date(Date.now() - 24 * 3600_000)));
}

/** A successful sign-in clears what that address had against that account (a stranger's failures elsewhere stay counted). */
export async function clearPairFailures(db: Executor, email: string, ip: string) {
  await db.delete(loginFailures).where(and(eq(loginFailures.email, email), eq(loginFailures.ip, ip)));
}

/** A password reset proves the mailbox: every failure against the account is forgotten. */
export async function clearAccountFailures(db: Executor, email: string) {
  await db.delete(loginFailures).where(eq(loginFailures.email, email));
}
