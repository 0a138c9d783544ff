import Link from "next/link";
import { formatDateTime, type ZoneAndLocale } from "@/lib/format/dates";
import { ScrollRegion } from "@/app/_ui/scroll-region";

const LABELS: Record<string, string> = {
  "backup.upload": "Uploaded",
  "backup.download": "Downloaded",
  "backup.delete": "Deleted",
  "backup.integrity_failed": "Refused: integrity check failed",
  "backup.reencrypt": "Re-encrypted under a new key",
};

type Event = {
  id: number;
  action: string;
  entityId: string | null;
  at: Date;
  ip: string | null;
  actorName: string | null;
  actorRole: string | null;
  details: Record<string, unknown>;
};

/**
 * Who did what to which backup, when, from where. `linkBackups`: each version
 * opens that backup's own trail (on a customer's page); on that trail itself
 * an event is shown in full.
 */
export function AuditTrail({ events, zone, linkBackups = false }: { events: Event[]; zone: ZoneAndLocale; linkBackups?: boolean }) {
  if (events.length === 0) return <p className="text-slate-700">Nothing recorded yet: uploads, downloads and deletions of backups appear here.</p>;
  return (
    <ScrollRegion label="Audit trail">
      <table className="w-full text-left text-sm">
        <thead className="border-b border-slate-200 text-slate-600">
          <tr>
            <th scope="col" className="py-2 pr-3">
              When
            </th>
            <th scope="col" className="py-2 pr-3">
              What
            </th>
            <th scope="col" className="py-2 pr-3">
              Who
            </th>
            <th scope="col" className="py-2 pr-3">
              From
            </th>
            <th scope="col" className="py-2 pr-3">
              Version
            </th>
          </tr>
        </thead>
        <tbody>
          {events.map((e) => (
            <tr
              key={e.id}
              className="border-b border-slate-100"
              data-testid="audit-row"
              data-no-open={linkBackups && e.entityId ? undefined : "An audit event is shown in full on its row."}
            >
              <td className="py-2 pr-3 whitespace-nowrap">{formatDateTime(e.at, zone, { seconds: true })}</td>
              <td className={`py-2 pr-3 ${e.action === "backup.integrity_failed" ? "font-semibold text-red-700" : ""}`}>{LABELS[e.action] ?? e.action}</td>
              <td className="py-2 pr-3">{e.actorName ? `${e.actorName} (${e.actorRole})` : "system"}</td>
              <td className="py-2 pr-3">{e.ip ?? "—"}</td>
              <td className="py-2 pr-3">
                {linkBackups && e.entityId ? (
                  <Link href={`/admin/backups/${e.entityId}`}>
                    {typeof e.details.version === "number" ? `v${e.details.version}` : "the backup"}
                    <span className="sr-only">: its audit trail</span>
                  </Link>
                ) : typeof e.details.version === "number" ? (
                  `v${e.details.version}`
                ) : (
                  "—"
                )}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </ScrollRegion>
  );
}
