import "server-only";
import { and, asc, count, eq, ilike, isNull, ne, or, sql } from "drizzle-orm";
import { getDb, type Executor } from "@/db/client";
import { customers, technicianHours, technicianProfiles, users, type Role } from "@/db/schema";
import { audit } from "@/lib/audit/log";
import { hashPassword, verifyPassword } from "@/lib/auth/password";
import { requirePermission, type Actor } from "@/lib/auth/permissions";
import { changeRoleSchema, createStaffSchema, userIdSchema } from "@/lib/auth/schemas";
import { revokeSideDoors } from "@/lib/auth/side-doors";
import { checkThrottle, clearPairFailures, recordFailure } from "@/lib/auth/throttle";
import { ConflictError, ForbiddenError, NotFoundError, RateLimitedError } from "@/lib/platform/errors";
import { cursorKey, keyset, type PageQuery } from "@/lib/platform/pagination";
import type { z } from "zod";

/** The columns of a user that may leave the data layer. Never the password hash. */
export const publicUserColumns = {
  id: users.id,
  email: users.email,
  name: users.name,
  phone: users.phone,
  role: users.role,
  customerId: users.customerId,
  disabledAt: users.disabledAt,
  lastLoginAt: users.lastLoginAt,
  createdAt: users.createdAt,
};

export type SignedInUser = { id: string; email: string; name: string; role: Role; sessionVersion: number };

/** "30 seconds", "2 minutes": how long to wait, for a person. */
function waitText(seconds: number) {
  if (seconds < 90) return `${seconds} second${seconds === 1 ? "" : "s"}`;
  const minutes = Math.ceil(seconds / 60);
  return `${minutes} minute${minutes === 1 ? "" : "s"}`;
}

/**
 * Check an email and password for sign-in. Throttled (lib/auth/throttle.ts)
 * per address and account pair and per address before the password is even
 * looked at; an account under attack from many addresses only slows down.
 */
export async function verifyCredentials(email: string, password: string, ip: string): Promise<SignedInUser | null> {
  const db = await getDb();
  const throttle = await checkThrottle(db, email, ip);
  if (throttle.limited) {
    throw new RateLimitedError(`Too many failed sign-ins. Try again in ${waitText(throttle.retryAfterSeconds)}.`, throttle.retryAfterSeconds);
  }
  if (throttle.delayMs > 0) await new Promise((r) => setTimeout(r, throttle.delayMs));
  const [row] = await db
    .select({ ...publicUserColumns, passwordHash: users.passwordHash, sessionVersion: users.sessionVersion })
    .from(users)
    .where(sql`lower(${users.email}) = ${email.toLowerCase()}`);
  const ok = await verifyPassword(row?.passwordHash ?? null, password);
  if (!row || !ok || row.disabledAt) {
    await recordFailure(db, email, ip);
    return null;
  }
  await clearPairFailures(db, email, ip);
  await db.update(users).set({ lastLoginAt: new Date() }).where(eq(users.id, row.id));
  return { id: row.id, email: row.email, name: row.name, role: row.role, sessionVersion: row.sessionVersion };
}

/** Default working week for a new technician: Monday to Friday, 09:00-17:00 company time. */
async function createTechnicianProfile(tx: Executor, userId: string) {
  await tx.insert(technicianProfiles).values({ userId }).onConflictDoNothing();
  const existing = await tx.select({ id: technicianHours.id }).from(technicianHours).where(eq(technicianHours.technicianId, userId)).limit(1);
  if (existing.length === 0) {
    await tx.insert(technicianHours).values([1, 2, 3, 4, 5].map((weekday) => ({ technicianId: userId, weekday, startMinute: 9 * 60, endMinute: 17 * 60 })));
  }
}

/** Create a user with a role directly (first admin, CLI, demo data). No permission check: callers are trusted code. */
export async function createUserUnchecked(
  tx: Executor,
  data: { email: string; name: string; phone?: string | null; role: Role; passwordHash: string | null; customerId?: string | null },
) {
  const [user] = await tx
    .insert(users)
    .values({
      email: data.email,
      name: data.name,
      phone: data.phone ?? null,
      role: data.role,
      passwordHash: data.passwordHash,
      customerId: data.customerId ?? null,
    })
    .returning({ id: users.id });
  if (data.role === "technician") await createTechnicianProfile(tx, user!.id);
  return user!;
}

export async function createStaff(actor: Actor | null, input: z.input<typeof createStaffSchema>, ip: string | null) {
  requirePermission(actor, "users:manage");
  const data = createStaffSchema.parse(input);
  const passwordHash = await hashPassword(data.password);
  const db = await getDb();
  return db.transaction(async (tx) => {
    const user = await createUserUnchecked(tx, { ...data, phone: data.phone || null, passwordHash });
    await audit(tx, { actorId: actor.id, action: "user.create", entityType: "user", entityId: user.id, details: { role: data.role }, ip });
    return user;
  });
}

export type PeopleFilter = { q?: string; role?: Role };

function peopleConditions(opts: PeopleFilter) {
  const q = opts.q
    ?.replace(/\u0000/g, "")
    .trim()
    .slice(0, 100);
  const pattern = q ? `%${q.replace(/[%_\\]/g, "\\$&")}%` : null;
  return and(pattern ? or(ilike(users.email, pattern), ilike(users.name, pattern)) : undefined, opts.role ? eq(users.role, opts.role) : undefined);
}

