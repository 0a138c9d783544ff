/** bookVisit: who books (a customer, an admin for a phone customer, never a technician), which technician gets it, and a slot taken meanwhile. */
import { eq, sql } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import { getDb } from "@/db/client";
import { mailOutbox, users, visits } from "@/db/schema";
import { makeDevice, makeSite, makeUser } from "@/test/support/factories";
import type { Actor } from "@/lib/auth/permissions";
import { ConflictError, ForbiddenError } from "@/lib/platform/errors";
import { bookVisit } from "./book";
import { SLOT_TAKEN } from "./slot-check";
import { bookingCounts, bookingError, bookingInput, offeredStart } from "@/test/support/booking";

let tech: Actor;
let admin: Actor;

beforeAll(async () => {
  tech = await makeUser("technician", { name: "Terry Tech" });
  admin = await makeUser("admin");
});

describe("bookVisit: who books, and for whom", () => {
  it("only technicians who handle every brand are offered and assigned", async () => {
    const hik = await makeUser("technician", { name: "Hana Hik" });
    const db = await getDb();
    await db.execute(sql`update technician_profiles set brands = ARRAY['hikvision']::text[] where user_id = ${hik.id}`);
    await db.execute(sql`update technician_profiles set brands = ARRAY['dahua','lorex']::text[] where user_id = ${tech.id}`);
    try {
      const start = await offeredStart(["hikvision"], 1, 20);
      const c = await bookVisit(
        null,
        bookingInput(start, { devices: [{ brand: "hikvision", kind: "dvr", recovery: bookingInput(start).devices[0]!.recovery }] }),
        null,
      );
      const [v] = await db.select({ technicianId: visits.technicianId }).from(visits).where(eq(visits.id, c.visitId));
      expect(v!.technicianId).toBe(hik.id);
      expect(c.technicianFirstName).toBe("Hana");
      // Nobody handles Hikvision and Dahua together: nothing is offered, and a made-up time is refused.
      const mixed = bookingInput(start, {
        devices: [
          { brand: "hikvision", kind: "dvr", recovery: bookingInput(start).devices[0]!.recovery },
          { brand: "dahua", kind: "nvr", recovery: bookingInput(start).devices[0]!.recovery },
        ],
      });
      await expect(offeredStart(["hikvision", "dahua"], 2)).rejects.toThrow("no slot");
      const e = await bookingError(bookVisit(null, mixed, null));
      expect(e.fieldErrors?.slotStart?.[0]).toMatch(/do not offer that time/);
    } finally {
      await db.execute(sql`update technician_profiles set brands = ARRAY['dahua','lorex','hikvision']::text[] where user_id = ${tech.id}`);
      await db.execute(sql`update users set disabled_at = now() where id = ${hik.id}`);
    }
  });

  it("a signed-in customer books with their saved site and device; another customer's device is refused", async () => {
    const me = await makeUser("customer");
    const other = await makeUser("customer");
    const siteId = await makeSite(me.customerId!);
    const deviceId = await makeDevice(me.customerId!, { brand: "lorex", siteId });
    const foreign = await makeDevice(other.customerId!);
    const start = await offeredStart(["lorex"], 1, 25);
    const base = bookingInput(start, { site: { siteId }, account: { mode: "existing" } });
    const saved = { ...base.devices[0]!, deviceId, brand: "lorex" as const };
    const before = await bookingCounts();
    const c = await bookVisit(me, { ...base, devices: [saved] }, null);
    const db = await getDb();
    const [v] = await db
      .select({ customerId: visits.customerId, siteId: visits.siteId, createdBy: visits.createdBy })
      .from(visits)
      .where(eq(visits.id, c.visitId));
    expect(v).toEqual({ customerId: me.customerId, siteId, createdBy: me.id });
    const after = await bookingCounts();
    expect(after).toMatchObject({ customers: before.customers, users: before.users, sites: before.sites, devices: before.devices, visits: before.visits + 1 });

    const e = await bookingError(bookVisit(me, { ...base, idempotencyKey: crypto.randomUUID(), devices: [{ ...saved, deviceId: foreign }] }, null));
    expect(e.fieldErrors?.["devices.0.deviceId"]?.[0]).toMatch(/saved devices/);
    const e2 = await bookingError(
      bookVisit(me, { ...base, idempotencyKey: crypto.randomUUID(), contact: { ...base.contact, customerId: other.customerId! } }, null),
    );
    expect(e2.fieldErrors?.["contact.customerId"]?.[0]).toMatch(/only book for yourself/);
  });

  it("an admin books for a phone customer: new without a login, or an existing one", async () => {
    const before = await bookingCounts();
    const c = await bookVisit(admin, bookingInput(await offeredStart(["dahua"], 1, 30), { account: { mode: "none" } }), null);
    const db = await getDb();
    const [v] = await db.select({ customerId: visits.customerId, createdBy: visits.createdBy }).from(visits).where(eq(visits.id, c.visitId));
    expect(v!.createdBy).toBe(admin.id);
    expect(await bookingCounts()).toMatchObject({ customers: before.customers + 1, users: before.users });
    const logins = await db.select({ id: users.id }).from(users).where(eq(users.customerId, v!.customerId));
    expect(logins).toEqual([]);

    const existing = await makeUser("customer");
    const c2 = await bookVisit(
      admin,
      bookingInput(await offeredStart(["dahua"], 1, 33), {
        contact: { customerId: existing.customerId!, name: "", email: "", phone: "" },
        account: { mode: "existing" },
      }),
      null,
    );
    const [v2] = await db.select({ customerId: visits.customerId }).from(visits).where(eq(visits.id, c2.visitId));
    expect(v2!.customerId).toBe(existing.customerId);
    const [m] = await db.select({ to: mailOutbox.toAddress }).from(mailOutbox).where(eq(mailOutbox.visitId, c2.visitId));
    expect(m!.to).toBe(existing.email);
  });

  it("technicians cannot book", async () => {
    const e = await bookingError(bookVisit(tech, bookingInput(await offeredStart()), null));
    expect(e).toBeInstanceOf(ForbiddenError);
  });

  it("a slot already taken on the only free technician is refused as just taken", async () => {
    const start = await offeredStart(["dahua"], 1, 40);
    await bookVisit(null, bookingInput(start), null);
    const e = await bookingError(bookVisit(null, bookingInput(start), null));
    expect(e).toBeInstanceOf(ConflictError);
    expect(e.message).toBe(SLOT_TAKEN);
    expect(e.fieldErrors?.slotStart).toEqual([SLOT_TAKEN]);
  });
});
