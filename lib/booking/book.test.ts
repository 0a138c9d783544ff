/** bookVisit for a new customer: everything in one go, the password or invite, idempotency keys, all-or-nothing, an email that already has an account. */
import { createHash } from "node:crypto";
import { count, eq, sql } from "drizzle-orm";
import { beforeAll, describe, expect, it, vi } from "vitest";
import { getDb } from "@/db/client";
import { auditEvents, customers, devices, mailOutbox, passwordResetTokens, sites, users, visitDevices, visits } from "@/db/schema";
import { makeUser } from "@/test/support/factories";
import { verifyPassword } from "@/lib/auth/password";
import type { Actor } from "@/lib/auth/permissions";
import { ConflictError } from "@/lib/platform/errors";
import { bookVisit, KEY_REUSED } from "./book";
import { storedBookingKey } from "./idempotency";
import { hashPassword } from "@/lib/auth/password";
import { SECRET_MASK, textToSend } from "@/lib/mail/outbox";
import { bookingCounts, bookingError, bookingInput, offeredStart } from "@/test/support/booking";

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

beforeAll(async () => {
  tech = await makeUser("technician", { name: "Terry Tech" });
  await makeUser("admin");
});

describe("bookVisit: a new customer", () => {
  it("creates customer, login with an invite link, site, devices and the visit in one go, and queues the mail", async () => {
    const start = await offeredStart();
    const input = bookingInput(start);
    const before = await bookingCounts();
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
    const after = await bookingCounts();
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
    const before = await bookingCounts();
    const other = { ...bookingInput(await offeredStart(["dahua"], 1, 8)), idempotencyKey: input.idempotencyKey };
    const e = await bookingError(bookVisit(null, other, null));
    expect(e).toBeInstanceOf(ConflictError);
    expect(e.message).toBe(KEY_REUSED);
    expect(JSON.stringify(e)).not.toContain(first.reference);
    expect(e.fieldErrors).toBeUndefined();
    const changedOnlyTheNotes = { ...input, notes: "something else" };
    await expect(bookVisit(null, changedOnlyTheNotes, null)).rejects.toThrow(KEY_REUSED);
    expect(await bookingCounts()).toEqual(before);
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
    const before = await bookingCounts();
    const again = await bookVisit(null, input, null);
    expect(again.visitId).toBe(first.visitId);
    expect(again.reference).toBe(first.reference);
    expect(again.replayed).toBe(true);
    expect(await bookingCounts()).toEqual(before);
  });

  it("writes nothing when any step fails (here: the outbox, after everything else was inserted)", async () => {
    const before = await bookingCounts();
    failMail.next = true;
    const input = bookingInput(await offeredStart(["dahua"], 1, 9), {
      account: { mode: "password", password: "a-good-long-secret", confirmPassword: "a-good-long-secret" },
    });
    await expect(bookVisit(null, input, null)).rejects.toThrow("outbox unavailable");
    expect(await bookingCounts()).toEqual(before);
    // The same form can then be submitted again and succeeds.
    const c = await bookVisit(null, input, null);
    expect(c.replayed).toBe(false);
  });

  it("an email that already has an account: booked all the same, without saying so; the account is untouched and its owner is told by email to sign in (finding 9)", async () => {
    const taken = await makeUser("customer", { passwordHash: await hashPassword("the-owners-own-secret") });
    const db = await getDb();
    const before = await bookingCounts();
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
    expect(await bookingCounts()).toMatchObject({ users: before.users + 1 }); // the new email's login only
    const [mail] = await db.select().from(mailOutbox).where(eq(mailOutbox.visitId, c.visitId));
    expect(mail!.toAddress).toBe(taken.email);
    expect(mail!.textBody).toMatch(/already has an account[\s\S]*not in that account[\s\S]*\/signin/);
  });
});
