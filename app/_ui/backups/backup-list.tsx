import { Download } from "lucide-react";
import Link from "next/link";
import { formatDateTime, type ZoneAndLocale } from "@/lib/format/dates";
import { BACKUP_KIND_LABELS } from "@/lib/values/labels";
import type { BackupListItem } from "@/lib/backups/read";
import { formatBytes } from "@/lib/backups/store";
import { DeleteBackupButton } from "./delete-backup-button";

/** Versions of a device's backups, newest first, each with its download link. */
export function BackupList({ items, admin = false, zone }: { items: BackupListItem[]; admin?: boolean; zone: ZoneAndLocale }) {
  if (items.length === 0) return <p className="text-slate-700">No backups stored for this device yet.</p>;
  return (
    <ul className="divide-y divide-slate-200" aria-label="Backup versions">
      {items.map((b) => (
        <li key={b.id} className="flex flex-wrap items-start justify-between gap-3 py-3" data-testid={`backup-v${b.version}`} data-record>
          <div className="min-w-0">
            <p className="font-semibold">
              v{b.version} · {b.filename} {b.deletedAt ? <span className="badge bg-red-100 text-red-800">Deleted</span> : null}
            </p>
            <p className="text-sm text-slate-600">
              {BACKUP_KIND_LABELS[b.kind]} · {formatBytes(b.sizeBytes)} · {formatDateTime(b.uploadedAt, zone)} by {b.uploadedByName}
              {b.firmwareAtExport ? ` · firmware ${b.firmwareAtExport}` : ""}
            </p>
            {b.note ? <p className="text-sm text-slate-700">Note: {b.note}</p> : null}
            <p className="break-all font-mono text-xs text-slate-500" title="SHA-256 of the file">
              sha256 {b.sha256}
            </p>
          </div>
          <div className="flex flex-wrap gap-2">
            {!b.deletedAt ? (
              <a href={`/api/backups/${b.id}/download`} className="btn-secondary" download>
                <Download aria-hidden className="size-4" /> Download v{b.version}
              </a>
            ) : null}
            {admin ? (
              <>
                <Link href={`/admin/backups/${b.id}`} className="btn-secondary">
                  Audit trail v{b.version}
                </Link>
                {!b.deletedAt ? <DeleteBackupButton id={b.id} version={b.version} /> : null}
              </>
            ) : null}
          </div>
        </li>
      ))}
    </ul>
  );
}
