/**
 * bookVisit: one transaction that creates (or reuses) the customer, their
 * login, the site, the devices, and the visit on a free technician who
 * handles every brand, plus the confirmation mail with its .ics.
 *
 * Who may book what:
 * - nobody signed in: a new customer, who sets a password or asks for a link;
 * - a signed-in customer: for themselves, with their saved sites and devices;
 * - an admin (visits:dispatch): for a phone customer, new or existing.
 *
 * Idempotency: the form sends a key made when it opened; it is stored scoped
 * to the caller, with a fingerprint of the request (lib/booking/idempotency.ts).
 * An advisory lock on the key serialises requests that carry it; a request
 * that finds a visit with its key and the same fingerprint returns that visit
 * (another request with the same key: 409, no details); and the unique index
 * visits_idempotency_key stays the final word (a losing insert rolls back and
 * returns the winner).
 *
 * Someone not signed in whose email already has an account is not told so
 * (that would say which emails have accounts): the booking proceeds for a new
 * customer record without a login, and the confirmation email tells the
 * account's owner to sign in next time. Bookings are counted against a limit
 * (lib/booking/limits.ts) inside the transaction.
 */
import { and, eq, inArray, sql } from "drizzle-orm";
import { getDb, type Executor } from "@/db/client";
import { customers, devices, sites, users, visitDevices, visits, type Brand } from "@/db/schema";
import { audit } from "@/lib/audit/log";
import { hashPassword } from "@/lib/auth/password";
import { can, type Actor } from "@/lib/auth/permissions";
import { ConflictError, ForbiddenError, parseInput, pgError, ValidationError } from "@/lib/platform/errors";
import { enqueueMail } from "@/lib/mail/outbox";
import { inviteMail, WHAT_TO_PREPARE } from "@/lib/mail/templates/booking";
import { getSettings } from "@/lib/settings/company";
import { placeOnFreeTechnician } from "./assign";
import { createInviteToken, INVITE_DAYS } from "./invite";
import { generateReference } from "./reference";
import { bookingFingerprint, storedBookingKey } from "./idempotency";
import { countBooking } from "./limits";
import { bookingSchema, type BookingData } from "./schemas";
import { checkSlot } from "./slot-check";
import { visitMinutes } from "./visit-length";
import { currentCalendar, loadVisitFacts, publicSummary, queueVisitMail, type VisitSummary } from "./visit-facts";
import { emitVisitEvent } from "@/lib/webhooks/emit";

export type BookingConfirmation = VisitSummary & {
  prepare: string[];
  /** The .ics text, for the confirmation page's download link. */
  ics: string;
  /** True when this answer is a repeat of an earlier submit with the same key. */
  replayed: boolean;
};

type Booker = { kind: "new"; login: "password" | "invite" | "none" } | { kind: "existing"; customerId: string };

/** The office booking for a new customer whose email has an account: it may say so (it sees every customer anyway). */
const EMAIL_TAKEN = "An account with this email already exists. Pick that customer instead, or send no login.";
const emailTaken = () => new ConflictError(EMAIL_TAKEN, { "contact.email": [EMAIL_TAKEN] });
/** The same key with another request. No details of the first one. */
export const KEY_REUSED = "This booking key was already used for a different booking. Start a new booking (reload the form, or send a new Idempotency-Key).";

/** Permission and the shape of booking each kind of person may make. */
function resolveBooker(actor: Actor | null, data: BookingData): Booker {
  const bad = (field: string, message: string) => new ValidationError(message, { [field]: [message] });
  const usesSaved = !!data.site.siteId || data.devices.some((d) => d.deviceId);
  if (!actor) {
    if (data.contact.customerId) throw bad("contact.customerId", "Sign in to book for a saved customer.");
    if (usesSaved) throw bad("site.siteId", "Sign in to use your saved addresses and devices.");
    if (data.account.mode !== "password" && data.account.mode !== "invite") throw bad("account.mode", "Choose: set a password now, or email me a link.");
    return { kind: "new", login: data.account.mode };
  }
  if (can(actor, "visits:book-own")) {
    if (data.contact.customerId && data.contact.customerId !== actor.customerId) throw bad("contact.customerId", "You can only book for yourself.");
    return { kind: "existing", customerId: actor.customerId! };
  }
  // Besides customers, only the office books (for a customer); technicians ask the office.
  if (!can(actor, "visits:dispatch")) throw new ForbiddenError("Technicians cannot book visits. Ask the office.");
  if (data.contact.customerId) return { kind: "existing", customerId: data.contact.customerId };
  if (usesSaved) throw bad("site.siteId", "Pick the customer first to use their saved addresses and devices.");
  if (data.account.mode !== "invite" && data.account.mode !== "none")
    throw bad("account.mode", "Customers choose their own password: send them a link, or make no login.");
  return { kind: "new", login: data.account.mode };
}

