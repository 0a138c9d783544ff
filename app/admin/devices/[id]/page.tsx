import type { Metadata } from "next";
import Link from "next/link";
import { orNotFound, requirePagePermission } from "@/app/_ui/guard";
import { BackupList } from "@/app/_ui/backups/backup-list";
import { BackupUpload } from "@/app/_ui/backups/backup-upload";
import { EmptyState } from "@/app/_ui/empty-state";
import { Pager } from "@/app/_ui/pager";
import { VisitTable } from "@/app/admin/visits/visit-table";
import { DeviceFacts } from "@/app/_ui/backups/device-facts";
import { deviceLabel } from "@/lib/values/labels";
import { listBackupsForDevice } from "@/lib/backups/read";
import { maxBackupBytes } from "@/lib/backups/store";
import { getDevice } from "@/lib/devices/read";
import { getSettings } from "@/lib/settings/company";
import { PhotoGallery } from "@/app/_ui/photos/photo-gallery";
import { listDevicePhotos } from "@/lib/photos/read";
import { listVisitPage } from "@/lib/visits/read";
import type { Actor } from "@/lib/auth/permissions";
import { readPageOrFirst } from "@/lib/platform/pagination";

export const metadata: Metadata = { title: "Device" };

/** The visits this device was on, latest first; a stale page link starts from the first page. */
async function loadVisits(actor: Actor, deviceId: string, cursor: string | undefined) {
  return (await readPageOrFirst(cursor, (c) => listVisitPage(actor, { deviceId }, { limit: 20, cursor: c }, "desc"))).page;
}

export default async function AdminDevicePage({
  params,
  searchParams,
}: {
  params: Promise<{ id: string }>;
  searchParams: Promise<{ cursor?: string | string[] }>;
}) {
  const actor = await requirePagePermission("devices:manage");
  const { id } = await params;
  const { cursor } = await searchParams;
  const device = await orNotFound(getDevice(actor, id));
  const [backups, photos, s, visits] = await Promise.all([
    listBackupsForDevice(actor, id),
    listDevicePhotos(actor, id),
    getSettings(),
    loadVisits(actor, id, typeof cursor === "string" && cursor ? cursor : undefined),
  ]);
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
      <section className="card space-y-3" aria-labelledby="device-visits">
        <h2 id="device-visits" className="font-semibold">
          Visits
        </h2>
        {visits.data.length ? (
          <VisitTable rows={visits.data} zone={s} label="Visits for this device" hide={["customer"]} />
        ) : (
          <EmptyState title="This device has not been on a visit yet." compact />
        )}
        <Pager path={`/admin/devices/${device.id}`} prevCursor={visits.prevCursor} nextCursor={visits.nextCursor} label="Visit pages" />
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
