import type { Metadata } from "next";
import Link from "next/link";
import { EmptyState } from "@/app/_ui/empty-state";
import { requirePagePermission } from "@/app/_ui/guard";
import { Pager, StalePageNote } from "@/app/_ui/pager";
import { ScrollRegion } from "@/app/_ui/scroll-region";
import type { Actor } from "@/lib/auth/permissions";
import { countDevices, deviceListFilterFromParams, listDevicePage, type DeviceListFilter } from "@/lib/devices/read";
import { formatDate } from "@/lib/format/dates";
import { getSettings } from "@/lib/settings/company";
import { deviceLabel } from "@/lib/values/labels";
import { readPageOrFirst } from "@/lib/platform/pagination";

export const metadata: Metadata = { title: "Devices" };

const PAGE_SIZE = 50;

/** This page; a cursor that no longer reads starts again from the first page. */
function load(actor: Actor, filter: DeviceListFilter, cursor: string | undefined) {
  return readPageOrFirst(cursor, (c) => listDevicePage(actor, filter, { limit: PAGE_SIZE, cursor: c }));
}

type SearchParams = { q?: string | string[]; needs?: string | string[]; cursor?: string | string[] };

export default async function DevicesPage({ searchParams }: { searchParams: Promise<SearchParams> }) {
  const actor = await requirePagePermission("devices:manage");
  const sp = await searchParams;
  const filter: DeviceListFilter = deviceListFilterFromParams(sp);
  const { q, needsBackup } = filter;
  const cursor = typeof sp.cursor === "string" && sp.cursor ? sp.cursor : undefined;
  const [{ page, stale }, total, s] = await Promise.all([load(actor, filter, cursor), countDevices(actor, filter), getSettings()]);
  const rows = page.data;
  return (
    <div className="space-y-4">
      <h1 className="text-2xl font-bold">Devices</h1>
      <form role="search" method="get" action="/admin/devices" className="card flex flex-wrap items-end gap-3">
        <div>
          <label htmlFor="dv-q" className="label">
            Serial, MAC or Lorex Device ID
          </label>
          <input id="dv-q" name="q" defaultValue={q ?? ""} className="input" />
        </div>
        <label className="flex min-h-11 items-center gap-2 text-sm">
          <input type="checkbox" name="needs" value="backup" defaultChecked={needsBackup} className="size-5" />
          Wiped by a reset, no config backup since
        </label>
        <button type="submit" className="btn-secondary">
          Show devices
        </button>
      </form>
      {needsBackup ? (
        <p className="text-slate-700">
          A reset that wipes the configuration worked on these devices, and no config backup has been stored since: what was set up again on site exists only on
          the unit. Upload its backup from the device&apos;s page, or ask the technician to export one on the next visit.
        </p>
      ) : null}
      {stale ? <StalePageNote /> : null}
      <section className="card space-y-3" aria-labelledby="device-list-title">
        <h2 id="device-list-title" className="font-semibold" data-testid="device-total">
          {total} device{total === 1 ? "" : "s"}
        </h2>
        {rows.length === 0 ? (
          <EmptyState
            title={needsBackup ? "Every wiped device has a config backup." : q ? `No device matches “${q}”.` : "No devices yet."}
            action={q || needsBackup ? <Link href="/admin/devices">Show all devices</Link> : undefined}
          >
            {needsBackup
              ? "Nothing to chase: each device a reset wiped has had its configuration backed up since."
              : q
                ? "Serials, MACs and Lorex Device IDs match anywhere, separators ignored."
                : "Devices are added when a visit is booked or by customers in their portal."}
          </EmptyState>
        ) : (
          <ScrollRegion label="Devices">
            <table className="w-full text-left text-sm">
              <thead className="border-b border-slate-200 text-slate-600">
                <tr>
                  <th scope="col" className="py-2 pr-3">
                    Device
                  </th>
                  <th scope="col" className="py-2 pr-3">
                    Customer
                  </th>
                  <th scope="col" className="py-2 pr-3">
                    Serial / MAC
                  </th>
                  <th scope="col" className="py-2 pr-3">
                    Last wiping reset
                  </th>
                  <th scope="col" className="py-2 pr-3 text-right">
                    Config backups
                  </th>
                </tr>
              </thead>
              <tbody>
                {rows.map((d) => (
                  <tr key={d.id} className="border-b border-slate-100 align-top" data-testid="device-row">
                    <td className="py-2 pr-3">
                      <Link href={`/admin/devices/${d.id}`}>{deviceLabel(d)}</Link>
                      {d.needsBackup ? <span className="badge ml-1 bg-amber-100 text-amber-900">Needs a backup</span> : null}
                    </td>
                    <td className="py-2 pr-3">
                      <Link href={`/admin/customers/${d.customerId}`}>{d.customerName}</Link>
                    </td>
                    <td className="py-2 pr-3 font-mono text-xs">
                      {d.serial ?? "—"}
                      {d.mac ? <span className="block">{d.mac}</span> : null}
                      {d.lorexDeviceId ? <span className="block">ID {d.lorexDeviceId}</span> : null}
                    </td>
                    <td className="py-2 pr-3 whitespace-nowrap">{d.lastWipeAt ? formatDate(d.lastWipeAt, s) : "—"}</td>
                    <td className="py-2 pr-3 text-right">{d.configBackups}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </ScrollRegion>
        )}
        <Pager
          path="/admin/devices"
          params={{ q, needs: needsBackup ? "backup" : undefined }}
          prevCursor={page.prevCursor}
          nextCursor={page.nextCursor}
          label="Device pages"
        />
      </section>
    </div>
  );
}
