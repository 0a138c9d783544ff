import Link from "next/link";
import { ScrollRegion } from "@/app/_ui/scroll-region";
import { StatusBadge } from "@/app/_ui/status-badge";
import { formatTimeRange, formatWeekdayDate, type ZoneAndLocale } from "@/lib/format/dates";
import type { VisitListRow } from "@/lib/visits/read";

/**
 * A page of visits for the office: each row opens its visit (the reference),
 * its customer and its technician. `hide` drops a column the page already
 * says (a customer's own page needs no customer column).
 */
export function VisitTable({
  rows,
  zone,
  label,
  hide = [],
}: {
  rows: VisitListRow[];
  zone: ZoneAndLocale;
  label: string;
  hide?: ("customer" | "technician")[];
}) {
  return (
    <ScrollRegion label={label}>
      <table className="w-full text-left text-sm">
        <thead className="border-b border-slate-200 text-slate-600">
          <tr>
            <th scope="col" className="py-2 pr-3">
              Visit
            </th>
            <th scope="col" className="py-2 pr-3">
              When
            </th>
            {hide.includes("customer") ? null : (
              <th scope="col" className="py-2 pr-3">
                Customer
              </th>
            )}
            {hide.includes("technician") ? null : (
              <th scope="col" className="py-2 pr-3">
                Technician
              </th>
            )}
            <th scope="col" className="py-2 pr-3">
              Status
            </th>
            <th scope="col" className="py-2 pr-3 text-right">
              Devices
            </th>
          </tr>
        </thead>
        <tbody>
          {rows.map((v) => (
            <tr key={v.id} className="border-b border-slate-100 align-top" data-testid={`visit-row-${v.reference}`}>
              <td className="py-2 pr-3 whitespace-nowrap">
                <Link href={`/admin/visits/${v.id}`} className="font-mono font-semibold">
                  {v.reference}
                </Link>
              </td>
              <td className="py-2 pr-3 whitespace-nowrap">
                {formatWeekdayDate(v.startsAt, zone)}
                <span className="block text-xs text-slate-600">{formatTimeRange(v.startsAt, v.endsAt, zone)}</span>
              </td>
              {hide.includes("customer") ? null : (
                <td className="py-2 pr-3">
                  <Link href={`/admin/customers/${v.customerId}`}>{v.customerName}</Link>
                  <span className="block text-xs text-slate-600">{v.city}</span>
                </td>
              )}
              {hide.includes("technician") ? null : (
                <td className="py-2 pr-3">
                  {v.technicianId ? (
                    <Link href={`/admin/technicians/${v.technicianId}`}>{v.technicianName}</Link>
                  ) : (
                    <span className="text-slate-600">Not assigned</span>
                  )}
                </td>
              )}
              <td className="py-2 pr-3">
                <StatusBadge status={v.status} />
              </td>
              <td className="py-2 pr-3 text-right">{v.devices}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </ScrollRegion>
  );
}
