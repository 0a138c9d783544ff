import "server-only";
import { and, eq, inArray, isNull, lte } from "drizzle-orm";
import { DateTime } from "luxon";
import { getDb, type Executor } from "@/db/client";
import { customers, invoices, users } from "@/db/schema";
import { formatDate } from "@/lib/format/dates";
import { enqueueMail } from "@/lib/mail/outbox";
import { getSettings, type CompanySettings } from "@/lib/settings/company";
import { loadDocument, type DocumentKind, type DocumentView } from "./documents";
import { formatMoney } from "./money";
import { pdfFilename, renderDocumentPdf } from "./pdf/document-pdf";

/** Where a customer's billing mail goes: their own email, else their login's. */
export async function customerEmail(tx: Executor, customerId: string): Promise<string | null> {
  const [c] = await tx.select({ email: customers.email }).from(customers).where(eq(customers.id, customerId));
  if (c?.email) return c.email;
  const [u] = await tx.select({ email: users.email }).from(users).where(eq(users.customerId, customerId)).limit(1);
  return u?.email ?? null;
}

function body(d: DocumentView, s: CompanySettings, lead: string[]) {
  const m = (c: number) => formatMoney(c, d.currency, s.locale);
  return [
    `Hello ${d.customer.name},`,
    "",
    ...lead,
    "",
    ...d.lines.map((l) => `- ${l.description}: ${l.quantity} × ${m(l.unitCents)} = ${m(l.netCents)}`),
    `Subtotal ${m(d.subtotalCents)}, ${d.taxName} ${m(d.taxCents)}, total ${m(d.totalCents)}.`,
    "",
    `The PDF is attached. Questions? Call us on ${s.companyPhone}.`,
    "",
    s.companyName,
  ].join("\n");
}

/**
 * The email that carries a document's PDF (an invoice when issued, an
 * estimate when sent, a credit note), queued in the caller's transaction so
 * it exists if and only if the change committed. No email address: nothing queued.
 */
export async function queueDocumentMail(tx: Executor, kind: DocumentKind, id: string, s: CompanySettings) {
  const d = await loadDocument(tx, kind, id, s);
  if (!d) return null;
  const to = await customerEmail(tx, d.customer.id);
  if (!to) return null;
  const m = (c: number) => formatMoney(c, d.currency, s.locale);
  const lead =
    kind === "invoice"
      ? [
          `Here is ${d.title} for visit ${d.visit.reference}: ${m(d.totalCents)}.`,
          d.balanceCents > 0 ? `Balance due ${m(d.balanceCents)} by ${formatDate(d.dueOn!, s)} (${d.terms}).` : "It is paid in full: thank you.",
        ]
      : kind === "estimate"
        ? [
            `Here is our estimate for visit ${d.visit.reference}: ${m(d.totalCents)}.`,
            "You can accept or decline it in your account online, or tell the technician on site.",
          ]
        : [`We issued ${d.title}, crediting ${m(d.totalCents)} against invoice ${d.related[0]?.number ?? ""}.`];
  const pdf = await renderDocumentPdf(d, s);
  return enqueueMail(tx, {
    kind: `billing.${kind}`,
    to,
    subject: `${d.title} from ${s.companyName}`,
    text: body(d, s, lead),
    visitId: d.visit.id,
    attachments: [{ filename: pdfFilename(d), contentType: "application/pdf", contentBase64: pdf.toString("base64") }],
  });
}

/**
 * Overdue reminders: once per invoice, `overdueReminderDays` after its due
 * date (company time zone), for invoices still owing. The conditional UPDATE
 * … WHERE overdue_reminded_at IS NULL RETURNING claims them (rows locked,
 * SKIP LOCKED so a second instance takes others), and the emails are queued
 * in the same transaction: sent once, however many instances run.
 */
export async function sendOverdueReminders(opts: { db?: Executor; now?: Date } = {}) {
  const db = opts.db ?? (await getDb());
  const now = opts.now ?? new Date();
  const s = await getSettings(db);
  const cutoff = DateTime.fromJSDate(now, { zone: s.timeZone }).minus({ days: s.overdueReminderDays }).toISODate()!;
  return db.transaction(async (tx) => {
    const due = tx
      .select({ id: invoices.id })
      .from(invoices)
      .where(and(inArray(invoices.status, ["issued", "partially_paid"]), lte(invoices.dueOn, cutoff), isNull(invoices.overdueRemindedAt)))
      .limit(100)
      .for("update", { skipLocked: true });
    const claimed = await tx
      .update(invoices)
      .set({ overdueRemindedAt: now })
      .where(and(inArray(invoices.id, due), isNull(invoices.overdueRemindedAt)))
      .returning({ id: invoices.id, customerId: invoices.customerId });
    let enqueued = 0;
    for (const c of claimed) {
      const d = await loadDocument(tx, "invoice", c.id, s, now);
      const to = d && (await customerEmail(tx, c.customerId));
      if (!d || !to) continue;
      const m = (x: number) => formatMoney(x, d.currency, s.locale);
      await enqueueMail(tx, {
        kind: "billing.overdue",
        to,
        subject: `Reminder: ${d.title} is overdue (${m(d.balanceCents)})`,
        text: body(d, s, [
          `${d.title} for visit ${d.visit.reference} was due on ${formatDate(d.dueOn!, s)}; ${m(d.balanceCents)} is still open.`,
          "If you have paid already, thank you, and please ignore this email.",
        ]),
        visitId: d.visit.id,
      });
      enqueued++;
    }
    return { claimed: claimed.length, enqueued };
  });
}
