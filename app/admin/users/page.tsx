import type { Metadata } from "next";
import { requirePagePermission } from "@/app/_ui/guard";
import { listUsers } from "@/lib/users/manage";
import { CreateStaffForm } from "./create-staff-form";
import { UserRowActions } from "./user-row-actions";
import { ScrollRegion } from "@/app/_ui/scroll-region";

export const metadata: Metadata = { title: "People" };

export default async function UsersPage({ searchParams }: { searchParams: Promise<{ q?: string }> }) {
  const actor = await requirePagePermission("users:manage");
  const { q } = await searchParams;
  const people = await listUsers(actor, { q: typeof q === "string" ? q : undefined });
  return (
    <div className="space-y-6">
      <h1 className="text-2xl font-bold">People</h1>
      <section className="card" aria-labelledby="add-staff">
        <h2 id="add-staff" className="mb-4 text-lg font-semibold">
          Add a technician or admin
        </h2>
        <CreateStaffForm />
      </section>
      <section className="card" aria-labelledby="all-people">
        <div className="mb-4 flex flex-wrap items-end justify-between gap-3">
          <h2 id="all-people" className="text-lg font-semibold">
            Everyone
          </h2>
          <form role="search" className="flex items-end gap-2">
            <div>
              <label htmlFor="q" className="label">
                Search name or email
              </label>
              <input id="q" name="q" defaultValue={typeof q === "string" ? q : ""} className="input" />
            </div>
            <button className="btn-secondary" type="submit">
              Search
            </button>
          </form>
        </div>
        <ScrollRegion label="Users">
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
                  Status
                </th>
                <th scope="col" className="py-2 pr-3">
                  Role and access
                </th>
              </tr>
            </thead>
            <tbody>
              {people.map((p) => (
                <tr key={p.id} className="border-b border-slate-100 align-top" data-testid={`user-row-${p.email}`}>
                  <td className="py-2 pr-3 font-medium">{p.name}</td>
                  <td className="py-2 pr-3">{p.email}</td>
                  <td className="py-2 pr-3">
                    {p.disabledAt ? (
                      <span className="badge bg-red-100 text-red-800">Disabled</span>
                    ) : (
                      <span className="badge bg-green-100 text-green-800">Active</span>
                    )}
                  </td>
                  <td className="py-2 pr-3">
                    <UserRowActions user={{ id: p.id, name: p.name, role: p.role, disabled: !!p.disabledAt }} self={p.id === actor.id} />
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </ScrollRegion>
      </section>
    </div>
  );
}
