import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { orNotFound, requirePagePermission } from "@/app/_ui/guard";
import { InvoiceStatusBadge } from "@/app/_ui/billing/badges";
import { toEditorLines } from "@/app/_ui/billing/editor-lines";
import { LinesTable } from "@/app/_ui/billing/lines-table";
import { centsToDecimal, formatMoney, percentToRate } from "@/lib/billing/money";
import { getInvoice } from "@/lib/billing/read";
import { termsLabel } from "@/lib/billing/documents";
import { formatDate, formatDateTime } from "@/lib/format/dates";
import { getSettings } from "@/lib/settings/company";
import { PAYMENT_METHOD_LABELS } from "@/lib/values/labels";
import { CreditNoteForm, DraftEditor, IssueButton, PaymentForm, VoidForm } from "./invoice-forms";

export const metadata: Metadata = { title: "Invoice" };
const UUID = /^[0-9a-f-]{36}$/i;

export default async function InvoicePage({ params }: { params: Promise<{ id: string }> }) {
  const actor = await requirePagePermission("billing:manage");
  const { id } = await params;
  if (!UUID.test(id)) notFound();
  const inv = await orNotFound(getInvoice(actor, id));
  const s = await getSettings();
  const m = (c: number) => formatMoney(c, inv.currency, s.locale);
  const money = { currency: inv.currency, locale: s.locale, taxRate: percentToRate(s.taxRatePercent) ?? 0 };
  const today = new Intl.DateTimeFormat("en-CA", { timeZone: s.timeZone }).format(new Date());
  const title = inv.number ? `Invoice ${inv.number}` : `Draft invoice for ${inv.visitReference}`;
  return (
    <div className="mx-auto max-w-4xl space-y-4">
      <p>
        <Link href="/admin/invoices">← Invoices</Link>
      </p>
      <div className="flex flex-wrap items-center justify-between gap-2">
        <h1 className="text-2xl font-bold">{title}</h1>
        <InvoiceStatusBadge status={inv.status} overdue={inv.overdue} />
      </div>
      <section className="card" aria-label="Invoice details">
        <dl className="grid gap-2 sm:grid-cols-[10rem_1fr]">
          <dt className="font-medium text-slate-600">Customer</dt>
          <dd>
            <Link href={`/admin/customers/${inv.customerId}`}>{inv.customerName}</Link>
          </dd>
          <dt className="font-medium text-slate-600">Visit</dt>
          <dd>
            <Link href={`/admin/visits/${inv.visitId}`}>{inv.visitReference}</Link>
          </dd>
          <dt className="font-medium text-slate-600">Terms</dt>
          <dd>{termsLabel(inv.termsDays)}</dd>
          {inv.issuedAt ? (
            <>
              <dt className="font-medium text-slate-600">Issued</dt>
              <dd>
                {formatDateTime(inv.issuedAt, s)}, due {inv.dueOn ? formatDate(inv.dueOn, s) : ""}
              </dd>
            </>
          ) : null}
          <dt className="font-medium text-slate-600">Paid</dt>
          <dd>
            {m(inv.paidCents)}
            {inv.creditedCents ? ` · credited ${m(inv.creditedCents)}` : ""} · <strong data-testid="invoice-balance">balance {m(inv.balanceCents)}</strong>
          </dd>
          {inv.voidReason ? (
            <>
              <dt className="font-medium text-slate-600">Void</dt>
              <dd>{inv.voidReason}</dd>
            </>
          ) : null}
        </dl>
        <p className="mt-3">
          <a href={`/api/billing/invoices/${inv.id}/pdf`} download>
            Download PDF
          </a>
        </p>
      </section>

      <section className="card space-y-3" aria-labelledby="lines-h">
        <h2 id="lines-h" className="text-lg font-semibold">
          Lines
        </h2>
        {inv.status === "draft" ? (
          <>
            <DraftEditor invoiceId={inv.id} lines={toEditorLines(inv.lines)} notes={inv.notes ?? ""} money={money} />
            <div className="border-t border-slate-200 pt-3">
              <IssueButton invoiceId={inv.id} />
            </div>
          </>
        ) : (
          <LinesTable caption={title} {...inv} locale={s.locale} taxName={s.taxName} />
        )}
      </section>

      <section className="card space-y-3" aria-labelledby="payments-h">
        <h2 id="payments-h" className="text-lg font-semibold">
          Payments
        </h2>
        {inv.payments.length ? (
          <ul className="divide-y divide-slate-100 text-sm" data-testid="payments">
            {inv.payments.map((p) => (
              <li key={p.id} className="py-2">
                {formatDate(p.receivedOn, s)} · {PAYMENT_METHOD_LABELS[p.method]} · <strong>{m(p.amountCents)}</strong>
                {p.reference ? ` · ${p.reference}` : ""} · recorded by {p.recordedByName ?? "—"}
              </li>
            ))}
          </ul>
        ) : (
          <p className="text-sm text-slate-700">No payments yet.</p>
        )}
        {inv.status !== "void" && inv.balanceCents > 0 ? <PaymentForm invoiceId={inv.id} balance={centsToDecimal(inv.balanceCents)} today={today} /> : null}
      </section>

      {inv.status !== "draft" && inv.status !== "void" ? (
        <section className="card space-y-3" aria-labelledby="credit-h">
          <h2 id="credit-h" className="text-lg font-semibold">
            Credit notes
          </h2>
          {inv.creditNotes.length ? (
            <ul className="text-sm">
              {inv.creditNotes.map((c) => (
                <li key={c.id}>
                  <a href={`/api/billing/credit-notes/${c.id}/pdf`} download>
                    {c.number}
                  </a>{" "}
                  · {m(c.totalCents)} · {c.reason}
                </li>
              ))}
            </ul>
          ) : null}
          {inv.balanceCents > 0 ? (
            <details>
              <summary className="min-h-11 cursor-pointer content-center font-medium">Correct with a credit note</summary>
              <CreditNoteForm invoiceId={inv.id} money={money} />
            </details>
          ) : null}
        </section>
      ) : null}

      {inv.status !== "void" && inv.paidCents === 0 ? (
        <section className="card" aria-labelledby="void-h">
          <h2 id="void-h" className="mb-2 text-lg font-semibold">
            Void
          </h2>
          <p className="mb-2 text-sm text-slate-700">Only for an invoice made in error and never paid; the visit can then be invoiced again.</p>
          <VoidForm invoiceId={inv.id} />
        </section>
      ) : null}
    </div>
  );
}
