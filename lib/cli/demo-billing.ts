import { and, eq, gte } from "drizzle-orm";
import { DateTime } from "luxon";
import type { Database } from "@/db/client";
import { invoices, users, visits } from "@/db/schema";
import { draftInvoiceForVisit, issueInvoice } from "@/lib/billing/invoices";
import { recordPayment } from "@/lib/billing/payments";
import type { Actor } from "@/lib/auth/permissions";
import { getSettings } from "@/lib/settings/company";

/**
 * The demo company's books: every visit completed in the last 45 days has the
 * invoice its completion makes, and the office's usual state of them: the
 * newest two still drafts, the rest issued on the day of the visit, most paid
 * (one part-paid), a few unpaid and some of those overdue. Issued and paid
 * through the same functions the office uses, so numbers, statuses, emails
 * and audit rows are the real ones (no emails: the customers were billed long ago).
 */
export async function loadDemoBilling(db: Database, rand: () => number): Promise<{ invoices: number; issued: number; paid: number }> {
  const [admin] = await db
    .select({ id: users.id, role: users.role, name: users.name, email: users.email, customerId: users.customerId })
    .from(users)
    .where(eq(users.role, "admin"))
    .limit(1);
  if (!admin) return { invoices: 0, issued: 0, paid: 0 };
  const actor: Actor = { ...admin, role: "admin" };
  const s = await getSettings(db);
  const since = DateTime.now().minus({ days: 45 }).toJSDate();
  const done = await db
    .select({ id: visits.id, completedAt: visits.completedAt })
    .from(visits)
    .where(and(eq(visits.status, "completed"), gte(visits.completedAt, since)))
    .orderBy(visits.completedAt);
  let issued = 0;
  let paid = 0;
  for (const [i, v] of done.entries()) {
    const invoiceId = await db.transaction((tx) => draftInvoiceForVisit(tx, v.id, admin.id, s));
    if (i >= done.length - 2 || !v.completedAt) continue; // the newest wait for the office
    const issuedOn = v.completedAt;
    const r = await issueInvoice(actor, { invoiceId }, null, { now: issuedOn, email: false });
    issued++;
    if (r.status === "paid") continue;
    const roll = rand();
    const receivedOn = DateTime.fromJSDate(issuedOn, { zone: s.timeZone }).plus({ days: 1 + Math.floor(rand() * 10) });
    if (roll < 0.2 || receivedOn > DateTime.now()) continue; // unpaid (overdue once past its terms)
    const [inv] = await db.select({ totalCents: invoices.totalCents }).from(invoices).where(eq(invoices.id, invoiceId));
    const total = inv?.totalCents ?? 0;
    const amount = roll < 0.27 ? Math.floor(total / 2) : total;
    if (amount <= 0) continue;
    await recordPayment(
      actor,
      { invoiceId, method: rand() < 0.6 ? "card" : "check", amount: (amount / 100).toFixed(2), receivedOn: receivedOn.toISODate()! },
      null,
    );
    paid++;
  }
  return { invoices: done.length, issued, paid };
}
