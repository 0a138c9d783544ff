import type { Metadata } from "next";
import Link from "next/link";
import { EmptyState } from "@/app/_ui/empty-state";
import { requirePagePermission } from "@/app/_ui/guard";
import { requestIp } from "@/lib/auth/actor";
import { Pager, StalePageNote } from "@/app/_ui/pager";
import { ScrollRegion } from "@/app/_ui/scroll-region";
import { ViewTabs, type ViewTab } from "@/app/_ui/view-tabs";
import { MailStatusBadge } from "@/app/_ui/status-badge";
import type { Actor } from "@/lib/auth/permissions";
import { formatDateTime } from "@/lib/format/dates";
import { countOutbox, listOutbox, outboxFilterFromParams, type OutboxFilter } from "@/lib/mail/outbox-read";
import { getSettings } from "@/lib/settings/company";
import { MAIL_STATUSES, type MailStatus } from "@/lib/values";
import { MAIL_STATUS_LABELS } from "@/lib/values/labels";
import { readPageOrFirst } from "@/lib/platform/pagination";

export const metadata: Metadata = { title: "Outbox" };

const PAGE_SIZE = 50;

/** This page; a cursor that no longer reads starts again from the first page. */
function load(actor: Actor, filter: OutboxFilter, cursor: string | undefined, ip: string | null) {
  return readPageOrFirst(cursor, (c) => listOutbox(actor, filter, { limit: PAGE_SIZE, cursor: c }, ip));
}

const EMPTY: Record<MailStatus | "all", string> = {
  all: "No mail yet. Bookings, moves, reminders and password links write their emails here.",
  pending: "Nothing is waiting to be sent.",
  sending: "Nothing is being sent right now.",
  sent: "Nothing has been sent yet. Without SMTP settings, mail stays here as pending.",
  failed: "No email failed to send.",
};

export default async function OutboxPage({ searchParams }: { searchParams: Promise<{ status?: string | string[]; cursor?: string | string[] }> }) {
  const actor = await requirePagePermission("outbox:read");
  const sp = await searchParams;
  const filter: OutboxFilter = outboxFilterFromParams(sp);
  const { status } = filter;
  const badStatus = typeof sp.status === "string" && sp.status !== "" && !status;
  const cursor = typeof sp.cursor === "string" && sp.cursor ? sp.cursor : undefined;
  const [{ page, stale }, counts, s] = await Promise.all([
    load(actor, filter, cursor, await requestIp()),
    Promise.all(MAIL_STATUSES.map(async (st) => [st, await countOutbox(actor, { status: st })] as const)),
    getSettings(),
  ]);
  const total = counts.reduce((n, [, c]) => n + c, 0);
  const mails = page.data;
  const tabs: ViewTab[] = [{ key: "all", label: "All", count: total, href: "/admin/outbox" }]
    .concat(counts.map(([st, n]) => ({ key: st, label: MAIL_STATUS_LABELS[st], count: n, href: `/admin/outbox?status=${st}` })))
    .map((t) => ({ ...t, testId: `outbox-tab-${t.key}` }));
  return (
    <div className="space-y-4">
      <h1 className="text-2xl font-bold">Outbox</h1>
      <p className="text-slate-700">
        Every email the app writes, newest first. Without SMTP configured, mail stays here. Password-reset and invitation links are hidden: they go only to the
        recipient, and every look at the outbox is recorded.
      </p>
      <ViewTabs label="Mail by status" tabs={tabs} current={status ?? "all"} />
      {badStatus ? (
        <p role="alert" className="text-red-800">
          There is no status “{String(sp.status)}”; showing all mail.
        </p>
      ) : null}
      {stale ? <StalePageNote /> : null}
      {mails.length === 0 ? (
        <EmptyState title={status ? `No ${MAIL_STATUS_LABELS[status].toLowerCase()} mail.` : "No mail yet."}>{EMPTY[status ?? "all"]}</EmptyState>
      ) : (
        <div className="card p-0 sm:p-0">
          <ScrollRegion label="Emails">
            <table className="w-full text-left text-sm">
              <thead className="border-b border-slate-200 text-slate-600">
                <tr>
                  <th scope="col" className="px-3 py-2">
                    Subject
                  </th>
                  <th scope="col" className="px-3 py-2">
                    To
                  </th>
                  <th scope="col" className="px-3 py-2">
                    Kind
                  </th>
                  <th scope="col" className="px-3 py-2">
                    Status
                  </th>
                  <th scope="col" className="px-3 py-2">
                    Attempts
                  </th>
                  <th scope="col" className="px-3 py-2">
                    Last error
                  </th>
                  <th scope="col" className="px-3 py-2">
                    Created
                  </th>
                </tr>
              </thead>
              <tbody>
                {mails.map((m) => (
                  <tr key={m.id} className="border-b border-slate-100 align-top" data-testid="outbox-row">
                    <td className="px-3 py-2">
                      <Link href={`/admin/outbox/${m.id}`}>{m.subject}</Link>
                      {m.attachmentCount > 0 ? (
                        <span className="ml-1 text-slate-600">
                          ({m.attachmentCount} attachment{m.attachmentCount === 1 ? "" : "s"})
                        </span>
                      ) : null}
                    </td>
                    <td className="px-3 py-2">{m.to}</td>
                    <td className="px-3 py-2 font-mono text-xs">{m.kind}</td>
                    <td className="px-3 py-2">
                      <MailStatusBadge status={m.status} />
                    </td>
                    <td className="px-3 py-2">{m.attempts}</td>
                    <td className="max-w-48 truncate px-3 py-2" title={m.lastError ?? undefined}>
                      {m.lastError ?? ""}
                    </td>
                    <td className="whitespace-nowrap px-3 py-2">{formatDateTime(m.createdAt, s)}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </ScrollRegion>
        </div>
      )}
      <Pager path="/admin/outbox" params={{ status }} prevCursor={page.prevCursor} nextCursor={page.nextCursor} label="Outbox pages" />
    </div>
  );
}
