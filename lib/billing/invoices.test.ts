/** Invoices: the draft made at completion, issuing (numbers, immutability, mail, events), the overdue reminder and the PDF. */
import { and, eq } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import { extractText, getDocumentProxy } from "unpdf";
import { getDb } from "@/db/client";
import { billingCounters, customers, invoiceLines, invoices, mailOutbox } from "@/db/schema";
import { ConflictError, NotFoundError } from "@/lib/platform/errors";
import { getSettings } from "@/lib/settings/company";
import { logAttempt } from "@/lib/field/attempts";
import { completeVisit } from "@/lib/field/completion";
import { attempt, scenario } from "@/test/support/field";
import { billingPeople, completedVisitWithDraft, invoiceEvents, invoiceRow, issuedInvoice, lines, type BillingPeople } from "@/test/support/billing";
import { documentFor } from "./documents";
import { createInvoiceForVisit, issueInvoice, updateInvoiceLines, voidInvoice } from "./invoices";
import { sendOverdueReminders } from "./mail";
import { renderDocumentPdf } from "./pdf/document-pdf";

let p: BillingPeople;
beforeAll(async () => {
  p = await billingPeople();
});

describe("the draft invoice of a completed visit", () => {
  it("is made at completion from the work done: call-out, recovered device charged, unrecovered free (no fix, no fee), not attempted free", async () => {
    const s = await scenario({ authorized: true, people: { ...p, otherCustomer: p.otherCustomer } });
    await logAttempt(s.tech, attempt(s.visitId, s.dahua, { methodId: "dahua_security_questions", outcome: "succeeded" }));
    await logAttempt(s.tech, attempt(s.visitId, s.hik, { methodId: "hik_security_questions", outcome: "failed" }));
    await completeVisit(s.tech, {
      visitId: s.visitId,
      patternLockSet: "yes",
      configExported: "yes",
      recoveryEmailUpdated: "na",
      devices: [
        { deviceId: s.hik, reason: "No answers." },
        { deviceId: s.lorex, reason: "Left as is." },
      ],
    });
    const db = await getDb();
    const [inv] = await db.select().from(invoices).where(eq(invoices.visitId, s.visitId));
    expect(inv).toMatchObject({ status: "draft", number: null, currency: "USD", termsDays: 15 });
    const ls = await db.select().from(invoiceLines).where(eq(invoiceLines.invoiceId, inv!.id)).orderBy(invoiceLines.position);
    const byKind = (k: string) => ls.filter((l) => l.kind === k);
    expect(byKind("call_out")).toHaveLength(1);
    expect(byKind("device").map((l) => [l.deviceId, l.unitCents])).toEqual(
      expect.arrayContaining([
        [s.dahua, 4900],
        [s.hik, 0],
        [s.lorex, 0],
      ]),
    );
    // Totals are the sum of the lines.
    expect(inv!.subtotalCents).toBe(ls.reduce((a, l) => a + l.netCents, 0));
    expect(inv!.taxCents).toBe(ls.reduce((a, l) => a + l.taxCents, 0));
    expect(inv!.totalCents).toBe(inv!.subtotalCents + inv!.taxCents);
  });

  it("admin edits a draft's lines; quantity over 1000, negative and fractional-cent prices are refused and nothing changes", async () => {
    const v = await completedVisitWithDraft(p);
    const before = await invoiceRow(v.invoiceId);
    await expect(updateInvoiceLines(p.admin, { invoiceId: v.invoiceId, lines: lines("10.00", 1001) }, null)).rejects.toMatchObject({
      status: 422,
      fieldErrors: { "lines.0.quantity": ["At most 1,000 per line."] },
    });
    await expect(updateInvoiceLines(p.admin, { invoiceId: v.invoiceId, lines: lines("-5.00") }, null)).rejects.toMatchObject({
      fieldErrors: { "lines.0.unitPrice": ["Amounts cannot be negative."] },
    });
    await expect(updateInvoiceLines(p.admin, { invoiceId: v.invoiceId, lines: lines("1.005") }, null)).rejects.toMatchObject({
      fieldErrors: { "lines.0.unitPrice": ["Use whole cents: at most 2 decimals."] },
    });
    expect((await invoiceRow(v.invoiceId)).totalCents).toBe(before.totalCents);
    await updateInvoiceLines(p.admin, { invoiceId: v.invoiceId, lines: [...lines("100.00", 2), { ...lines("0.50")[0]!, taxable: false }] }, null);
    expect(await invoiceRow(v.invoiceId)).toMatchObject({ subtotalCents: 20050, taxCents: 1600, totalCents: 21650 });
  });

  it("a technician cannot edit or issue invoices; a customer reading another customer's invoice gets 404", async () => {
    const v = await issuedInvoice(p);
    await expect(issueInvoice(p.tech, { invoiceId: v.invoiceId })).rejects.toMatchObject({ status: 403 });
    const db = await getDb();
    const s = await getSettings();
    await expect(documentFor(db, p.otherCustomer, "invoice", v.invoiceId, s)).rejects.toBeInstanceOf(NotFoundError);
    await expect(documentFor(db, p.tech, "invoice", v.invoiceId, s)).rejects.toBeInstanceOf(NotFoundError);
    expect((await documentFor(db, p.customer, "invoice", v.invoiceId, s)).number).toBe(v.number);
  });
});

