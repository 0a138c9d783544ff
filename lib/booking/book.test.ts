import { createHash } from "node:crypto";
import { and, count, eq, sql } from "drizzle-orm";
import type { PgTable } from "drizzle-orm/pg-core";
import { beforeAll, describe, expect, it, vi } from "vitest";
import { getDb } from "@/db/client";
import { auditEvents, customers, devices, mailOutbox, passwordResetTokens, sites, users, visitDevices, visits } from "@/db/schema";
import { makeDevice, makeSite, makeUser } from "@/test/support/factories";
import { verifyPassword } from "@/lib/auth/password";
import type { Actor } from "@/lib/auth/permissions";
import { AppError, ConflictError, ForbiddenError, ValidationError } from "@/lib/platform/errors";
import { bookVisit, KEY_REUSED } from "./book";
import { storedBookingKey } from "./idempotency";
import { hashPassword } from "@/lib/auth/password";
import { SECRET_MASK, textToSend } from "@/lib/mail/outbox";
import { SLOT_TAKEN } from "./slot-check";
import { rescheduleOptions, slotOptions } from "./slot-options";
import { getMyVisit } from "./my-visits";
import { getVisit } from "@/lib/visits/read";
import { getJob } from "@/lib/field/job";
import { listMyVisits as listMyTechVisits } from "@/lib/field/day";
import { bookingInput, offeredStart } from "@/test/support/booking";

// The mail outbox can be made to fail once, to prove the booking is all-or-nothing.
const failMail = vi.hoisted(() => ({ next: false }));
vi.mock("@/lib/mail/outbox", async (orig) => {
  const real = await orig<typeof import("@/lib/mail/outbox")>();
  return {
    ...real,
    enqueueMail: async (...args: Parameters<typeof real.enqueueMail>) => {
      if (failMail.next) {
        failMail.next = false;
        throw new Error("outbox unavailable");
      }
      return real.enqueueMail(...args);
    },
  };
});

let tech: Actor;
let admin: Actor;

beforeAll(async () => {
  tech = await makeUser("technician", { name: "Terry Tech" });
  admin = await makeUser("admin");
});

async function counts() {
  const db = await getDb();
  const n = async (t: PgTable) => Number((await db.select({ n: count() }).from(t))[0]!.n);
  return {
    visits: await n(visits),
    customers: await n(customers),
    users: await n(users),
    sites: await n(sites),
    devices: await n(devices),
    mail: await n(mailOutbox),
  };
}

async function errorOf(p: Promise<unknown>): Promise<AppError> {
  try {
    await p;
  } catch (err) {
    if (err instanceof AppError) return err;
    throw err;
  }
  throw new Error("expected the booking to fail");
}

