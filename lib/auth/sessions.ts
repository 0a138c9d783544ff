/**
 * Server-side sessions. The session cookie (a next-auth JWT) carries the user
 * id, the user's session version and the id of a `sessions` row made at
 * sign-in. A request is signed in only while that row is live:
 *  - sign-out ends the row (ended_at), so a copied cookie stops working at
 *    once, on every instance, and only that session ends (the same user on
 *    another device stays signed in);
 *  - a session lasts at most the company's maximum for the role (settings:
 *    staff hours, customer days), counted from sign-in: refreshing the cookie
 *    (`/api/auth/session`) never extends it;
 *  - disabling a user, changing their role or password bumps the user's
 *    session version, which ends every session of theirs.
 * Staff two-step sign-in is recorded per session (second_factor_at): an
 * admin's session without it is not an admin session (lib/auth/actor.ts).
 */
import "server-only";
import { and, eq, isNull, lt, or, sql, type SQLWrapper } from "drizzle-orm";
import { preparedStatement, type Executor } from "@/db/client";
import { sessions, userTwoFactor, users, type Role } from "@/db/schema";
import { can, type Actor } from "@/lib/auth/permissions";
import type { SessionClaims } from "@/lib/auth/session-token";
import { storedSetting, type CompanySettings } from "@/lib/settings/schema";

export type SessionState =
  | { kind: "signed-out" }
  /** Password accepted; the second factor is still owed (enrolled: enter a code; not enrolled: enrol first). */
  | { kind: "second-factor"; sessionId: string; user: Actor; enrolled: boolean }
  | { kind: "signed-in"; sessionId: string; actor: Actor; secondFactor: boolean; enrolled: boolean };

const SIGNED_OUT = { kind: "signed-out" } as const;

/** How long a session of this role may last, in milliseconds (customers: days; staff: hours). */
export function sessionLifetimeMs(role: Role, s: Pick<CompanySettings, "staffSessionHours" | "customerSessionDays">): number {
  return can({ role }, "area:portal") ? s.customerSessionDays * 24 * 3600_000 : s.staffSessionHours * 3600_000;
}

/** Whether this role must pass a second factor for its session to count (admins), or may choose to (technicians). */
export const secondFactorRequired = (role: Role) => can({ role }, "two-factor:required");

/** A new session row for a sign-in; its id goes into the cookie. */
export async function startSession(db: Executor, userId: string): Promise<string> {
  const [row] = await db.insert(sessions).values({ userId }).returning({ id: sessions.id });
  return row!.id;
}

/** End one session (sign-out). */
export async function endSession(db: Executor, sessionId: string) {
  if (!/^[0-9a-f-]{36}$/i.test(sessionId)) return;
  await db
    .update(sessions)
    .set({ endedAt: sql`now()` })
    .where(and(eq(sessions.id, sessionId), isNull(sessions.endedAt)));
}

/** What the claims of a cookie amount to now: signed out, owing the second factor, or signed in. */
type Lifetimes = Pick<CompanySettings, "staffSessionHours" | "customerSessionDays">;

/** The session's row, its user and what the lifetime check needs: read on every signed-in request, so prepared. */
function sessionQuery(db: Executor, sid: SQLWrapper | string, uid: SQLWrapper | string) {
  return db
    .select({
      id: users.id,
      role: users.role,
      name: users.name,
      email: users.email,
      customerId: users.customerId,
      disabledAt: users.disabledAt,
      sessionVersion: users.sessionVersion,
      createdAt: sessions.createdAt,
      secondFactorAt: sessions.secondFactorAt,
      endedAt: sessions.endedAt,
      enrolledAt: userTwoFactor.enabledAt,
      staffSessionHours: sql<unknown>`(SELECT value FROM settings WHERE key = 'staffSessionHours')`,
      customerSessionDays: sql<unknown>`(SELECT value FROM settings WHERE key = 'customerSessionDays')`,
    })
    .from(sessions)
    .innerJoin(users, eq(users.id, sessions.userId))
    .leftJoin(userTwoFactor, eq(userTwoFactor.userId, users.id))
    .where(and(eq(sessions.id, sid), eq(sessions.userId, uid)));
}
const sessionRow = preparedStatement(
  (db) => sessionQuery(db, sql.placeholder("sid"), sql.placeholder("uid")).prepare("fieldkey_session_row"),
  (tx, p: { sid: string; uid: string }) => sessionQuery(tx, p.sid, p.uid),
);

/**
 * The state of the session behind these claims. The maximum lifetimes come
 * from `settings` when given, else from the settings table in the same
 * statement as the session (one statement per signed-in request).
 */
export async function resolveSession(db: Executor, claims: SessionClaims | null, settings?: Lifetimes, now = new Date()): Promise<SessionState> {
  if (!claims || !/^[0-9a-f-]{36}$/i.test(claims.sid) || !/^[0-9a-f-]{36}$/i.test(claims.uid)) return SIGNED_OUT;
  const [row] = await sessionRow(db, { sid: claims.sid, uid: claims.uid });
  if (!row || row.endedAt || row.disabledAt || row.sessionVersion !== claims.sv) return SIGNED_OUT;
  const lifetimes = settings ?? {
    staffSessionHours: storedSetting("staffSessionHours", row.staffSessionHours),
    customerSessionDays: storedSetting("customerSessionDays", row.customerSessionDays),
  };
  if (now.getTime() - row.createdAt.getTime() >= sessionLifetimeMs(row.role, lifetimes)) return SIGNED_OUT;
  const actor: Actor = { id: row.id, role: row.role, name: row.name, email: row.email, customerId: row.customerId };
  const enrolled = !!row.enrolledAt;
  const owed = (secondFactorRequired(row.role) || enrolled) && !row.secondFactorAt;
  if (owed) return { kind: "second-factor", sessionId: claims.sid, user: actor, enrolled };
  return { kind: "signed-in", sessionId: claims.sid, actor, secondFactor: !!row.secondFactorAt, enrolled };
}

/** This session passed the second factor. */
export async function markSecondFactor(db: Executor, sessionId: string) {
  await db
    .update(sessions)
    .set({ secondFactorAt: sql`now()` })
    .where(and(eq(sessions.id, sessionId), isNull(sessions.endedAt)));
}

/** Drop sessions that ended, or began longer ago than any lifetime allows (a background job). */
export async function pruneSessions(db: Executor) {
  await db.delete(sessions).where(or(lt(sessions.endedAt, sql`now() - interval '1 day'`), lt(sessions.createdAt, sql`now() - interval '91 days'`)));
}
