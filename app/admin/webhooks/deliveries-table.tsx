import { formatDateTime, type ZoneAndLocale } from "@/lib/format/dates";
import { ScrollRegion } from "@/app/_ui/scroll-region";
import { DeliveryStatusBadge } from "@/app/_ui/status-badge";
import type { listWebhookDeliveries } from "@/lib/webhooks/endpoints";

type Delivery = Awaited<ReturnType<typeof listWebhookDeliveries>>[number];

/** The latest deliveries with the receiver's last answer. */
export function DeliveriesTable({ rows, zone }: { rows: Delivery[]; zone: ZoneAndLocale }) {
  if (rows.length === 0) return <p className="text-slate-600">No deliveries yet.</p>;
  return (
    <ScrollRegion label="Latest deliveries">
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
          {rows.map((d) => (
            <tr key={d.id} className="border-b border-slate-100 align-top">
              <td className="py-2 pr-3">
                <code>{d.event}</code>
                <div className="max-w-56 truncate text-xs text-slate-600" title={d.url}>
                  {d.url}
                </div>
              </td>
              <td className="py-2 pr-3">
                <DeliveryStatusBadge status={d.status} />
              </td>
              <td className="py-2 pr-3">{d.attempts}</td>
              <td className="py-2 pr-3">
                {d.lastStatusCode ? <strong>{d.lastStatusCode}</strong> : null} {d.lastError ?? ""}
                {d.lastResponse ? (
                  <div className="max-w-64 truncate font-mono text-xs text-slate-600" title={d.lastResponse}>
                    {d.lastResponse}
                  </div>
                ) : null}
              </td>
              <td className="py-2 pr-3 whitespace-nowrap">
                {formatDateTime(d.createdAt, zone)}
                {d.status === "pending" && d.attempts > 0 ? <div className="text-xs text-slate-600">retry {formatDateTime(d.nextAttemptAt, zone)}</div> : null}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </ScrollRegion>
  );
}
