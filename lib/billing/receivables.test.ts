import { describe, expect, it } from "vitest";
import { makeUser } from "@/test/support/factories";
import { completedVisitWithDraft } from "@/test/support/billing";
import { createCreditNote } from "./credit-notes";
import { issueInvoice } from "./invoices";
import { recordPayment } from "./payments";
import { receivables, receivablesCsv } from "./receivables";
import { revenueReport } from "./revenue";
import { customerBalance } from "./read";

describe("receivables and revenue", () => {
  it("ages what is owed by days past due (company time zone), totals each bucket, filters, and exports CSV safely", async () => {
    const [admin, tech, customer] = await Promise.all([makeUser("admin"), makeUser("technician"), makeUser("customer")]);
    const people = { admin, tech, customer };
    const issueOn = async (day: string) => {
      const v = await completedVisitWithDraft(people);
      const r = await issueInvoice(admin, { invoiceId: v.invoiceId }, null, { now: new Date(`${day}T15:00:00Z`) });
      return { ...v, ...r };
    };
    // Net 15: due 15 days after issue. "Today" is 2031-06-30.
    const current = await issueOn("2031-06-20"); // due 07-05: not yet due
    const late10 = await issueOn("2031-06-05"); // due 06-20: 10 days
    const late45 = await issueOn("2031-05-01"); // due 05-16: 45 days
    const late100 = await issueOn("2031-03-07"); // due 03-22: 100 days
    const paid = await issueOn("2031-06-01");
    await recordPayment(admin, { invoiceId: late10.invoiceId, method: "cash", amount: "5.00" });
    const now = new Date("2031-06-30T15:00:00Z");
    const paidTotal = (await receivables(admin, { status: "all", q: paid.number }, { now })).rows[0]!.totalCents;
    await recordPayment(admin, { invoiceId: paid.invoiceId, method: "check", amount: (paidTotal / 100).toFixed(2) });

    const open = await receivables(admin, { status: "open", q: "" }, { now });
    const mine = open.rows.filter((r) => r.customerId === customer.customerId);
    expect(Object.fromEntries(mine.map((r) => [r.number, r.bucket]))).toEqual({
      [current.number]: "current",
      [late10.number]: "1-30",
      [late45.number]: "31-60",
      [late100.number]: "90+",
    });
    expect(mine.find((r) => r.number === late10.number)).toMatchObject({ daysOverdue: 10, paidCents: 500 });
    expect(open.buckets["61-90"].count).toBe(0);
    expect(open.totalOwedCents).toBe(Object.values(open.buckets).reduce((a, b) => a + b.owedCents, 0));
    expect(open.buckets["1-30"].owedCents).toBe(mine.find((r) => r.number === late10.number)!.balanceCents);

    const overdue = await receivables(admin, { status: "overdue", q: "", bucket: "90+" }, { now });
    expect(overdue.rows.map((r) => r.number)).toEqual([late100.number]);
    const paidRows = await receivables(admin, { status: "paid", q: customer.name }, { now });
    expect(paidRows.rows.map((r) => [r.number, r.balanceCents])).toEqual([[paid.number, 0]]);
    await expect(receivables(tech, { status: "open", q: "" })).rejects.toMatchObject({ status: 403 });

    const csv = await receivablesCsv(admin, { status: "open", q: "=HYPERLINK" });
    expect(csv.split("\r\n")[0]).toBe("invoice,status,customer,visit,issued_on,due_on,currency,total,paid,credited,balance,days_overdue,age_bucket");

    expect(await customerBalance(customer, customer.customerId!)).toMatchObject({ openInvoices: 4 });
    await expect(customerBalance(customer, admin.id)).rejects.toMatchObject({ status: 404 });

    // Revenue: invoiced before tax less credits, each by its month of issue (the credit note is issued today).
    await createCreditNote(admin, {
      invoiceId: current.invoiceId,
      reason: "Goodwill",
      lines: [{ kind: "adjustment", description: "x", quantity: 1, unitPrice: "10.00", taxable: false }],
    });
    const thisMonth = new Intl.DateTimeFormat("en-CA", { timeZone: "America/New_York", year: "numeric", month: "2-digit" }).format(new Date()).slice(0, 7);
    const rev = await revenueReport(admin, { from: thisMonth, to: "2031-06" });
    const june = rev.byMonth.find((m) => m.month === "2031-06")!;
    expect(june.invoices).toBe(3);
    expect(june.creditedCents).toBe(0);
    expect(rev.byMonth.find((m) => m.month === thisMonth)).toMatchObject({ creditedCents: 1000, invoices: 0, netCents: -1000 });
    expect(rev.totalCents).toBe(rev.byMonth.reduce((a, m) => a + m.netCents, 0));
    expect(rev.invoicedVisits).toBe(5);
    expect(rev.averagePerVisitCents).toBe(Math.round(rev.totalCents / 5));
    expect(rev.byTechnician).toEqual([expect.objectContaining({ technicianId: tech.id, visits: 5, netCents: rev.totalCents })]);
    await expect(revenueReport(tech, {})).rejects.toMatchObject({ status: 403 });
  });
});
