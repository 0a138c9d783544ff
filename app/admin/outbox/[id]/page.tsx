import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { requirePagePermission } from "@/app/_ui/guard";
import { requestIp } from "@/lib/auth/actor";
import { NotFoundError } from "@/lib/platform/errors";
import { formatDateTime } from "@/lib/format/dates";
import { getOutboxMail } from "@/lib/mail/outbox-read";
import { getSettings } from "@/lib/settings/company";
import { MailStatusBadge } from "@/app/_ui/status-badge";

export const metadata: Metadata = { title: "Email" };

export default async function OutboxMailPage({ params }: { params: Promise<{ id: string }> }) {
  const actor = await requirePagePermission("outbox:read");
  const { id } = await params;
  if (!/^[0-9a-f-]{36}$/i.test(id)) notFound();
  const s = await getSettings();
  let m;
  try {
    m = await getOutboxMail(actor, id, await requestIp());
  } catch (err) {
    if (err instanceof NotFoundError) notFound();
    throw err;
  }
  return (
    <div className="space-y-4">
      <p>
        <Link href="/admin/outbox">← Outbox</Link>
      </p>
      <h1 className="text-2xl font-bold">{m.subject}</h1>
      <section className="card">
        <dl className="grid grid-cols-[minmax(0,1fr)] gap-2 text-sm [overflow-wrap:anywhere] sm:grid-cols-[8rem_minmax(0,1fr)]">
          <dt className="font-medium text-slate-600">To</dt>
          <dd>{m.to}</dd>
          <dt className="font-medium text-slate-600">Kind</dt>
          <dd className="font-mono">{m.kind}</dd>
          <dt className="font-medium text-slate-600">Status</dt>
          <dd>
            <MailStatusBadge status={m.status} /> after {m.attempts} attempt{m.attempts === 1 ? "" : "s"}
            {m.sentAt ? `, sent ${formatDateTime(m.sentAt, s, { seconds: true })}` : ""}
          </dd>
          {m.lastError ? (
            <>
              <dt className="font-medium text-slate-600">Last error</dt>
              <dd className="text-red-800">{m.lastError}</dd>
            </>
          ) : null}
          <dt className="font-medium text-slate-600">Created</dt>
          <dd>{formatDateTime(m.createdAt, s, { seconds: true })}</dd>
        </dl>
      </section>
      <section className="card" aria-labelledby="body">
        <h2 id="body" className="mb-2 text-lg font-semibold">
          Message
        </h2>
        <pre className="whitespace-pre-wrap break-words font-sans text-sm" data-testid="mail-body">
          {m.text}
        </pre>
      </section>
      <section className="card" aria-labelledby="attachments">
        <h2 id="attachments" className="mb-2 text-lg font-semibold">
          Attachments
        </h2>
        {m.attachments.length === 0 ? (
          <p>None.</p>
        ) : (
          <ul className="space-y-1">
            {m.attachments.map((a) => (
              <li key={a.index}>
                <a href={`/admin/outbox/${m.id}/attachments/${a.index}`} download={a.filename}>
                  Download {a.filename}
                </a>{" "}
                <span className="text-sm text-slate-600">
                  ({a.contentType.split(";")[0]}, {a.size} bytes)
                </span>
              </li>
            ))}
          </ul>
        )}
      </section>
    </div>
  );
}