describe("bookVisit: a new customer", () => {
  it("creates customer, login with an invite link, site, devices and the visit in one go, and queues the mail", async () => {
    const start = await offeredStart();
    const input = bookingInput(start);
    const before = await counts();
    const c = await bookVisit(null, input, "203.0.113.9");
    const db = await getDb();

    expect(c.replayed).toBe(false);
    expect(c.reference).toMatch(/^FK-[2-9A-Z]{6}$/);
    expect(c.startsAt).toBe(new Date(start).toISOString());
    expect(c.technicianFirstName).toBe("Terry");
    expect(c.address).toBe("5 Elm St, Cleveland, OH 44101");
    expect(c.ics).toContain("METHOD:REQUEST");

    const [v] = await db.select().from(visits).where(eq(visits.id, c.visitId));
    expect(v!.status).toBe("scheduled");
    expect(v!.technicianId).toBe(tech.id);
    expect(v!.idempotencyKey).toBe(storedBookingKey(null, input.idempotencyKey));
    expect((v!.endsAt.getTime() - v!.startsAt.getTime()) / 60_000).toBe(60); // one device: the base length alone
    expect((v!.busyUntil.getTime() - v!.endsAt.getTime()) / 60_000).toBe(30); // travel buffer

    const [cust] = await db.select().from(customers).where(eq(customers.id, v!.customerId));
    expect(cust).toMatchObject({ name: "Nina Newcomer", email: input.contact.email, phone: "216-555-0199" });
    const [login] = await db.select().from(users).where(eq(users.customerId, cust!.id));
    expect(login).toMatchObject({ role: "customer", email: input.contact.email, passwordHash: null });
    const [site] = await db.select().from(sites).where(eq(sites.id, v!.siteId));
    expect(site).toMatchObject({ customerId: cust!.id, accessNotes: "Recorder in the basement" });
    const vd = await db
      .select({ problem: visitDevices.problem, recovery: devices.recoveryOptions, model: devices.model })
      .from(visitDevices)
      .innerJoin(devices, eq(devices.id, visitDevices.deviceId))
      .where(eq(visitDevices.visitId, v!.id));
    expect(vd).toEqual([
      { problem: "Forgot the admin password", model: "NVR4108HS", recovery: expect.objectContaining({ recovery_email: "yes", guid_file: "unknown" }) },
    ]);

    const mails = await db.select().from(mailOutbox).where(eq(mailOutbox.toAddress, input.contact.email)).orderBy(mailOutbox.kind);
    expect(mails.map((m) => m.kind)).toEqual(["account.invite", "booking.confirmation"]);
    const confirmation = mails[1]!;
    expect(confirmation.visitId).toBe(v!.id);
    expect(confirmation.textBody).toContain(c.reference);
    expect(confirmation.textBody).toContain("A monitor (HDMI or VGA) and a USB mouse");
    expect(confirmation.textBody).toContain("5 Elm St, Cleveland, OH 44101");
    const ics = Buffer.from(confirmation.attachments[0]!.contentBase64, "base64").toString("utf8");
    expect(confirmation.attachments[0]!.filename).toBe(`visit-${c.reference}.ics`);
    expect(ics).toContain("METHOD:REQUEST");
    expect(ics).toContain(`UID:visit-${v!.id}@fieldkey`);
    expect(ics).toContain("SEQUENCE:0");

    // The invite link carries the raw token (put in only when the mail is sent); the database keeps only its sha256, for 7 days.
    expect(mails[0]!.textBody).toContain(`/reset-password?token=${SECRET_MASK}`);
    const raw = /\/reset-password\?token=([\w-]+)/.exec(textToSend(mails[0]!.id, mails[0]!.textBody, mails[0]!.secretSealed)!)![1]!;
    const [token] = await db.select().from(passwordResetTokens).where(eq(passwordResetTokens.userId, login!.id));
    expect(token!.tokenHash).toBe(createHash("sha256").update(raw).digest("hex"));
    expect(token!.purpose).toBe("invite");
    expect(Math.round((token!.expiresAt.getTime() - Date.now()) / 86_400_000)).toBe(7);

    const [audited] = await db
      .select({ n: count() })
      .from(auditEvents)
      .where(sql`${auditEvents.action} = 'visit.book' AND ${auditEvents.entityId} = ${v!.id}`);
    expect(audited!.n).toBe(1);
    const after = await counts();
    expect(after).toMatchObject({
      visits: before.visits + 1,
      customers: before.customers + 1,
      users: before.users + 1,
      sites: before.sites + 1,
      devices: before.devices + 1,
    });
  });

  it("sets the password they chose", async () => {
    const input = bookingInput(await offeredStart(["dahua"], 1, 3), {
      account: { mode: "password", password: "a-good-long-secret", confirmPassword: "a-good-long-secret" },
    });
    const c = await bookVisit(null, input, null);
    const db = await getDb();
    const [u] = await db
      .select({ hash: users.passwordHash })
      .from(users)
      .where(sql`lower(${users.email}) = ${input.contact.email}`);
    expect(await verifyPassword(u!.hash, "a-good-long-secret")).toBe(true);
    const kinds = await db.select({ kind: mailOutbox.kind }).from(mailOutbox).where(eq(mailOutbox.toAddress, input.contact.email));
    expect(kinds.map((k) => k.kind)).toEqual(["booking.confirmation"]);
    expect(c.visitId).toBeTruthy();
  });

  it("a key replays only the request that made it: the same key with another body is a 409 without details (finding 10)", async () => {
    const input = bookingInput(await offeredStart(["dahua"], 1, 7));
    const first = await bookVisit(null, input, null);
    const before = await counts();
    const other = { ...bookingInput(await offeredStart(["dahua"], 1, 8)), idempotencyKey: input.idempotencyKey };
    const e = await errorOf(bookVisit(null, other, null));
    expect(e).toBeInstanceOf(ConflictError);
    expect(e.message).toBe(KEY_REUSED);
    expect(JSON.stringify(e)).not.toContain(first.reference);
    expect(e.fieldErrors).toBeUndefined();
    const changedOnlyTheNotes = { ...input, notes: "something else" };
    await expect(bookVisit(null, changedOnlyTheNotes, null)).rejects.toThrow(KEY_REUSED);
    expect(await counts()).toEqual(before);
    expect((await bookVisit(null, input, null)).visitId).toBe(first.visitId); // the true repeat still replays
  });

  it("a key is scoped to its caller: two customers' forms with the same key book two visits (finding 10)", async () => {
    const [a, b] = [await makeUser("customer"), await makeUser("customer")];
    const key = crypto.randomUUID();
    const own = (n: number) => bookingInput(offered[n]!, { idempotencyKey: key, account: { mode: "existing" } });
    const offered = [await offeredStart(["dahua"], 1, 13), await offeredStart(["dahua"], 1, 20)];
    const va = await bookVisit(a, own(0), null);
    const vb = await bookVisit(b, own(1), null);
    expect(vb.visitId).not.toBe(va.visitId);
    expect(vb.replayed).toBe(false);
  });

  it("a repeated submit with the same key returns the same visit, never a second", async () => {
    const input = bookingInput(await offeredStart(["dahua"], 1, 6));
    const first = await bookVisit(null, input, null);
    const before = await counts();
    const again = await bookVisit(null, input, null);
    expect(again.visitId).toBe(first.visitId);
    expect(again.reference).toBe(first.reference);
    expect(again.replayed).toBe(true);
    expect(await counts()).toEqual(before);
  });

  it("writes nothing when any step fails (here: the outbox, after everything else was inserted)", async () => {
    const before = await counts();
    failMail.next = true;
    const input = bookingInput(await offeredStart(["dahua"], 1, 9), {
      account: { mode: "password", password: "a-good-long-secret", confirmPassword: "a-good-long-secret" },
    });
    await expect(bookVisit(null, input, null)).rejects.toThrow("outbox unavailable");
    expect(await counts()).toEqual(before);
    // The same form can then be submitted again and succeeds.
    const c = await bookVisit(null, input, null);
    expect(c.replayed).toBe(false);
  });

  it("an email that already has an account: booked all the same, without saying so; the account is untouched and its owner is told by email to sign in (finding 9)", async () => {
    const taken = await makeUser("customer", { passwordHash: await hashPassword("the-owners-own-secret") });
    const db = await getDb();
    const before = await counts();
    const input = bookingInput(await offeredStart(["dahua"], 1, 11), {
      contact: { name: "X", email: taken.email.toUpperCase(), phone: "216-555-0100" },
      account: { mode: "password", password: "a-strangers-secret", confirmPassword: "a-strangers-secret" },
    });
    const c = await bookVisit(null, input, null);
    const fresh = await bookVisit(null, bookingInput(await offeredStart(["dahua"], 1, 12), { account: input.account }), null);
    expect(Object.keys(c).sort()).toEqual(Object.keys(fresh).sort()); // the same answer as for a new email
    expect(c.replayed).toBe(false);
    const [v] = await db.select({ customerId: visits.customerId }).from(visits).where(eq(visits.id, c.visitId));
    expect(v!.customerId).not.toBe(taken.customerId); // not put into the account
    const [owner] = await db.select({ hash: users.passwordHash }).from(users).where(eq(users.id, taken.id));
    expect(await verifyPassword(owner!.hash, "the-owners-own-secret")).toBe(true);
    expect(await counts()).toMatchObject({ users: before.users + 1 }); // the new email's login only
    const [mail] = await db.select().from(mailOutbox).where(eq(mailOutbox.visitId, c.visitId));
    expect(mail!.toAddress).toBe(taken.email);
    expect(mail!.textBody).toMatch(/already has an account[\s\S]*not in that account[\s\S]*\/signin/);
  });
});

