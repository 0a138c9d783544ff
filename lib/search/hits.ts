/**
 * Search results as the page and the search box show them: each hit says what
 * it is, what to read, and where it opens. Shared by the results page and the
 * header's suggestions (one wording).
 */
import "server-only";
import { formatTimeRange, formatWeekdayDate, type ZoneAndLocale } from "@/lib/format/dates";
import { deviceLabel, VISIT_STATUS_LABELS } from "@/lib/values/labels";
import type { SearchResults } from "./index";

export type SearchHit = { id: string; href: string; title: string; detail: string };
export type SearchGroup = { kind: "visits" | "customers" | "devices"; label: string; hits: SearchHit[]; more: boolean };

export function searchGroups(r: SearchResults, zone: ZoneAndLocale): SearchGroup[] {
  return [
    {
      kind: "visits",
      label: "Visits",
      more: r.more.visits,
      hits: r.visits.map((v) => ({
        id: v.id,
        href: `/admin/visits/${v.id}`,
        title: `${v.reference} · ${v.customerName}`,
        detail: `${formatWeekdayDate(v.startsAt, zone)}, ${formatTimeRange(v.startsAt, v.endsAt, zone)} · ${VISIT_STATUS_LABELS[v.status]} · ${v.technicianName ?? "not assigned"}`,
      })),
    },
    {
      kind: "customers",
      label: "Customers",
      more: r.more.customers,
      hits: r.customers.map((c) => ({
        id: c.id,
        href: `/admin/customers/${c.id}`,
        title: c.name,
        detail: [c.email, c.phone].filter(Boolean).join(" · ") || "no contact details",
      })),
    },
    {
      kind: "devices",
      label: "Devices",
      more: r.more.devices,
      hits: r.devices.map((d) => ({
        id: d.id,
        href: `/admin/devices/${d.id}`,
        title: `${deviceLabel(d)} · ${d.customerName}`,
        detail: [d.serial ? `S/N ${d.serial}` : null, d.mac ? `MAC ${d.mac}` : null, d.lorexDeviceId ? `Device ID ${d.lorexDeviceId}` : null]
          .filter(Boolean)
          .join(" · "),
      })),
    },
  ];
}
