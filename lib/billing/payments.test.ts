/** Getting paid against an invoice: payments (office and on site), credit notes, and bad input. */
import { and, eq, sql } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import { getDb } from "@/db/client";
import { auditEvents, invoices, payments } from "@/db/schema";
import { NotFoundError, ValidationError } from "@/lib/platform/errors";
import { billingPeople, clientRef, completedVisitWithDraft, invoiceEvents, invoiceRow, issuedInvoice, lines, type BillingPeople } from "@/test/support/billing";
import { createCreditNote } from "./credit-notes";
import { issueInvoice, updateInvoiceLines, voidInvoice } from "./invoices";
import { recordOnSitePayment, recordPayment } from "./payments";

let p: BillingPeople;
beforeAll(async () => {
  p = await billingPeople();
});

describe("payments", () => {
  it("partial then full payment: partially paid, then paid (invoice.paid once); overpayment refused and nothing written", async () => {
    const v = await issuedInvoice(p);
    const total = (await invoiceRow(v.invoiceId)).totalCents;
    const db = await getDb();
    const count = async () =>
      (
        await db
          .select({ n: sql<number>`count(*)::int` })
          .from(payments)
          .where(eq(payments.invoiceId, v.invoiceId))
      )[0]!.n;
    await expect(recordPayment(p.admin, { invoiceId: v.invoiceId, method: "check", amount: ((total + 1) / 100).toFixed(2) })).rejects.toMatchObject({
      status: 422,
      fieldErrors: { amount: [expect.stringContaining("more than the balance")] },
    });
    expect(await count()).toBe(0);
    await recordPayment(p.admin, { invoiceId: v.invoiceId, method: "check", amount: "10.00", reference: "Check 1001" });
    expect(await invoiceRow(v.invoiceId)).toMatchObject({ status: "partially_paid", paidCents: 1000 });
    const rest = ((total - 1000) / 100).toFixed(2);
    await recordPayment(p.admin, { invoiceId: v.invoiceId, method: "bank_transfer", amount: rest });
    expect(await invoiceRow(v.invoiceId)).toMatchObject({ status: "paid", paidCents: total });
    expect(await invoiceEvents(v.invoiceId)).toEqual(["invoice.issued", "invoice.paid"]);
    await expect(recordPayment(p.admin, { invoiceId: v.invoiceId, method: "cash", amount: "0.01" })).rejects.toThrow("paid in full");
    // Each payment is an audit event.
    const audits = await db
      .select()
      .from(auditEvents)
      .where(and(eq(auditEvents.entityId, v.invoiceId), eq(auditEvents.action, "payment.record")));
    expect(audits).toHaveLength(2);
    // The database refuses an overpayment written past lib/.
    await expect(
      db
        .update(invoices)
        .set({ paidCents: total + 1 })
        .where(eq(invoices.id, v.invoiceId)),
    ).rejects.toThrow();
  });

  it("the technician records a card payment at completion on their own visit; a replay records one; another technician's visit is not found", async () => {
    const v = await completedVisitWithDraft(p);
    const total = (await invoiceRow(v.invoiceId)).totalCents;
    const ref = clientRef();
    const input = { visitId: v.visitId, method: "card", amount: (total / 100).toFixed(2), reference: "slip 42", clientRef: ref };
    await expect(recordOnSitePayment(p.otherTech, input)).rejects.toBeInstanceOf(NotFoundError);
    const first = await recordOnSitePayment(p.tech, input);
    const again = await recordOnSitePayment(p.tech, input);
    expect(again).toMatchObject({ paymentId: first.paymentId, replayed: true });
    // On a draft: paid, still a draft until the office issues it, which then issues it as paid.
    expect(await invoiceRow(v.invoiceId)).toMatchObject({ status: "draft", paidCents: total });
    expect((await issueInvoice(p.admin, { invoiceId: v.invoiceId })).status).toBe("paid");
    expect(await invoiceEvents(v.invoiceId)).toEqual(["invoice.issued", "invoice.paid"]);
  });

  it("a draft with payments cannot be edited below what was paid; an invoice with payments cannot be voided", async () => {
    const v = await completedVisitWithDraft(p);
    await recordPayment(p.admin, { invoiceId: v.invoiceId, method: "cash", amount: "50.00" });
    await expect(updateInvoiceLines(p.admin, { invoiceId: v.invoiceId, lines: lines("40.00") }, null)).rejects.toThrow("already paid");
    await expect(voidInvoice(p.admin, { invoiceId: v.invoiceId, reason: "mistake" }, null)).rejects.toThrow("credit note");
  });
});

describe("credit notes", () => {
  it("reduce what is owed, with their own gap-free number, never more than the open balance", async () => {
    const v = await issuedInvoice(p);
    const total = (await invoiceRow(v.invoiceId)).totalCents;
    await expect(createCreditNote(p.admin, { invoiceId: v.invoiceId, reason: "Too much", lines: lines(((total + 100) / 100).toFixed(2)) })).rejects.toThrow(
      "can only reduce what is still owed",
    );
    const cn = await createCreditNote(p.admin, { invoiceId: v.invoiceId, reason: "Goodwill", lines: lines("10.00") });
    expect(cn.number).toMatch(/^CN-\d{4}-\d{4}$/);
    expect(cn.totalCents).toBe(1080); // 10.00 + 8% tax, rounded on the line
    expect(await invoiceRow(v.invoiceId)).toMatchObject({ creditedCents: 1080, status: "issued", totalCents: total });
    // Paying the rest settles it.
    await recordPayment(p.admin, { invoiceId: v.invoiceId, method: "cash", amount: ((total - 1080) / 100).toFixed(2) });
    expect((await invoiceRow(v.invoiceId)).status).toBe("paid");
  });
});

it("bad input is a clear message, never a 500", async () => {
  await expect(recordPayment(p.admin, { invoiceId: "nope", method: "cash", amount: "1" })).rejects.toBeInstanceOf(ValidationError);
});