describe("visit length: the base covers the first device, each further device adds the extra (settings 60 + 30)", () => {
  it("books 1 device for 60 minutes and 2 for 90; the slot picker and the reschedule picker say the same", async () => {
    const db = await getDb();
    const minutes = async (visitId: string) => {
      const [v] = await db.select({ s: visits.startsAt, e: visits.endsAt }).from(visits).where(eq(visits.id, visitId));
      return (v!.e.getTime() - v!.s.getTime()) / 60_000;
    };
    const one = await bookVisit(null, bookingInput(await offeredStart(["dahua"], 1, 3)), null);
    expect(await minutes(one.visitId)).toBe(60);
    const base = bookingInput(await offeredStart(["dahua"], 2, 5));
    const two = await bookVisit(null, { ...base, devices: [base.devices[0]!, { ...base.devices[0]!, model: "DH-XVR5108" }] }, null);
    expect(await minutes(two.visitId)).toBe(90);
    expect((await slotOptions({ brands: ["dahua"], deviceCount: 1 })).visitMinutes).toBe(60);
    expect((await slotOptions({ brands: ["dahua"], deviceCount: 2 })).visitMinutes).toBe(90);
    expect((await rescheduleOptions(admin, two.visitId)).visitMinutes).toBe(90);
  });
});

