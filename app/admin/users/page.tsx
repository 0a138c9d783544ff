import type { Metadata } from "next";
import Link from "next/link";
import { EmptyState } from "@/app/_ui/empty-state";
import { requirePagePermission } from "@/app/_ui/guard";
import { Pager } from "@/app/_ui/pager";
import type { Actor } from "@/lib/auth/permissions";
import { ROLES, type Role } from "@/lib/values";
import { ROLE_LABELS } from "@/lib/values/labels";
import { twoFactorStatus } from "@/lib/auth/two-factor";
import { countPeople, listPeople, type PeopleFilter } from "@/lib/users/manage";
import { CreateStaffForm } from "./create-staff-form";
import { UserRowActions } from "./user-row-actions";
import { ScrollRegion } from "@/app/_ui/scroll-region";
import { readPageOrFirst } from "@/lib/platform/pagination";

export const metadata: Metadata = { title: "People" };

const PAGE_SIZE = 50;

/** This page; a cursor that no longer reads starts again from the first page. */
async function load(actor: Actor, filter: PeopleFilter, cursor: string | undefined) {
  return (await readPageOrFirst(cursor, (c) => listPeople(actor, filter, { limit: PAGE_SIZE, cursor: c }))).page;
}

/** Where a person's own page is: a customer's record, a technician's availability; admins have none. */
function personHref(p: { id: string; role: Role; customerId: string | null }) {
  if (p.role === "customer" && p.customerId) return `/admin/customers/${p.customerId}`;
  if (p.role === "technician") return `/admin/technicians/${p.id}`;
  return null;
}

type SearchParams = { q?: string | string[]; role?: string | string[]; cursor?: string | string[] };

export default async function UsersPage({ searchParams }: { searchParams: Promise<SearchParams> }) {
  const actor = await requirePagePermission("users:manage");
  const sp = await searchParams;
  const q = typeof sp.q === "string" ? sp.q : undefined;
  const role = ROLES.find((r) => r === sp.role);
  const filter: PeopleFilter = { q, role };
  const cursor = typeof sp.cursor === "string" && sp.cursor ? sp.cursor : undefined;
  const [page, total] = await Promise.all([load(actor, filter, cursor), countPeople(actor, filter)]);
  const people = page.data;
  const twoFactor = await twoFactorStatus(
    actor,
    people.map((p) => p.id),
  );
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
          <form role="search" className="flex flex-wrap items-end gap-2">
            <div>
              <label htmlFor="q" className="label">
                Search name or email
              </label>
              <input id="q" name="q" defaultValue={q ?? ""} className="input" />
            </div>
            <div>
              <label htmlFor="people-role" className="label">
                Role
              </label>
              <select id="people-role" name="role" defaultValue={role ?? ""} className="input">
                <option value="">Everyone</option>
                {ROLES.map((r) => (
                  <option key={r} value={r}>
                    {ROLE_LABELS[r]}s
                  </option>
                ))}
              </select>
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
              {people.map((p) => {
                const href = personHref(p);
                return (
                  <tr
                    key={p.id}
                    className="border-b border-slate-100 align-top"
                    data-testid={`user-row-${p.email}`}
                    data-no-open={href ? undefined : "An admin has no page of their own: this row holds everything about them (role, access)."}
                  >
                    <td className="py-2 pr-3 font-medium">{href ? <Link href={href}>{p.name}</Link> : p.name}</td>
                    <td className="py-2 pr-3">{p.email}</td>
                    <td className="py-2 pr-3">
                      {p.disabledAt ? (
                        <span className="badge bg-red-100 text-red-800">Disabled</span>
                      ) : (
                        <span className="badge bg-green-100 text-green-800">Active</span>
                      )}
                      {twoFactor.has(p.id) ? <span className="mt-1 block text-xs text-slate-600">Two-step sign-in on</span> : null}
                    </td>
                    <td className="py-2 pr-3">
                      <UserRowActions
                        user={{ id: p.id, name: p.name, role: p.role, disabled: !!p.disabledAt, twoFactor: twoFactor.has(p.id) }}
                        self={p.id === actor.id}
                      />
                    </td>
                  </tr>
                );
              })}
            </tbody>
          </table>
        </ScrollRegion>
        {people.length === 0 ? (
          <EmptyState title="Nobody matches." compact action={<Link href="/admin/users">Show everyone</Link>}>
            Search by part of a name or an email address, or pick another role.
          </EmptyState>
        ) : (
          <p className="mt-3 text-sm text-slate-600" data-testid="people-total">
            {total} {total === 1 ? "person" : "people"}
            {q || role ? " match" : ""}.
          </p>
        )}
        <div className="mt-3">
          <Pager path="/admin/users" params={{ q, role }} prevCursor={page.prevCursor} nextCursor={page.nextCursor} label="People pages" />
        </div>
      </section>
    </div>
  );
}
