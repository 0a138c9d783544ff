import { randomBytes } from "node:crypto";
import { eq } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import { getDb } from "@/db/client";
import { customers, users } from "@/db/schema";
import { makeDevice, makeSite, makeUser, makeVisit } from "@/test/support/factories";
import type { Actor } from "@/lib/auth/permissions";
import { softDeleteBackup, storeBackup } from "@/lib/backups/store";
import { ForbiddenError, NotFoundError, UnauthenticatedError, ValidationError } from "@/lib/platform/errors";
import { getCustomer, getCustomerDetail, listCustomers, listCustomerSites } from "./read";

let admin: Actor, tech: Actor, carla: Actor, bea: Actor;
let carlaDevices: string[];
/** A tag in every name made here, so searches see only this file's customers. */
const tag = `zq${randomBytes(3).toString("hex")}`;

async function makeCustomer(name: string, over: { email?: string; phone?: string } = {}) {
  const db = await getDb();
  const [c] = await db
    .insert(customers)
    .values({ name, email: over.email ?? null, phone: over.phone ?? null })
    .returning({ id: customers.id });
  return c!.id;
}

beforeAll(async () => {
  [admin, tech, carla, bea] = await Promise.all([
    makeUser("admin"),
    makeUser("technician"),
    makeUser("customer", { name: `Carla ${tag}` }),
    makeUser("customer", { name: `Bea ${tag}` }),
  ]);
  carlaDevices = [await makeDevice(carla.customerId!), await makeDevice(carla.customerId!, { brand: "hikvision" })];
  await makeVisit({ customerId: carla.customerId!, technicianId: tech.id, startsAt: new Date("2031-04-01T15:00:00Z"), deviceIds: [carlaDevices[0]!] });
});

describe("listCustomers (admin list and API)", () => {
  it("counts each customer's devices and visits (the old correlated subquery bound both sides to the inner table: always 0)", async () => {
    const { data } = await listCustomers(admin, { q: tag, order: "name" }, { limit: 25 });
    expect(data.map((c) => [c.name, c.deviceCount, c.visitCount])).toEqual([
      [`Bea ${tag}`, 0, 0],
      [`Carla ${tag}`, 2, 1],
    ]);
  });

  it("searches name, email and phone, case-insensitively; % and _ are literal; a NUL is dropped, not a 500", async () => {
    await makeCustomer(`Dora ${tag}`, { email: `dora.${tag}@example.test`, phone: "+1 216 555 0142" });
    await makeCustomer(`Ed 100% ${tag}`);
    const names = async (q: string) => (await listCustomers(admin, { q, order: "name" }, { limit: 25 })).data.map((c) => c.name);
    expect(await names(`DORA.${tag.toUpperCase()}@`)).toEqual([`Dora ${tag}`]);
    expect(await names("555 0142")).toEqual([`Dora ${tag}`]);
    expect(await names(`carla ${tag}`)).toEqual([`Carla ${tag}`]);
    expect(await names("100%")).toEqual([`Ed 100% ${tag}`]);
    expect(await names(`Ed_100`)).toEqual([]);
    expect(await names(`\u0000Bea ${tag}`)).toEqual([`Bea ${tag}`]);
  });

  it("pages by name both ways with the cursors (ties broken by id), and oldest first for the API", async () => {
    for (let i = 0; i < 5; i++) await makeCustomer(`Pat ${tag}`); // five customers with the same name
    const all = (await listCustomers(admin, { q: tag, order: "name" }, { limit: 100 })).data.map((c) => c.id);
    expect(all).toHaveLength(9);
    const seen: string[] = [];
    let page = await listCustomers(admin, { q: tag, order: "name" }, { limit: 4 });
    expect(page.prevCursor).toBeNull();
    const pages = [page];
    while (page.nextCursor) {
      seen.push(...page.data.map((c) => c.id));
      page = await listCustomers(admin, { q: tag, order: "name" }, { limit: 4, cursor: page.nextCursor });
      pages.push(page);
    }
    seen.push(...page.data.map((c) => c.id));
    expect(seen).toEqual(all);
    expect(pages.map((p) => p.data.length)).toEqual([4, 4, 1]);
    // Back from the last page: the same second page, then the first (which has no Previous).
    const back = await listCustomers(admin, { q: tag, order: "name" }, { limit: 4, cursor: pages[2]!.prevCursor! });
    expect(back.data.map((c) => c.id)).toEqual(pages[1]!.data.map((c) => c.id));
    const first = await listCustomers(admin, { q: tag, order: "name" }, { limit: 4, cursor: back.prevCursor! });
    expect(first.data.map((c) => c.id)).toEqual(all.slice(0, 4));
    expect(first.prevCursor).toBeNull();
    expect(first.nextCursor).not.toBeNull();

    // The API's order: oldest first (the customers made here one after another come in that order).
    const created = (await listCustomers(admin, { q: tag }, { limit: 100 })).data.map((c) => c.name);
    expect(created.slice(2)).toEqual([`Dora ${tag}`, `Ed 100% ${tag}`, ...Array(5).fill(`Pat ${tag}`)]);
    await expect(listCustomers(admin, { order: "name" }, { limit: 4, cursor: "garbage" })).rejects.toBeInstanceOf(ValidationError);
    // A name cursor is not a timestamp cursor.
    await expect(listCustomers(admin, {}, { limit: 4, cursor: pages[0]!.nextCursor! })).rejects.toBeInstanceOf(ValidationError);
  });

  it("a customer login sees only its own record; technicians are refused; signed out is 401", async () => {
    const { data } = await listCustomers(bea, {}, { limit: 100 });
    expect(data.map((c) => c.id)).toEqual([bea.customerId]);
    await expect(listCustomers(tech, {}, { limit: 10 })).rejects.toBeInstanceOf(ForbiddenError);
    await expect(listCustomers(null, {}, { limit: 10 })).rejects.toBeInstanceOf(UnauthenticatedError);
  });
});

