import type { Metadata } from "next";
import Link from "next/link";
import { requirePagePermission } from "@/app/_ui/guard";
import { requestIp } from "@/lib/auth/actor";
import { formatDateTime } from "@/lib/format/dates";
import { listOutbox } from "@/lib/mail/outbox-read";
import { getSettings } from "@/lib/settings/company";
import { MailStatusBadge } from "@/app/_ui/status-badge";

export const metadata: Metadata = { title: "Outbox" };

export default async function OutboxPage() {
  const actor = await requirePagePermission("outbox:read");
  const [mails, s] = await Promise.all([listOutbox(actor, await requestIp()), getSettings()]);
  return (
    <div className="space-y-4">
      <h1 className="text-2xl font-bold">Outbox</h1>
      <p className="text-slate-700">
        Every email the app writes, newest first. Without SMTP configured, mail stays here. Password-reset and invitation links are hidden: they go only to the
        recipient, and every look at the outbox is recorded.
      </p>
      <div className="card overflow-x-auto p-0 sm:p-0">
        {mails.length === 0 ? (
          <p className="p-4">No mail yet.</p>
        ) : (
          <table className="w-full text-left text-sm">
            <thead className="border-b border-slate-200 text-slate-600">
              <tr>
                <th scope="col" className="px-3 py-2">
                  To
                </th>
                <th scope="col" className="px-3 py-2">
                  Subject
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
                  <td className="px-3 py-2">{m.to}</td>
                  <td className="px-3 py-2">
                    <Link href={`/admin/outbox/${m.id}`}>{m.subject}</Link>
                    {m.attachmentCount > 0 ? (
                      <span className="ml-1 text-slate-500">
                        ({m.attachmentCount} attachment{m.attachmentCount === 1 ? "" : "s"})
                      </span>
                    ) : null}
                  </td>
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
        )}
      </div>
    </div>
  );
}