/** Everyone (for pickers, e.g. who an API token acts as): by role, then name; at most 500. */
export async function listUsers(actor: Actor | null, opts: PeopleFilter = {}) {
  requirePermission(actor, "users:manage");
  const db = await getDb();
  return db.select(publicUserColumns).from(users).where(peopleConditions(opts)).orderBy(asc(users.role), asc(users.name)).limit(500);
}

/** The People page: everyone by name, searchable, of one role or all; a page at a time (Previous and Next). */
export async function listPeople(actor: Actor | null, opts: PeopleFilter, page: PageQuery) {
  requirePermission(actor, "users:manage");
  const db = await getDb();
  const pager = keyset(users.name, users.id, page, "text");
  const rows = await db
    .select({ ...publicUserColumns, _k: cursorKey(users.name) })
    .from(users)
    .where(and(peopleConditions(opts), pager.where))
    .orderBy(...pager.orderBy)
    .limit(pager.limit);
  return pager.page(rows);
}

/** How many people the same filter lists. */
export async function countPeople(actor: Actor | null, opts: PeopleFilter): Promise<number> {
  requirePermission(actor, "users:manage");
  const db = await getDb();
  const [row] = await db.select({ n: count() }).from(users).where(peopleConditions(opts));
  return row?.n ?? 0;
}

/**
 * The overview's counts: customers are customer records (a phone customer has
 * no login, a household may share several), staff are active logins by role.
 */
export async function peopleCounts(actor: Actor | null) {
  requirePermission(actor, "users:manage");
  const db = await getDb();
  const [[c], staff] = await Promise.all([
    db.select({ n: count() }).from(customers),
    db
      .select({ role: users.role, n: count() })
      .from(users)
      .where(and(isNull(users.disabledAt), ne(users.role, "customer")))
      .groupBy(users.role),
  ]);
  const of = (role: Role) => Number(staff.find((r) => r.role === role)?.n ?? 0);
  return { technicians: of("technician"), customers: Number(c!.n), admins: of("admin") };
}

async function countOtherActiveAdmins(tx: Executor, exceptId: string) {
  const rows = await tx
    .select({ id: users.id })
    .from(users)
    .where(and(eq(users.role, "admin"), isNull(users.disabledAt), ne(users.id, exceptId)))
    .limit(1);
  return rows.length;
}

export async function changeRole(actor: Actor | null, input: z.input<typeof changeRoleSchema>, ip: string | null) {
  requirePermission(actor, "users:manage");
  const { userId, role } = changeRoleSchema.parse(input);
  const db = await getDb();
  return db.transaction(async (tx) => {
    const [target] = await tx
      .select({ id: users.id, role: users.role, name: users.name, email: users.email, phone: users.phone, customerId: users.customerId })
      .from(users)
      .where(eq(users.id, userId))
      .for("update");
    if (!target) throw new NotFoundError("That user does not exist.");
    if (target.role === role) return { changed: false };
    if (target.role === "admin" && (await countOtherActiveAdmins(tx, target.id)) === 0) {
      throw new ConflictError("This is the last active admin. Make someone else an admin first.");
    }
    let customerId: string | null = null;
    if (role === "customer") {
      const [c] = await tx.insert(customers).values({ name: target.name, email: target.email, phone: target.phone }).returning({ id: customers.id });
      customerId = c!.id;
    }
    await tx
      .update(users)
      .set({ role, customerId, sessionVersion: sql`${users.sessionVersion} + 1`, updatedAt: new Date() })
      .where(eq(users.id, target.id));
    if (role === "technician") await createTechnicianProfile(tx, target.id);
    await audit(tx, { actorId: actor.id, action: "user.role_change", entityType: "user", entityId: target.id, details: { from: target.role, to: role }, ip });
    return { changed: true };
  });
}

export async function setUserDisabled(actor: Actor | null, input: z.input<typeof userIdSchema>, disabled: boolean, ip: string | null) {
  requirePermission(actor, "users:manage");
  const { userId } = userIdSchema.parse(input);
  if (disabled && userId === actor.id) throw new ForbiddenError("You cannot disable your own account.");
  const db = await getDb();
  return db.transaction(async (tx) => {
    const [target] = await tx.select({ id: users.id, role: users.role, disabledAt: users.disabledAt }).from(users).where(eq(users.id, userId)).for("update");
    if (!target) throw new NotFoundError("That user does not exist.");
    if (disabled && target.role === "admin" && (await countOtherActiveAdmins(tx, target.id)) === 0) {
      throw new ConflictError("This is the last active admin and cannot be disabled.");
    }
    await tx
      .update(users)
      .set({ disabledAt: disabled ? new Date() : null, sessionVersion: sql`${users.sessionVersion} + 1`, updatedAt: new Date() })
      .where(eq(users.id, target.id));
    // Disabling also revokes the API tokens and calendar links: enabling again brings none of them back.
    const revoked = disabled ? await revokeSideDoors(tx, target.id) : undefined;
    await audit(tx, {
      actorId: actor.id,
      action: disabled ? "user.disable" : "user.enable",
      entityType: "user",
      entityId: target.id,
      ...(revoked ? { details: { revoked } } : {}),
      ip,
    });
    return { disabled };
  });
}
