import type { Metadata } from "next";
import Link from "next/link";
import { requirePagePermission } from "@/app/_ui/guard";
import { fmtDateTime } from "@/app/_field/format";
import { BRAND_LABELS, deviceLabel } from "@/lib/field/labels";
import { listOpenVendorCases } from "@/lib/field/vendor-cases";
import { getSettings } from "@/lib/settings/company";

export const metadata: Metadata = { title: "Vendor cases" };

function age(hours: number) {
  if (hours < 1) return `${Math.max(1, Math.round(hours * 60))} min`;
  if (hours < 48) return `${Math.floor(hours)} h`;
  return `${Math.floor(hours / 24)} d ${Math.floor(hours % 24)} h`;
}

export default async function VendorCasesPage() {
  const actor = await requirePagePermission("vendor-cases:read-all");
  const [cases, s] = await Promise.all([listOpenVendorCases(actor), getSettings()]);
  const overdue = cases.filter((c) => c.overdue).length;
  return (
    <div className="space-y-4">
      <h1 className="text-2xl font-bold">Open vendor cases</h1>
      <p className="text-slate-700">
        {cases.length === 0 ? "Nothing is waiting on a vendor." : `${cases.length} open, ${overdue} overdue. Due ${s.vendorCaseDueHours} h after sending.`}
      </p>
      {cases.length ? (
        <div className="card overflow-x-auto p-0 sm:p-0">
          <table className="w-full text-left text-sm">
            <thead className="border-b border-slate-200 bg-slate-50 text-slate-700">
              <tr>
                <th scope="col" className="px-3 py-2">Vendor</th>
                <th scope="col" className="px-3 py-2">Device</th>
                <th scope="col" className="px-3 py-2">Customer</th>
                <th scope="col" className="px-3 py-2">Visit</th>
                <th scope="col" className="px-3 py-2">Sent</th>
                <th scope="col" className="px-3 py-2">Age</th>
                <th scope="col" className="px-3 py-2">Due</th>
              </tr>
            </thead>
            <tbody>
              {cases.map((c) => (
                <tr key={c.id} className={`border-b border-slate-100 align-top ${c.overdue ? "bg-red-50" : ""}`} data-testid="vendor-case-row">
                  <td className="px-3 py-2 font-medium">{BRAND_LABELS[c.vendor]}</td>
                  <td className="px-3 py-2">
                    {deviceLabel(c.device)}
                    {c.device.serial ? <span className="block text-xs text-slate-600">S/N {c.device.serial}</span> : null}
                  </td>
                  <td className="px-3 py-2">{c.customerName}</td>
                  <td className="px-3 py-2">
                    <Link href={`/admin/visits/${c.visitId}`}>{c.visitReference}</Link>
                    <span className="block text-xs text-slate-600">{c.technicianName ?? "unassigned"}</span>
                  </td>
                  <td className="px-3 py-2">
                    {c.whatWasSent}
                    <span className="block text-xs text-slate-600">{fmtDateTime(c.sentAt, s.timeZone)}</span>
                  </td>
                  <td className="px-3 py-2 whitespace-nowrap">{age(c.ageHours)}</td>
                  <td className="px-3 py-2 whitespace-nowrap">
                    {fmtDateTime(c.dueAt, s.timeZone)}
                    {c.overdue ? <span className="badge ml-1 bg-red-700 text-white">Overdue</span> : null}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      ) : null}
    </div>
  );
}
