import type { Metadata } from "next";
import Link from "next/link";
import { orNotFound, requirePagePermission } from "@/app/_ui/guard";
import { AuditTrail } from "@/app/_ui/backups/audit-trail";
import { EmptyState } from "@/app/_ui/empty-state";
import { Pager } from "@/app/_ui/pager";
import { VisitTable } from "@/app/admin/visits/visit-table";
import { deviceLabel } from "@/lib/values/labels";
import { backupAuditTrail } from "@/lib/backups/read";
import { getCustomerDetail } from "@/lib/customers/read";
import { getSettings } from "@/lib/settings/company";
import { countVisits, listVisitPage } from "@/lib/visits/read";
import type { Actor } from "@/lib/auth/permissions";
import { formatMoney } from "@/lib/billing/money";
import { customerBalance, listInvoices } from "@/lib/billing/read";
import { INVOICE_STATUS_LABELS } from "@/lib/values/labels";
import { readPageOrFirst } from "@/lib/platform/pagination";

export const metadata: Metadata = { title: "Customer" };

const VISITS_PER_PAGE = 20;

/** The customer's visits, latest first; a stale page link starts from the first page. */
async function loadVisits(actor: Actor, customerId: string, cursor: string | undefined) {
  return (await readPageOrFirst(cursor, (c) => listVisitPage(actor, { customerId }, { limit: VISITS_PER_PAGE, cursor: c }, "desc"))).page;
}

export default async function CustomerPage({
  params,
  searchParams,
}: {
  params: Promise<{ id: string }>;
  searchParams: Promise<{ cursor?: string | string[] }>;
}) {
  const actor = await requirePagePermission("customers:manage");
  const { id } = await params;
  const { cursor } = await searchParams;
  const detail = await orNotFound(getCustomerDetail(actor, id));
  const [trail, s, visits, visitCount, balance, invoices] = await Promise.all([
    backupAuditTrail(actor, { customerId: id }),
    getSettings(),
    loadVisits(actor, id, typeof cursor === "string" && cursor ? cursor : undefined),
    countVisits(actor, { customerId: id }),
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
          {detail.sites.length === 0 ? (
            <EmptyState title="No sites yet." compact>
              An address is added when a visit is booked for this customer.
            </EmptyState>
          ) : null}
        </section>
        <section className="card" aria-labelledby="devices">
          <h2 id="devices" className="mb-2 font-semibold" data-testid="customer-device-count">
            Devices ({detail.devices.length})
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
          {detail.devices.length === 0 ? (
            <EmptyState title="No devices yet." compact>
              Devices are added when a visit is booked, or by the customer in their portal.
            </EmptyState>
          ) : null}
        </section>
      </div>
      <section className="card space-y-3" aria-labelledby="visits">
        <h2 id="visits" className="font-semibold" data-testid="customer-visit-count">
          Visits ({visitCount})
        </h2>
        {visits.data.length ? (
          <VisitTable rows={visits.data} zone={s} label={`Visits of ${customer.name}`} hide={["customer"]} />
        ) : (
          <EmptyState title="No visits yet." compact action={<Link href="/admin/book">Book a visit for {customer.name}</Link>} />
        )}
        <Pager path={`/admin/customers/${customer.id}`} prevCursor={visits.prevCursor} nextCursor={visits.nextCursor} label="Visit pages" />
      </section>
      <section className="card" aria-labelledby="trail">
        <h2 id="trail" className="mb-2 font-semibold">
          Backup audit trail
        </h2>
        <AuditTrail events={trail} zone={s} linkBackups />
      </section>
    </div>
  );
}