describe("the devices of a visit keep the order the customer entered them in", () => {
  it("in the confirmation email, the portal, the job page, the technician's day and the API", async () => {
    const base = bookingInput(await offeredStart(["dahua", "hikvision", "lorex"], 5, 7));
    const entered = [
      { brand: "lorex", kind: "dvr", model: "D241-ORDER1" },
      { brand: "hikvision", kind: "nvr", model: "DS-ORDER2" },
      { brand: "dahua", kind: "nvr", model: "NVR-ORDER3" },
      { brand: "lorex", kind: "nvr", model: "N841-ORDER4" },
      { brand: "dahua", kind: "dvr", model: "XVR-ORDER5" },
    ] as const;
    const c = await bookVisit(
      null,
      {
        ...base,
        account: { mode: "password", password: "correct horse battery staple", confirmPassword: "correct horse battery staple" },
        devices: entered.map((d) => ({ ...base.devices[0]!, ...d })),
      },
      null,
    );
    const models = entered.map((d) => d.model);
    const inOrder = (texts: string[]) => models.map((m) => texts.findIndex((t) => t.includes(m)));
    const db = await getDb();
    const [mail] = await db
      .select({ text: mailOutbox.textBody })
      .from(mailOutbox)
      .where(and(eq(mailOutbox.visitId, c.visitId), eq(mailOutbox.kind, "booking.confirmation")));
    const lines = mail!.text.split("\n");
    const at = inOrder(lines);
    expect(at.every((i) => i >= 0) && at.every((i, k) => k === 0 || i > at[k - 1]!), `email lines ${at}`).toBe(true);

    const [login] = await db
      .select({ id: users.id, email: users.email, name: users.name, customerId: users.customerId })
      .from(users)
      .where(eq(users.email, base.contact.email));
    const customer: Actor = { ...login!, role: "customer" };
    expect((await getMyVisit(customer, c.visitId)).devices.map((d) => d.label)).toEqual(inOrder(models).map((_, i) => expect.stringContaining(models[i]!)));
    expect((await getVisit(admin, c.visitId)).devices.map((d) => d.model)).toEqual(models);
    expect((await getJob(admin, c.visitId)).devices.map((d) => d.model)).toEqual(models);
    const [v] = await db.select({ technicianId: visits.technicianId, startsAt: visits.startsAt }).from(visits).where(eq(visits.id, c.visitId));
    const tech: Actor = {
      ...(
        await db.select({ id: users.id, email: users.email, name: users.name, customerId: users.customerId }).from(users).where(eq(users.id, v!.technicianId!))
      )[0]!,
      role: "technician",
    };
    const day = await listMyTechVisits(tech, "today", new Date(v!.startsAt.getTime() - 60_000));
    expect(day.visits.find((x) => x.id === c.visitId)!.devices.map((label) => models.findIndex((m) => label.includes(m)))).toEqual([0, 1, 2, 3, 4]);
  });
});

