import type { Metadata } from "next";
import Link from "next/link";
import { requirePagePermission } from "@/app/_ui/guard";
import { listCustomers } from "@/lib/devices/read";

export const metadata: Metadata = { title: "Customers" };

export default async function CustomersPage({ searchParams }: { searchParams: Promise<{ q?: string }> }) {
  const actor = await requirePagePermission("customers:manage");
  const { q } = await searchParams;
  const rows = await listCustomers(actor, typeof q === "string" ? q : undefined);
  return (
    <div className="space-y-4">
      <h1 className="text-2xl font-bold">Customers</h1>
      <form role="search" className="flex flex-wrap items-end gap-2">
        <div>
          <label htmlFor="q" className="label">
            Search name, email or phone
          </label>
          <input id="q" name="q" defaultValue={typeof q === "string" ? q : ""} className="input" />
        </div>
        <button className="btn-secondary" type="submit">
          Search
        </button>
      </form>
      <div className="card overflow-x-auto">
        <table className="w-full text-left text-sm">
          <thead className="border-b border-slate-200 text-slate-600">
            <tr>
              <th scope="col" className="py-2 pr-3">Name</th>
              <th scope="col" className="py-2 pr-3">Email</th>
              <th scope="col" className="py-2 pr-3">Phone</th>
              <th scope="col" className="py-2 pr-3 text-right">Devices</th>
              <th scope="col" className="py-2 pr-3 text-right">Visits</th>
            </tr>
          </thead>
          <tbody>
            {rows.map((c) => (
              <tr key={c.id} className="border-b border-slate-100">
                <td className="py-2 pr-3">
                  <Link href={`/admin/customers/${c.id}`}>{c.name}</Link>
                </td>
                <td className="py-2 pr-3">{c.email}</td>
                <td className="py-2 pr-3">{c.phone}</td>
                <td className="py-2 pr-3 text-right">{c.devices}</td>
                <td className="py-2 pr-3 text-right">{c.visits}</td>
              </tr>
            ))}
          </tbody>
        </table>
        {rows.length === 0 ? <p className="py-4 text-slate-700">No customers match.</p> : null}
      </div>
    </div>
  );
}
