import type { Metadata } from "next";
import Link from "next/link";
import { requirePagePermission } from "@/app/_ui/guard";
import { deviceLabel } from "@/lib/values/labels";
import { listMyDevices, listMySites } from "@/lib/customers/places";
import { DeviceForm } from "./device-form";
import { PhotoGallery } from "@/app/_ui/photos/photo-gallery";
import { listMyPhotos } from "@/lib/photos/read";
import { getSettings } from "@/lib/settings/company";

export const metadata: Metadata = { title: "My devices" };

export default async function DevicesPage() {
  const actor = await requirePagePermission("area:portal");
  const [devices, sites, photos, s] = await Promise.all([listMyDevices(actor), listMySites(actor), listMyPhotos(actor), getSettings()]);
  const siteOptions = sites.map((s) => ({ id: s.id, label: s.label ? `${s.label}: ${s.addressLine1}` : `${s.addressLine1}, ${s.city}` }));
  return (
    <div className="space-y-4">
      <h1 className="text-2xl font-bold">My devices</h1>
      <p className="text-slate-700">
        What you tell us here helps the technician pick the right recovery method first. Addresses are on <Link href="/portal/sites">My addresses</Link>.
      </p>
      {devices.length === 0 ? (
        <p className="card">
          No devices yet. They are added when you <Link href="/book">book a visit</Link>.
        </p>
      ) : (
        <ul className="space-y-3">
          {devices.map((d) => (
            <li key={d.id} className="card" data-testid="device-card">
              <details>
                <summary className="cursor-pointer font-semibold">
                  {deviceLabel(d)} <span className="text-sm font-normal text-brand-700 underline">Edit</span>
                </summary>
                <DeviceForm device={d} sites={siteOptions} />
              </details>
              {photos.some((p) => p.deviceId === d.id) ? (
                <div className="mt-3 border-t border-slate-200 pt-3">
                  <h2 className="mb-2 text-base font-semibold">Photos our technicians took</h2>
                  <PhotoGallery photos={photos.filter((p) => p.deviceId === d.id)} zone={s} />
                </div>
              ) : null}
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}
