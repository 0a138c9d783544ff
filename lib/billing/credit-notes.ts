import "server-only";
import { eq } from "drizzle-orm";
import { DateTime } from "luxon";
import { getDb } from "@/db/client";
import { creditNotes, invoices } from "@/db/schema";
import { audit } from "@/lib/audit/log";
import { requirePermission, type Actor } from "@/lib/auth/permissions";
import { ConflictError, parseInput } from "@/lib/platform/errors";
import { getSettings } from "@/lib/settings/company";
import { emitInvoiceEvent } from "./events";
import { balanceOf, lockInvoice, settledStatus } from "./invoices";
import { insertCreditNoteLines, priceFormLines, readLines } from "./lines";
import { queueDocumentMail } from "./mail";
import { formatMoney, percentToRate, sumLines } from "./money";
import { nextNumber } from "./numbering";
import { creditNoteSchema } from "./schemas";

/**
 * Correct an issued invoice: a credit note with its own lines and gap-free
 * number (CN-2026-0003), taxed at the invoice's rate, never more than what is
 * still owed on it. The invoice itself never changes; what it owes does.
 */
export async function createCreditNote(actor: Actor | null, input: unknown, ip: string | null = null) {
  requirePermission(actor, "billing:manage");
  const data = parseInput(creditNoteSchema, input);
  const db = await getDb();
  const s = await getSettings();
  return db.transaction(async (tx) => {
    const inv = await lockInvoice(tx, actor, data.invoiceId);
    if (inv.status === "draft") throw new ConflictError("This invoice is still a draft: edit its lines instead of crediting it.");
    if (inv.status === "void") throw new ConflictError("This invoice is void: there is nothing to credit.");
    const invoiceLines = (await readLines(tx, "invoice", [inv.id])).get(inv.id) ?? [];
    const rate = invoiceLines.find((l) => l.taxable)?.taxRate ?? percentToRate(s.taxRatePercent) ?? 0;
    const lines = await priceFormLines(tx, inv.customerId, data.lines, rate);
    const totals = sumLines(lines);
    if (totals.totalCents <= 0) throw new ConflictError("A credit note must credit something: its total is zero.");
    const open = balanceOf(inv);
    if (totals.totalCents > open) {
      throw new ConflictError(
        `A credit note can only reduce what is still owed (${formatMoney(open, inv.currency, s.locale)}); this one totals ${formatMoney(totals.totalCents, inv.currency, s.locale)}.`,
      );
    }
    const n = await nextNumber(tx, "credit_note", DateTime.now().setZone(s.timeZone).year);
    const [cn] = await tx
      .insert(creditNotes)
      .values({
        invoiceId: inv.id,
        customerId: inv.customerId,
        number: n.number,
        numberYear: n.year,
        numberSeq: n.seq,
        currency: inv.currency,
        ...totals,
        reason: data.reason,
        issuedBy: actor.id,
      })
      .returning({ id: creditNotes.id });
    await insertCreditNoteLines(tx, cn!.id, lines);
    const creditedCents = inv.creditedCents + totals.totalCents;
    const status = settledStatus({ ...inv, creditedCents });
    await tx.update(invoices).set({ creditedCents, status, updatedAt: new Date() }).where(eq(invoices.id, inv.id));
    await audit(tx, {
      actorId: actor.id,
      action: "credit_note.issue",
      entityType: "invoice",
      entityId: inv.id,
      details: { creditNoteId: cn!.id, number: n.number, totalCents: totals.totalCents, reason: data.reason },
      ip,
    });
    if (status === "paid" && inv.status !== "paid") await emitInvoiceEvent(tx, "invoice.paid", inv.id);
    await queueDocumentMail(tx, "credit_note", cn!.id, s);
    return { creditNoteId: cn!.id, number: n.number, totalCents: totals.totalCents, status };
  });
}