describe("issuing", () => {
  it("gives the next number of the year, is immutable afterwards, emails the PDF, emits invoice.issued", async () => {
    const v = await completedVisitWithDraft(p);
    const r = await issueInvoice(p.admin, { invoiceId: v.invoiceId }, null, { now: new Date("2031-02-01T15:00:00Z") });
    expect(r.number).toMatch(/^2031-\d{4}$/);
    const row = await invoiceRow(v.invoiceId);
    expect(row).toMatchObject({ status: "issued", number: r.number, dueOn: "2031-02-16" }); // net 15
    // Lines on an issued invoice: refused by lib/ and by the database itself.
    await expect(updateInvoiceLines(p.admin, { invoiceId: v.invoiceId, lines: lines("1.00") }, null)).rejects.toBeInstanceOf(ConflictError);
    const db = await getDb();
    await expect(
      db.update(invoiceLines).set({ unitCents: 1, netCents: 1, totalCents: 1, taxCents: 0 }).where(eq(invoiceLines.invoiceId, v.invoiceId)),
    ).rejects.toThrow();
    await expect(db.update(invoices).set({ totalCents: 1, subtotalCents: 1, taxCents: 0 }).where(eq(invoices.id, v.invoiceId))).rejects.toThrow();
    await expect(issueInvoice(p.admin, { invoiceId: v.invoiceId })).rejects.toThrow(`already issued as ${r.number}`);
    const [mail] = await db
      .select()
      .from(mailOutbox)
      .where(and(eq(mailOutbox.visitId, v.visitId), eq(mailOutbox.kind, "billing.invoice")));
    expect(mail!.toAddress).toBe(p.customer.email);
    expect(mail!.attachments[0]).toMatchObject({ filename: `Invoice-${r.number}.pdf`, contentType: "application/pdf" });
    expect(Buffer.from(mail!.attachments[0]!.contentBase64, "base64").subarray(0, 5).toString()).toBe("%PDF-");
    expect(await invoiceEvents(v.invoiceId)).toEqual(["invoice.issued"]);
  });

  it("50 concurrent issues across visits give 50 distinct consecutive numbers", async () => {
    // A phone customer with no email: no PDF to render and mail, so the test is about the numbers (and stays quick).
    const db = await getDb();
    const [phone] = await db.insert(customers).values({ name: "Phone Only" }).returning({ id: customers.id });
    const owner = { ...p.customer, customerId: phone!.id };
    const drafts = [];
    for (let i = 0; i < 50; i++) drafts.push(await completedVisitWithDraft({ ...p, customer: owner }));
    const now = new Date("2032-03-01T15:00:00Z");
    const results = await Promise.all(drafts.map((d) => issueInvoice(p.admin, { invoiceId: d.invoiceId }, null, { now })));
    const seqs = results.map((r) => Number(r.number.slice(5))).sort((a, b) => a - b);
    expect(new Set(results.map((r) => r.number)).size).toBe(50);
    expect(seqs).toEqual(Array.from({ length: 50 }, (_, i) => i + 1));
    expect(results.every((r) => r.number.startsWith("2032-"))).toBe(true);
  }, 180_000);

  it("two concurrent issues of the same visit give one invoice and use one number; a rollback gives the number back", async () => {
    const v = await completedVisitWithDraft(p);
    const now = new Date("2033-01-10T15:00:00Z");
    const both = await Promise.allSettled([
      issueInvoice(p.admin, { invoiceId: v.invoiceId }, null, { now }),
      issueInvoice(p.admin, { invoiceId: v.invoiceId }, null, { now }),
    ]);
    expect(both.filter((r) => r.status === "fulfilled")).toHaveLength(1);
    expect((both.find((r) => r.status === "rejected") as PromiseRejectedResult).reason).toBeInstanceOf(ConflictError);
    const db = await getDb();
    const [counter] = await db
      .select()
      .from(billingCounters)
      .where(and(eq(billingCounters.series, "invoice"), eq(billingCounters.year, 2033)));
    expect(counter!.lastSeq).toBe(1);
    // A second invoice for the visit (two drafts at once) is refused by the one-invoice-per-visit index.
    await expect(createInvoiceForVisit(p.admin, { visitId: v.visitId })).resolves.toEqual({ invoiceId: v.invoiceId });
    await expect(db.insert(invoices).values({ visitId: v.visitId, customerId: p.customer.customerId!, currency: "USD" })).rejects.toMatchObject({
      cause: expect.objectContaining({ code: "23505" }),
    });
    // An issue that fails after taking a number (an empty draft) rolls back: the next issue gets the same number.
    const empty = await completedVisitWithDraft(p);
    await updateInvoiceLines(p.admin, { invoiceId: empty.invoiceId, lines: lines("1.00") }, null);
    await db.delete(invoiceLines).where(eq(invoiceLines.invoiceId, empty.invoiceId));
    await expect(issueInvoice(p.admin, { invoiceId: empty.invoiceId }, null, { now })).rejects.toThrow("Add at least one line");
    const next = await completedVisitWithDraft(p);
    expect((await issueInvoice(p.admin, { invoiceId: next.invoiceId }, null, { now })).number).toBe("2033-0002");
  });
});

