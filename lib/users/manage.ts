import "server-only";
import { and, asc, count, eq, ilike, isNull, ne, or, sql } from "drizzle-orm";
import { getDb, type Executor } from "@/db/client";
import { customers, technicianHours, technicianProfiles, users, type Role } from "@/db/schema";
import { audit } from "@/lib/audit/log";
import { hashPassword, verifyPassword } from "@/lib/auth/password";
import { requirePermission, type Actor } from "@/lib/auth/permissions";
import { changeRoleSchema, createStaffSchema, signUpSchema, userIdSchema } from "@/lib/auth/schemas";
import { checkThrottle, clearAccountFailures, recordFailure } from "@/lib/auth/throttle";
import { ConflictError, ForbiddenError, NotFoundError, RateLimitedError } from "@/lib/platform/errors";
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

/**
 * Check an email and password for sign-in. Throttled per account and per
 * client address before the password is even looked at.
 */
export async function verifyCredentials(email: string, password: string, ip: string): Promise<SignedInUser | null> {
  const db = await getDb();
  const throttle = await checkThrottle(db, email, ip);
  if (throttle.limited) {
    const minutes = Math.ceil(throttle.retryAfterSeconds / 60);
    throw new RateLimitedError(`Too many failed sign-ins. Try again in ${minutes} minute${minutes === 1 ? "" : "s"}.`, throttle.retryAfterSeconds);
  }
  const [row] = await db
    .select({ ...publicUserColumns, passwordHash: users.passwordHash, sessionVersion: users.sessionVersion })
    .from(users)
    .where(sql`lower(${users.email}) = ${email.toLowerCase()}`);
  const ok = await verifyPassword(row?.passwordHash ?? null, password);
  if (!row || !ok || row.disabledAt) {
    await recordFailure(db, email, ip);
    return null;
  }
  await clearAccountFailures(db, email);
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

/** Public sign-up: a customer record and its login, in one transaction. */
export async function signUpCustomer(input: z.input<typeof signUpSchema>, ip: string | null) {
  const data = signUpSchema.parse(input);
  const passwordHash = await hashPassword(data.password);
  const db = await getDb();
  return db.transaction(async (tx) => {
    const [customer] = await tx
      .insert(customers)
      .values({ name: data.name, email: data.email, phone: data.phone || null })
      .returning({ id: customers.id });
    const [user] = await tx
      .insert(users)
      .values({ email: data.email, name: data.name, phone: data.phone || null, role: "customer", passwordHash, customerId: customer!.id })
      .returning({ id: users.id });
    await audit(tx, { actorId: user!.id, action: "user.sign_up", entityType: "user", entityId: user!.id, ip });
    return { id: user!.id };
  });
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

export async function listUsers(actor: Actor | null, opts: { q?: string; role?: Role } = {}) {
  requirePermission(actor, "users:manage");
  const db = await getDb();
  const q = opts.q?.trim().slice(0, 100);
  const conditions = [
    q ? or(ilike(users.email, `%${q.replace(/[%_\\]/g, "\\$&")}%`), ilike(users.name, `%${q.replace(/[%_\\]/g, "\\$&")}%`)) : undefined,
    opts.role ? eq(users.role, opts.role) : undefined,
  ].filter(Boolean);
  return db
    .select(publicUserColumns)
    .from(users)
    .where(conditions.length ? and(...conditions) : undefined)
    .orderBy(asc(users.role), asc(users.name))
    .limit(500);
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
    await audit(tx, { actorId: actor.id, action: disabled ? "user.disable" : "user.enable", entityType: "user", entityId: target.id, ip });
    return { disabled };
  });
}

/** Guard used by sign-up to give a friendly error before hashing. */
export async function emailTaken(email: string) {
  const db = await getDb();
  const rows = await db
    .select({ id: users.id })
    .from(users)
    .where(sql`lower(${users.email}) = ${email.toLowerCase()}`)
    .limit(1);
  return rows.length > 0;
}
