import type { Metadata } from "next";
import Link from "next/link";
import { orNotFound, requirePagePermission } from "@/app/_ui/guard";
import { AuditTrail } from "@/app/_ui/backups/audit-trail";
import { deviceLabel } from "@/lib/values/labels";
import { backupAuditTrail } from "@/lib/backups/read";
import { getCustomerDetail } from "@/lib/customers/read";
import { getSettings } from "@/lib/settings/company";
import { formatMoney } from "@/lib/billing/money";
import { customerBalance, listInvoices } from "@/lib/billing/read";
import { INVOICE_STATUS_LABELS } from "@/lib/values/labels";

export const metadata: Metadata = { title: "Customer" };

export default async function CustomerPage({ params }: { params: Promise<{ id: string }> }) {
  const actor = await requirePagePermission("customers:manage");
  const { id } = await params;
  const detail = await orNotFound(getCustomerDetail(actor, id));
  const [trail, s, balance, invoices] = await Promise.all([
    backupAuditTrail(actor, { customerId: id }),
    getSettings(),
    customerBalance(actor, id),
    listInvoices(actor, { customerId: id }, { limit: 20 }),
  ]);
  const { customer } = detail;
  return (
    <div className="space-y-4">
      <div>
        <h1 className="text-2xl font-bold">{customer.name}</h1>
        <p className="text-slate-700">
          {[customer.email, customer.phone].filter(Boolean).join(" · ")}
          {detail.logins.length === 0 ? " · no login" : ""}
        </p>
      </div>
      <section className="card" aria-labelledby="balance">
        <h2 id="balance" className="mb-1 font-semibold">
          Balance
        </h2>
        <p data-testid="customer-balance">
          <strong>{formatMoney(balance.owedCents, balance.currency, s.locale)}</strong> owed on {balance.openInvoices} open invoice
          {balance.openInvoices === 1 ? "" : "s"}
          {balance.overdueCents ? `, ${formatMoney(balance.overdueCents, balance.currency, s.locale)} overdue` : ""}.
        </p>
        {invoices.data.length ? (
          <ul className="mt-2 space-y-1 text-sm">
            {invoices.data.map((i) => (
              <li key={i.id}>
                <Link href={`/admin/invoices/${i.id}`}>{i.number ?? `Draft (${i.visitReference})`}</Link> · {formatMoney(i.totalCents, i.currency, s.locale)} ·{" "}
                {INVOICE_STATUS_LABELS[i.status]}
                {i.overdue ? " · overdue" : ""}
              </li>
            ))}
          </ul>
        ) : null}
      </section>
      <div className="grid gap-4 md:grid-cols-2">
        <section className="card" aria-labelledby="sites">
          <h2 id="sites" className="mb-2 font-semibold">
            Sites
          </h2>
          <ul className="space-y-1 text-sm">
            {detail.sites.map((site) => (
              <li key={site.id}>
                {site.label ? <strong>{site.label}: </strong> : null}
                {site.addressLine1}, {site.city}, {site.region} {site.postalCode}
              </li>
            ))}
          </ul>
          {detail.sites.length === 0 ? <p className="text-sm text-slate-700">No sites yet.</p> : null}
        </section>
        <section className="card" aria-labelledby="devices">
          <h2 id="devices" className="mb-2 font-semibold">
            Devices
          </h2>
          <ul className="space-y-1 text-sm">
            {detail.devices.map((d) => (
              <li key={d.id}>
                <Link href={`/admin/devices/${d.id}`} className="underline">
                  {deviceLabel(d)}
                </Link>
                {d.serial ? ` · ${d.serial}` : ""} · {d.backups} backup{d.backups === 1 ? "" : "s"}
              </li>
            ))}
          </ul>
          {detail.devices.length === 0 ? <p className="text-sm text-slate-700">No devices yet.</p> : null}
        </section>
      </div>
      <section className="card" aria-labelledby="trail">
        <h2 id="trail" className="mb-2 font-semibold">
          Backup audit trail
        </h2>
        <AuditTrail events={trail} zone={s} />
      </section>
    </div>
  );
}