describe("overdue reminder", () => {
  it("is emailed once, N days after the due date, however many runs overlap", async () => {
    const v = await completedVisitWithDraft(p);
    await issueInvoice(p.admin, { invoiceId: v.invoiceId }, null, { now: new Date("2030-06-01T15:00:00Z") }); // due 2030-06-16
    const db = await getDb();
    const mails = async () =>
      (
        await db
          .select()
          .from(mailOutbox)
          .where(and(eq(mailOutbox.visitId, v.visitId), eq(mailOutbox.kind, "billing.overdue")))
      ).length;
    await sendOverdueReminders({ now: new Date("2030-06-22T15:00:00Z") }); // 6 days late: not yet (7)
    expect(await mails()).toBe(0);
    const runs = await Promise.all([1, 2, 3].map(() => sendOverdueReminders({ now: new Date("2030-06-24T15:00:00Z") })));
    expect(runs.reduce((a, r) => a + r.enqueued, 0)).toBeGreaterThanOrEqual(1);
    expect(await mails()).toBe(1);
    await sendOverdueReminders({ now: new Date("2030-07-30T15:00:00Z") });
    expect(await mails()).toBe(1);
  });
});

describe("PDF", () => {
  it("an invoice PDF holds the number, the lines and the total (text extracted from the PDF), names in any script", async () => {
    const v = await issuedInvoice(p);
    await voidInvoice(p.admin, { invoiceId: v.invoiceId, reason: "x" }, null).catch(() => null);
    const db = await getDb();
    const s = await getSettings();
    const doc = await documentFor(db, p.admin, "invoice", v.invoiceId, s);
    const pdf = await renderDocumentPdf({ ...doc, customer: { ...doc.customer, name: "Zażółć Łódź Müller" } }, s);
    const { text, totalPages } = await extractText(await getDocumentProxy(new Uint8Array(pdf)), { mergePages: true });
    expect(totalPages).toBe(1);
    expect(text).toContain(`Invoice ${v.number}`);
    expect(text).toContain("Call-out fee");
    expect(text).toContain("Dahua NVR TEST-1");
    expect(text).toContain(`Total $${(doc.totalCents / 100).toFixed(2)}`);
    expect(text).toContain("Zażółć Łódź Müller");
  });
});
