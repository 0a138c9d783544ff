import type { Metadata } from "next";
import Link from "next/link";
import { orNotFound, requirePagePermission } from "@/app/_ui/guard";
import { BackupList } from "@/app/_ui/backups/backup-list";
import { BackupUpload } from "@/app/_ui/backups/backup-upload";
import { DeviceFacts } from "@/app/_ui/backups/device-facts";
import { deviceLabel } from "@/lib/values/labels";
import { listBackupsForDevice } from "@/lib/backups/read";
import { maxBackupBytes } from "@/lib/backups/store";
import { getDevice } from "@/lib/devices/read";
import { getSettings } from "@/lib/settings/company";
import { PhotoGallery } from "@/app/_ui/photos/photo-gallery";
import { listDevicePhotos } from "@/lib/photos/read";

export const metadata: Metadata = { title: "Device" };

export default async function TechDevicePage({ params, searchParams }: { params: Promise<{ id: string }>; searchParams: Promise<{ visit?: string }> }) {
  const actor = await requirePagePermission("area:tech");
  const { id } = await params;
  const { visit } = await searchParams;
  const device = await orNotFound(getDevice(actor, id));
  const [backups, photos, s] = await Promise.all([listBackupsForDevice(actor, id), listDevicePhotos(actor, id), getSettings()]);
  const visitId = typeof visit === "string" && /^[0-9a-f-]{36}$/i.test(visit) ? visit : undefined;
  return (
    <div className="space-y-4">
      <Link href={visitId ? `/tech/visits/${visitId}` : "/tech"} className="inline-flex min-h-11 items-center">
        {visitId ? "← Back to the job" : "← My day"}
      </Link>
      <div>
        <h1 className="text-xl font-bold">{deviceLabel(device)}</h1>
        <p className="text-slate-600">{device.customerName}</p>
      </div>
      <section className="card" aria-labelledby="facts">
        <h2 id="facts" className="mb-2 font-semibold">
          Device facts
        </h2>
        <DeviceFacts device={device} />
      </section>
      <section className="card" aria-labelledby="upload">
        <h2 id="upload" className="mb-2 font-semibold">
          Upload a backup
        </h2>
        <BackupUpload deviceId={device.id} visitId={visitId} maxBytes={maxBackupBytes()} defaultFirmware={device.firmware} />
      </section>
      <section className="card" aria-labelledby="photos">
        <h2 id="photos" className="mb-2 font-semibold">
          Photos across visits
        </h2>
        <PhotoGallery photos={photos} zone={s} empty="No photos yet: take them on the job page." />
      </section>
      <section className="card" aria-labelledby="versions">
        <h2 id="versions" className="mb-2 font-semibold">
          Stored versions
        </h2>
        <BackupList items={backups} zone={s} />
      </section>
    </div>
  );
}
