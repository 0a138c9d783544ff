import Link from "next/link";
import { ScrollRegion } from "@/app/_ui/scroll-region";
import { DeliveryStatusBadge } from "@/app/_ui/status-badge";
import { formatDateTime, type ZoneAndLocale } from "@/lib/format/dates";
import type { DeliveryRow } from "@/lib/webhooks/endpoints";

/** What a delivery is about, from its payload: the visit (or device) it names, for the office's link. */
function subjectOf(payload: Record<string, unknown>): { href: string; label: string } | null {
  const data = (payload.data ?? {}) as Record<string, unknown>;
  const visit = (data.visit ?? {}) as Record<string, unknown>;
  const uuid = (v: unknown) => (typeof v === "string" && /^[0-9a-f-]{36}$/i.test(v) ? v : null);
  const id = (k: string) => (k === "visitId" ? (uuid(visit.id) ?? uuid(data.visitId)) : uuid(data[k]));
  const ref = typeof visit.reference === "string" ? visit.reference : typeof data.reference === "string" ? data.reference : null;
  if (id("visitId")) return { href: `/admin/visits/${id("visitId")}`, label: ref ? `Visit ${ref}` : "The visit" };
  if (id("deviceId")) return { href: `/admin/devices/${id("deviceId")}`, label: "The device" };
  return null;
}

/** Deliveries with the receiver's last answer; each opens what it was about and shows the JSON that was sent. */
export function DeliveriesTable({ rows, zone }: { rows: DeliveryRow[]; zone: ZoneAndLocale }) {
  return (
    <ScrollRegion label="Webhook deliveries">
      <table className="w-full text-left text-sm">
        <thead className="border-b border-slate-200 text-slate-600">
          <tr>
            <th scope="col" className="py-2 pr-3">
              Event
            </th>
            <th scope="col" className="py-2 pr-3">
              Status
            </th>
            <th scope="col" className="py-2 pr-3">
              Tries
            </th>
            <th scope="col" className="py-2 pr-3">
              Last answer
            </th>
            <th scope="col" className="py-2 pr-3">
              When
            </th>
          </tr>
        </thead>
        <tbody>
          {rows.map((d) => {
            const subject = subjectOf(d.payload);
            return (
              <tr key={d.id} className="border-b border-slate-100 align-top" data-testid="delivery-row">
                <td className="py-2 pr-3">
                  <code>{d.event}</code>
                  <div className="max-w-56 truncate text-xs text-slate-600" title={d.url}>
                    {d.url}
                  </div>
                  {subject ? (
                    <Link href={subject.href} className="text-xs">
                      {subject.label}
                    </Link>
                  ) : null}
                  <details className="text-xs">
                    <summary className="cursor-pointer py-1 text-brand-700">
                      What was sent<span className="sr-only"> ({d.event})</span>
                    </summary>
                    <pre className="max-w-md overflow-x-auto rounded bg-slate-100 p-2 whitespace-pre-wrap break-all">{JSON.stringify(d.payload, null, 2)}</pre>
                  </details>
                </td>
                <td className="py-2 pr-3">
                  <DeliveryStatusBadge status={d.status} />
                </td>
                <td className="py-2 pr-3">{d.attempts}</td>
                <td className="py-2 pr-3">
                  {d.lastStatusCode ? <strong>{d.lastStatusCode}</strong> : null} {d.lastError ?? ""}
                </td>
                <td className="py-2 pr-3 whitespace-nowrap">
                  {formatDateTime(d.createdAt, zone)}
                  {d.status === "pending" && d.attempts > 0 ? (
                    <div className="text-xs text-slate-600">retry {formatDateTime(d.nextAttemptAt, zone)}</div>
                  ) : null}
                </td>
              </tr>
            );
          })}
        </tbody>
      </table>
    </ScrollRegion>
  );
}
