import type { Metadata } from "next";
import Link from "next/link";
import { requirePagePermission } from "@/app/_ui/guard";
import { Pager, StalePageNote } from "@/app/_ui/pager";
import { listCustomers } from "@/lib/customers/read";
import type { Actor } from "@/lib/auth/permissions";
import { readPageOrFirst } from "@/lib/platform/pagination";

export const metadata: Metadata = { title: "Customers" };

const PAGE_SIZE = 50;

/** This page of the list; a cursor that no longer reads (an old or edited link) starts again from the first page. */
function load(actor: Actor, q: string | undefined, cursor: string | undefined) {
  return readPageOrFirst(cursor, (c) => listCustomers(actor, { q, order: "name" }, { limit: PAGE_SIZE, cursor: c }));
}

export default async function CustomersPage({ searchParams }: { searchParams: Promise<{ q?: string | string[]; cursor?: string | string[] }> }) {
  const actor = await requirePagePermission("customers:manage");
  const sp = await searchParams;
  const q = typeof sp.q === "string" ? sp.q : undefined;
  const cursor = typeof sp.cursor === "string" && sp.cursor ? sp.cursor : undefined;
  const { page, stale } = await load(actor, q, cursor);
  const rows = page.data;
  return (
    <div className="space-y-4">
      <h1 className="text-2xl font-bold">Customers</h1>
      <form role="search" className="flex flex-wrap items-end gap-2">
        <div>
          <label htmlFor="q" className="label">
            Search name, email or phone
          </label>
          <input id="q" name="q" defaultValue={q ?? ""} className="input" />
        </div>
        <button className="btn-secondary" type="submit">
          Search
        </button>
      </form>
      {stale ? <StalePageNote /> : null}
      <div className="card overflow-x-auto">
        <table className="w-full text-left text-sm">
          <thead className="border-b border-slate-200 text-slate-600">
            <tr>
              <th scope="col" className="py-2 pr-3">
                Name
              </th>
              <th scope="col" className="py-2 pr-3">
                Email
              </th>
              <th scope="col" className="py-2 pr-3">
                Phone
              </th>
              <th scope="col" className="py-2 pr-3 text-right">
                Devices
              </th>
              <th scope="col" className="py-2 pr-3 text-right">
                Visits
              </th>
            </tr>
          </thead>
          <tbody>
            {rows.map((c) => (
              <tr key={c.id} className="border-b border-slate-100" data-testid="customer-row">
                <td className="py-2 pr-3">
                  <Link href={`/admin/customers/${c.id}`}>{c.name}</Link>
                </td>
                <td className="py-2 pr-3">{c.email}</td>
                <td className="py-2 pr-3">{c.phone}</td>
                <td className="py-2 pr-3 text-right">{c.deviceCount}</td>
                <td className="py-2 pr-3 text-right">{c.visitCount}</td>
              </tr>
            ))}
          </tbody>
        </table>
        {rows.length === 0 ? <p className="py-4 text-slate-700">No customers match.</p> : null}
      </div>
      <Pager path="/admin/customers" params={{ q }} prevCursor={page.prevCursor} nextCursor={page.nextCursor} label="Customer pages" />
    </div>
  );
}