/**
 * A visit already made with this (caller-scoped) key, as its confirmation, only for the same request:
 * another request with the key is a 409 without details (a key is not a way to read someone's booking).
 */
async function findReplay(db: Executor, actor: Actor | null, key: string, fingerprint: string): Promise<BookingConfirmation | null> {
  const [v] = await db
    .select({ id: visits.id, customerId: visits.customerId, fingerprint: visits.idempotencyFingerprint })
    .from(visits)
    .where(eq(visits.idempotencyKey, key));
  if (!v) return null;
  if (v.fingerprint !== fingerprint) throw new ConflictError(KEY_REUSED);
  // A customer sees only their own visit's confirmation (the office sees any).
  if (can(actor, "visits:book-own") && actor!.customerId !== v.customerId) throw new ConflictError(KEY_REUSED);
  const s = await getSettings(db);
  const f = (await loadVisitFacts(db, v.id, s))!;
  return { ...publicSummary(f), prepare: WHAT_TO_PREPARE, ics: await currentCalendar(db, f, s), replayed: true };
}

async function emailHasAccount(db: Executor, email: string) {
  const rows = await db
    .select({ id: users.id })
    .from(users)
    .where(sql`lower(${users.email}) = ${email.toLowerCase()}`)
    .limit(1);
  return rows.length > 0;
}

/** Saved site and devices must belong to the customer; returns the brands of the saved devices. */
async function checkSaved(tx: Executor, customerId: string, data: BookingData) {
  const [customer] = await tx.select({ id: customers.id }).from(customers).where(eq(customers.id, customerId));
  if (!customer) throw new ValidationError("Pick a customer from the list.", { "contact.customerId": ["Pick a customer from the list."] });
  if (data.site.siteId) {
    const [site] = await tx
      .select({ id: sites.id })
      .from(sites)
      .where(and(eq(sites.id, data.site.siteId), eq(sites.customerId, customerId)));
    if (!site) throw new ValidationError("Pick one of the saved addresses.", { "site.siteId": ["Pick one of the saved addresses."] });
  }
  const ids = data.devices.map((d) => d.deviceId).filter(Boolean);
  if (new Set(ids).size !== ids.length) throw new ValidationError("The same device is listed twice.", { devices: ["The same device is listed twice."] });
  if (ids.length === 0) return new Map<string, Brand>();
  const rows = await tx
    .select({ id: devices.id, brand: devices.brand })
    .from(devices)
    .where(and(inArray(devices.id, ids), eq(devices.customerId, customerId)));
  const found = new Map(rows.map((r) => [r.id, r.brand]));
  const fieldErrors: Record<string, string[]> = {};
  data.devices.forEach((d, i) => {
    if (d.deviceId && !found.has(d.deviceId)) fieldErrors[`devices.${i}.deviceId`] = ["Pick one of the saved devices."];
  });
  if (Object.keys(fieldErrors).length) throw new ValidationError("Pick one of the saved devices.", fieldErrors);
  return found;
}

