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

export default async function AdminDevicePage({ params }: { params: Promise<{ id: string }> }) {
  const actor = await requirePagePermission("devices:manage");
  const { id } = await params;
  const device = await orNotFound(getDevice(actor, id));
  const [backups, photos, s] = await Promise.all([listBackupsForDevice(actor, id), listDevicePhotos(actor, id), getSettings()]);
  return (
    <div className="space-y-4">
      <div>
        <h1 className="text-2xl font-bold">{deviceLabel(device)}</h1>
        <p>
          <Link href={`/admin/customers/${device.customerId}`}>{device.customerName}</Link>
          {device.siteAddress ? ` · ${device.siteAddress}, ${device.siteCity}` : ""}
        </p>
      </div>
      <div className="grid gap-4 md:grid-cols-2">
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
          <BackupUpload
            deviceId={device.id}
            maxBytes={maxBackupBytes()}
            kinds={["config", "guid", "vendor_request", "vendor_result"]}
            defaultFirmware={device.firmware}
          />
        </section>
      </div>
      <section className="card" aria-labelledby="photos">
        <h2 id="photos" className="mb-2 font-semibold">
          Photos
        </h2>
        <PhotoGallery photos={photos} zone={s} empty="No photos yet: technicians take them on the job page." />
      </section>
      <section className="card" aria-labelledby="versions">
        <h2 id="versions" className="mb-2 font-semibold">
          Stored versions
        </h2>
        <BackupList items={backups} admin zone={s} />
      </section>
    </div>
  );
}
