import { count, eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { getDb } from "@/db/client";
import { customers, technicianHours, users } from "@/db/schema";
import { makeUser } from "@/test/support/factories";
import { hashPassword } from "@/lib/auth/password";
import { changeRole, createStaff, listUsers, peopleCounts, setUserDisabled, verifyCredentials } from "./manage";
import { ConflictError, ForbiddenError, UnauthenticatedError } from "../platform/errors";

const PW = "correct horse battery";

describe("sign-in", () => {
  it("checks the password of a customer's login, case-insensitively by email", async () => {
    const { id } = await makeUser("customer", { email: "dana@example.test", passwordHash: await hashPassword(PW) });
    expect(await verifyCredentials("dana@example.test", PW, "1.2.3.4")).toMatchObject({ id, role: "customer" });
    expect(await verifyCredentials("dana@example.test", "wrong password!", "1.2.3.4")).toBeNull();
  });

  it("does not let a disabled user sign in", async () => {
    const admin = await makeUser("admin");
    const eve = await makeUser("customer", { email: "eve@example.test", passwordHash: await hashPassword(PW) });
    await setUserDisabled(admin, { userId: eve.id }, true, null);
    expect(await verifyCredentials("eve@example.test", PW, "9.9.9.9")).toBeNull();
  });

  it("a login without a password (booked by phone, sign-up not finished) cannot sign in", async () => {
    await makeUser("customer", { email: "nopass@example.test", passwordHash: null });
    expect(await verifyCredentials("nopass@example.test", "", "9.9.9.8")).toBeNull();
  });
});

describe("staff management", () => {
  it("lets only admins create staff; technicians get default working hours", async () => {
    const admin = await makeUser("admin");
    const tech = await makeUser("technician");
    const customer = await makeUser("customer");
    const input = { name: "Tom Tech", email: "tom@example.test", role: "technician" as const, password: PW };
    await expect(createStaff(null, input, null)).rejects.toBeInstanceOf(UnauthenticatedError);
    await expect(createStaff(tech, input, null)).rejects.toBeInstanceOf(ForbiddenError);
    await expect(createStaff(customer, input, null)).rejects.toBeInstanceOf(ForbiddenError);
    const { id } = await createStaff(admin, input, null);
    const db = await getDb();
    const hours = await db.select().from(technicianHours).where(eq(technicianHours.technicianId, id));
    expect(hours.map((h) => h.weekday).sort()).toEqual([1, 2, 3, 4, 5]);
    const listed = await listUsers(admin, { q: "tom@" });
    expect(listed).toHaveLength(1);
    expect(Object.keys(listed[0]!)).not.toContain("passwordHash");
  });

  it("changing a role or disabling bumps the session version (old sessions die)", async () => {
    const admin = await makeUser("admin");
    const tech = await makeUser("technician");
    const db = await getDb();
    const version = async () => (await db.select({ v: users.sessionVersion }).from(users).where(eq(users.id, tech.id)))[0]!.v;
    const v0 = await version();
    await changeRole(admin, { userId: tech.id, role: "admin" }, null);
    expect(await version()).toBe(v0 + 1);
    await changeRole(admin, { userId: tech.id, role: "customer" }, null);
    const [row] = await db.select().from(users).where(eq(users.id, tech.id));
    expect(row!.role).toBe("customer");
    expect(row!.customerId).not.toBeNull();
    await setUserDisabled(admin, { userId: tech.id }, true, null);
    expect(await version()).toBe(v0 + 3);
  });

  it("never removes the last active admin, and an admin cannot disable themself", async () => {
    const db = await getDb();
    await db.delete(users).where(eq(users.role, "admin"));
    const admin = await makeUser("admin");
    await expect(changeRole(admin, { userId: admin.id, role: "technician" }, null)).rejects.toBeInstanceOf(ConflictError);
    await expect(setUserDisabled(admin, { userId: admin.id }, true, null)).rejects.toBeInstanceOf(ForbiddenError);
  });
});

describe("peopleCounts (the admin overview)", () => {
  it("counts customers (records), not customer logins; active staff by role", async () => {
    const admin = await makeUser("admin");
    const before = await peopleCounts(admin);
    const db = await getDb();
    // A phone customer without a login, and a customer with two logins (a couple sharing one account of the company).
    await db.insert(customers).values([{ name: "Phone Only" }, { name: "Phone Too" }]);
    const shared = await makeUser("customer");
    await db.insert(users).values({ email: `second-${Date.now()}@example.test`, name: "Second Login", role: "customer", customerId: shared.customerId });
    const tech = await makeUser("technician");
    await setUserDisabled(admin, { userId: tech.id }, true, null);
    await makeUser("technician");

    const after = await peopleCounts(admin);
    expect(after.customers - before.customers).toBe(3); // 3 customers, 2 logins between them
    const [{ n }] = (await db.select({ n: count() }).from(customers)) as [{ n: number }];
    expect(after.customers).toBe(Number(n));
    expect(after.technicians - before.technicians).toBe(1); // the disabled one does not count
    expect(after.admins).toBe(before.admins);
  });

  it("is for admins only", async () => {
    await expect(peopleCounts(await makeUser("technician"))).rejects.toBeInstanceOf(ForbiddenError);
  });
});