export async function bookVisit(actor: Actor | null, input: unknown, ip: string | null, opts: { now?: Date } = {}): Promise<BookingConfirmation> {
  const data = parseInput(bookingSchema, input);
  const booker = resolveBooker(actor, data);
  const now = opts.now ?? new Date();
  const db = await getDb();
  const key = storedBookingKey(actor, data.idempotencyKey);
  const fingerprint = bookingFingerprint(data);

  const early = await findReplay(db, actor, key, fingerprint);
  if (early) return early;
  const office = can(actor, "visits:dispatch");
  if (office && booker.kind === "new" && booker.login !== "none" && (await emailHasAccount(db, data.contact.email))) throw emailTaken();
  const passwordHash = booker.kind === "new" && booker.login === "password" ? await hashPassword(data.account.password) : null;

  try {
    return await db.transaction(async (tx) => {
      await tx.execute(sql`select pg_advisory_xact_lock(hashtext(${"booking:" + key}))`);
      const replay = await findReplay(tx, actor, key, fingerprint);
      if (replay) return replay;
      const s = await getSettings(tx);
      await countBooking(tx, actor, ip, s);

      const savedBrands = booker.kind === "existing" ? await checkSaved(tx, booker.customerId, data) : new Map<string, Brand>();
      const brands = [...new Set(data.devices.map((d) => (d.deviceId ? savedBrands.get(d.deviceId)! : d.brand)))];
      const slot = await checkSlot(tx, s, { brands, deviceCount: data.devices.length }, new Date(data.slotStart), now);

      let customerId: string;
      let newUserId: string | null = null;
      let accountExists = false;
      if (booker.kind === "existing") customerId = booker.customerId;
      else {
        if (booker.login !== "none") {
          // One login per email: bookings that would make one for the same email take turns here.
          await tx.execute(sql`select pg_advisory_xact_lock(hashtext(${"account:" + data.contact.email.toLowerCase()}))`);
          accountExists = await emailHasAccount(tx, data.contact.email);
          if (accountExists && office) throw emailTaken();
        }
        const [c] = await tx
          .insert(customers)
          .values({ name: data.contact.name, email: data.contact.email, phone: data.contact.phone })
          .returning({ id: customers.id });
        customerId = c!.id;
        if (booker.login !== "none" && !accountExists) {
          const [u] = await tx
            .insert(users)
            .values({ email: data.contact.email, name: data.contact.name, phone: data.contact.phone, role: "customer", passwordHash, customerId })
            .returning({ id: users.id });
          newUserId = u!.id;
          await audit(tx, {
            actorId: actor?.id ?? newUserId,
            action: "user.create_at_booking",
            entityType: "user",
            entityId: newUserId,
            details: { login: booker.login },
            ip,
          });
        }
        if (booker.login === "invite" && newUserId) {
          const { link, raw } = await createInviteToken(tx, newUserId, now);
          const mail = inviteMail({ name: data.contact.name, link, companyName: s.companyName, days: INVITE_DAYS });
          await enqueueMail(tx, { kind: "account.invite", to: data.contact.email, subject: mail.subject, text: mail.text, secret: raw });
        }
      }

      let siteId = data.site.siteId;
      if (!siteId) {
        const { label, addressLine1, addressLine2, city, region, postalCode, accessNotes } = data.site;
        const [site] = await tx
          .insert(sites)
          .values({
            customerId,
            label: label || null,
            addressLine1,
            addressLine2: addressLine2 || null,
            city,
            region,
            postalCode,
            accessNotes: accessNotes || null,
          })
          .returning({ id: sites.id });
        siteId = site!.id;
      }
      const deviceIds: string[] = [];
      for (const d of data.devices) {
        if (d.deviceId) {
          deviceIds.push(d.deviceId);
          continue;
        }
        const [row] = await tx
          .insert(devices)
          .values({ customerId, siteId, brand: d.brand, kind: d.kind, model: d.model || null, recoveryOptions: d.recovery })
          .returning({ id: devices.id });
        deviceIds.push(row!.id);
      }

      const endsAt = new Date(slot.start.getTime() + visitMinutes(s, data.devices.length) * 60_000);
      const { technicianId, result: visitId } = await placeOnFreeTechnician(tx, slot.technicianIds, async (sp, techId) => {
        const [v] = await sp
          .insert(visits)
          .values({
            reference: generateReference(),
            customerId,
            siteId,
            technicianId: techId,
            startsAt: slot.start,
            endsAt,
            busyUntil: new Date(endsAt.getTime() + s.travelBufferMinutes * 60_000),
            status: "scheduled",
            idempotencyKey: key,
            idempotencyFingerprint: fingerprint,
            bookingNotes: data.notes || null,
            createdBy: actor?.id ?? newUserId,
          })
          .returning({ id: visits.id });
        return v!.id;
      });
      await tx.insert(visitDevices).values(deviceIds.map((deviceId, i) => ({ visitId, deviceId, position: i, problem: data.devices[i]!.problem || null })));
      await audit(tx, {
        actorId: actor?.id ?? newUserId,
        action: "visit.book",
        entityType: "visit",
        entityId: visitId,
        details: { technicianId, startsAt: slot.start.toISOString(), devices: deviceIds.length, onBehalf: can(actor, "visits:dispatch") },
        ip,
      });
      await queueVisitMail(tx, visitId, s, { kind: "confirmation", accountExists });
      await emitVisitEvent(tx, "visit.booked", visitId);
      const f = (await loadVisitFacts(tx, visitId, s))!;
      return { ...publicSummary(f), prepare: WHAT_TO_PREPARE, ics: await currentCalendar(tx, f, s), replayed: false };
    });
  } catch (err) {
    // Another request with this key won the race: answer with its visit (or, for another request, the 409).
    const replay = await findReplay(db, actor, key, fingerprint).catch((e: unknown) => (e instanceof ConflictError ? e : null));
    if (replay instanceof ConflictError) throw replay;
    if (replay) return replay;
    if (pgError(err)?.constraint === "users_email_lower_key") {
      // An account for this email was made at the same moment elsewhere: the office may be told; anyone else tries again.
      if (can(actor, "visits:dispatch")) throw emailTaken();
      throw new ConflictError("Someone else changed this at the same moment. Please try again.");
    }
    throw err;
  }
}