describe("bookVisit: bad input gets a specific error on its field and writes nothing", () => {
  const long = "x".repeat(10_000);
  const device = {
    brand: "dahua",
    kind: "dvr",
    recovery: { recovery_email: "no", security_questions: "no", app_account: "no", guid_file: "no", reset_button: "no" },
  } as const;
  const cases: [string, (start: string) => unknown, string, RegExp][] = [
    ["a past date", () => bookingInput("2020-01-06T15:00:00.000Z"), "slotStart", /already passed/],
    [
      "a start never offered (off the step)",
      (s) => bookingInput(new Date(new Date(s).getTime() + 7 * 60_000).toISOString()),
      "slotStart",
      /do not offer that time/,
    ],
    ["a start inside the notice", () => bookingInput(new Date(Date.now() + 30 * 60_000).toISOString()), "slotStart", /too soon/],
    ["a start past the horizon", () => bookingInput(new Date(Date.now() + 40 * 86_400_000).toISOString()), "slotStart", /up to 30 days ahead/],
    ["an unknown brand", (s) => bookingInput(s, { devices: [{ ...device, brand: "sony" as never }] }), "devices.0.brand", /Dahua, Lorex or Hikvision/],
    ["500 devices", (s) => bookingInput(s, { devices: Array.from({ length: 500 }, () => device) }), "devices", /at most 20 devices/],
    ["a 10,000-character problem", (s) => bookingInput(s, { devices: [{ ...device, problem: long }] }), "devices.0.problem", /at most 2000/],
    [
      "a 10,000-character name",
      (s) => bookingInput(s, { contact: { name: long, email: "a@example.test", phone: "216-555-0100" } }),
      "contact.name",
      /at most 120/,
    ],
    [
      "a missing address",
      (s) => bookingInput(s, { site: { addressLine1: "", city: "Cleveland", region: "OH", postalCode: "44101" } }),
      "site.addressLine1",
      /street address/,
    ],
    ["a malformed email", (s) => bookingInput(s, { contact: { name: "A", email: "not-an-email", phone: "216-555-0100" } }), "contact.email", /valid email/],
    ["a malformed phone", (s) => bookingInput(s, { contact: { name: "A", email: "a@example.test", phone: "call me" } }), "contact.phone", /valid phone/],
    ["no devices", (s) => bookingInput(s, { devices: [] }), "devices", /at least one device/],
    [
      "a weak password",
      (s) => bookingInput(s, { account: { mode: "password", password: "short", confirmPassword: "short" } }),
      "account.password",
      /at least 10/,
    ],
    ["no login choice for a new customer", (s) => bookingInput(s, { account: { mode: "none" } }), "account.mode", /set a password now, or email me a link/],
  ];
  for (const [name, make, field, message] of cases) {
    it(name, async () => {
      const start = await offeredStart(["dahua"], 1, 12);
      const before = await counts();
      const e = await errorOf(bookVisit(null, make(start), null));
      expect(e).toBeInstanceOf(ValidationError);
      expect(e.fieldErrors?.[field]?.[0]).toMatch(message);
      expect(await counts()).toEqual(before);
    });
  }
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
      const e = await errorOf(bookVisit(null, mixed, null));
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
    const before = await counts();
    const c = await bookVisit(me, { ...base, devices: [saved] }, null);
    const db = await getDb();
    const [v] = await db
      .select({ customerId: visits.customerId, siteId: visits.siteId, createdBy: visits.createdBy })
      .from(visits)
      .where(eq(visits.id, c.visitId));
    expect(v).toEqual({ customerId: me.customerId, siteId, createdBy: me.id });
    const after = await counts();
    expect(after).toMatchObject({ customers: before.customers, users: before.users, sites: before.sites, devices: before.devices, visits: before.visits + 1 });

    const e = await errorOf(bookVisit(me, { ...base, idempotencyKey: crypto.randomUUID(), devices: [{ ...saved, deviceId: foreign }] }, null));
    expect(e.fieldErrors?.["devices.0.deviceId"]?.[0]).toMatch(/saved devices/);
    const e2 = await errorOf(
      bookVisit(me, { ...base, idempotencyKey: crypto.randomUUID(), contact: { ...base.contact, customerId: other.customerId! } }, null),
    );
    expect(e2.fieldErrors?.["contact.customerId"]?.[0]).toMatch(/only book for yourself/);
  });

  it("an admin books for a phone customer: new without a login, or an existing one", async () => {
    const before = await counts();
    const c = await bookVisit(admin, bookingInput(await offeredStart(["dahua"], 1, 30), { account: { mode: "none" } }), null);
    const db = await getDb();
    const [v] = await db.select({ customerId: visits.customerId, createdBy: visits.createdBy }).from(visits).where(eq(visits.id, c.visitId));
    expect(v!.createdBy).toBe(admin.id);
    expect(await counts()).toMatchObject({ customers: before.customers + 1, users: before.users });
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
    const e = await errorOf(bookVisit(tech, bookingInput(await offeredStart()), null));
    expect(e).toBeInstanceOf(ForbiddenError);
  });

  it("a slot already taken on the only free technician is refused as just taken", async () => {
    const start = await offeredStart(["dahua"], 1, 40);
    await bookVisit(null, bookingInput(start), null);
    const e = await errorOf(bookVisit(null, bookingInput(start), null));
    expect(e).toBeInstanceOf(ConflictError);
    expect(e.message).toBe(SLOT_TAKEN);
    expect(e.fieldErrors?.slotStart).toEqual([SLOT_TAKEN]);
  });
});
