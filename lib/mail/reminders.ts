import "server-only";
import { and, eq, gte, inArray, isNull, lt, sql } from "drizzle-orm";
import { DateTime } from "luxon";
import { getDb, type Executor } from "@/db/client";
import { ACTIVE_VISIT_STATUSES, customers, sites, users, visits } from "@/db/schema";
import { getSettings } from "@/lib/settings/company";
import { enqueueMail } from "./outbox";
import { reminderMail } from "./reminder-mail";

/**
 * Day-before reminders: every active visit starting tomorrow (company time
 * zone) with no reminder yet. In one transaction, the conditional
 *   UPDATE visits SET reminder_sent_at = now WHERE … AND reminder_sent_at IS NULL RETURNING id
 * claims the visits (a concurrent run on another instance waits for the row
 * locks, re-checks `reminder_sent_at IS NULL` and skips them) and the
 * reminders are enqueued in the same transaction: sent once, or not at all.
 */
export async function sendDueReminders(opts: { db?: Executor; now?: Date } = {}) {
  const db = opts.db ?? (await getDb());
  const now = opts.now ?? new Date();
  const s = await getSettings(db);
  const tomorrow = DateTime.fromJSDate(now, { zone: s.timeZone }).plus({ days: 1 }).startOf("day");
  const from = tomorrow.toJSDate();
  const to = tomorrow.plus({ days: 1 }).toJSDate();
  return db.transaction(async (tx) => {
    const claimed = await tx
      .update(visits)
      .set({ reminderSentAt: now })
      .where(and(gte(visits.startsAt, from), lt(visits.startsAt, to), inArray(visits.status, [...ACTIVE_VISIT_STATUSES]), isNull(visits.reminderSentAt)))
      .returning({ id: visits.id });
    if (claimed.length === 0) return { claimed: 0, enqueued: 0 };
    const rows = await tx
      .select({
        id: visits.id,
        reference: visits.reference,
        startsAt: visits.startsAt,
        endsAt: visits.endsAt,
        customerId: visits.customerId,
        customerName: customers.name,
        customerEmail: customers.email,
        technicianName: users.name,
        address: sql<string>`concat_ws(', ', ${sites.addressLine1}, ${sites.addressLine2}, ${sites.city}, ${sites.region} || ' ' || ${sites.postalCode})`,
      })
      .from(visits)
      .innerJoin(customers, eq(customers.id, visits.customerId))
      .innerJoin(sites, eq(sites.id, visits.siteId))
      .leftJoin(users, eq(users.id, visits.technicianId))
      .where(
        inArray(
          visits.id,
          claimed.map((c) => c.id),
        ),
      );
    // Customers without an email of their own: their login's email.
    const missing = rows.filter((r) => !r.customerEmail).map((r) => r.customerId);
    const logins = missing.length
      ? await tx.select({ customerId: users.customerId, email: users.email }).from(users).where(inArray(users.customerId, missing))
      : [];
    let enqueued = 0;
    for (const r of rows) {
      const to = r.customerEmail ?? logins.find((l) => l.customerId === r.customerId)?.email;
      if (!to) continue; // a phone-only customer: marked as reminded, nothing to send
      await enqueueMail(
        tx,
        reminderMail({
          to,
          visitId: r.id,
          customerName: r.customerName,
          reference: r.reference,
          startsAt: r.startsAt,
          endsAt: r.endsAt,
          technicianName: r.technicianName,
          address: r.address,
          settings: s,
        }),
      );
      enqueued++;
    }
    return { claimed: claimed.length, enqueued };
  });
}
