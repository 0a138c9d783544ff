import type { Metadata } from "next";
import { Download } from "lucide-react";
import { requirePagePermission } from "@/app/_ui/guard";
import { deviceLabel } from "@/lib/values/labels";
import { BACKUP_KIND_LABELS } from "@/lib/values/labels";
import { listMyBackups } from "@/lib/backups/read";
import { formatBytes } from "@/lib/backups/store";
import { formatDateTime } from "@/lib/format/dates";
import { getSettings } from "@/lib/settings/company";

export const metadata: Metadata = { title: "Configuration backups" };

export default async function PortalBackups() {
  const actor = await requirePagePermission("area:portal");
  const [items, s] = await Promise.all([listMyBackups(actor), getSettings()]);
  const byDevice = new Map<string, typeof items>();
  for (const b of items) byDevice.set(b.deviceId, [...(byDevice.get(b.deviceId) ?? []), b]);
  return (
    <div className="space-y-4">
      <h1 className="text-2xl font-bold">Configuration backups</h1>
      <p className="text-slate-700">
        Copies of your recorders’ settings exported by our technicians, kept encrypted. If a unit is ever reset, this file brings its setup back.
      </p>
      {byDevice.size === 0 ? (
        <div className="card">
          <p className="text-slate-700">No backups yet. Your technician exports one at the end of each visit.</p>
        </div>
      ) : null}
      {[...byDevice.values()].map((list) => {
        const d = list[0]!;
        return (
          <section key={d.deviceId} className="card" aria-label={deviceLabel({ brand: d.deviceBrand, kind: d.deviceKind, model: d.deviceModel })}>
            <h2 className="text-lg font-semibold">{deviceLabel({ brand: d.deviceBrand, kind: d.deviceKind, model: d.deviceModel })}</h2>
            {d.deviceSerial ? <p className="text-sm text-slate-600">Serial {d.deviceSerial}</p> : null}
            <ul className="mt-2 divide-y divide-slate-200">
              {list.map((b) => (
                <li key={b.id} className="flex flex-wrap items-center justify-between gap-2 py-2">
                  <div>
                    <p className="font-medium">
                      Version {b.version}: {b.filename}
                    </p>
                    <p className="text-sm text-slate-600">
                      {BACKUP_KIND_LABELS[b.kind]} · {formatBytes(b.sizeBytes)} · {formatDateTime(b.uploadedAt, s)}
                      {b.firmwareAtExport ? ` · firmware ${b.firmwareAtExport}` : ""}
                    </p>
                  </div>
                  <a className="btn-secondary" href={`/api/backups/${b.id}/download`} download>
                    <Download aria-hidden className="size-4" /> Download version {b.version}
                  </a>
                </li>
              ))}
            </ul>
          </section>
        );
      })}
    </div>
  );
}