describe("getCustomer and the office's customer page", () => {
  it("getCustomer: the same scope; another customer's record is 'not found'", async () => {
    expect(await getCustomer(bea, bea.customerId!)).toMatchObject({ id: bea.customerId, name: `Bea ${tag}` });
    await expect(getCustomer(bea, carla.customerId!)).rejects.toBeInstanceOf(NotFoundError);
    await expect(getCustomer(admin, "not-a-uuid")).rejects.toBeInstanceOf(NotFoundError);
    await expect(listCustomerSites(bea, carla.customerId!, { limit: 10 })).rejects.toBeInstanceOf(NotFoundError);
  });

  it("getCustomerDetail: logins, sites and devices with their live backup counts; admins only", async () => {
    await makeSite(carla.customerId!);
    const b1 = await storeBackup(admin, {
      deviceId: carlaDevices[0]!,
      kind: "config",
      filename: "a.bin",
      contentType: "application/octet-stream",
      bytes: randomBytes(8),
    });
    await storeBackup(admin, { deviceId: carlaDevices[0]!, kind: "config", filename: "b.bin", contentType: "application/octet-stream", bytes: randomBytes(8) });
    await softDeleteBackup(admin, b1.id, null);
    const detail = await getCustomerDetail(admin, carla.customerId!);
    expect(detail.customer).toMatchObject({ id: carla.customerId, name: `Carla ${tag}` });
    const db = await getDb();
    const [login] = await db.select({ id: users.id }).from(users).where(eq(users.customerId, carla.customerId!));
    expect(detail.logins.map((l) => l.id)).toEqual([login!.id]);
    expect(detail.sites.length).toBeGreaterThanOrEqual(2); // the visit's site and this one
    expect(Object.fromEntries(detail.devices.map((d) => [d.id, d.backups]))).toEqual({ [carlaDevices[0]!]: 1, [carlaDevices[1]!]: 0 });
    await expect(getCustomerDetail(carla, carla.customerId!)).rejects.toBeInstanceOf(ForbiddenError);
    await expect(getCustomerDetail(admin, "00000000-0000-4000-8000-000000000000")).rejects.toBeInstanceOf(NotFoundError);
  });
});
