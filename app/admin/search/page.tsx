import type { Metadata } from "next";
import Link from "next/link";
import { EmptyState } from "@/app/_ui/empty-state";
import { requirePagePermission } from "@/app/_ui/guard";
import { searchOffice } from "@/lib/search";
import { searchGroups } from "@/lib/search/hits";
import { MIN_SEARCH_LENGTH } from "@/lib/search/terms";
import { getSettings } from "@/lib/settings/company";

export const metadata: Metadata = { title: "Search" };

const LIMIT = 25;

/** Where to look further when a group has more than this page shows. */
const MORE: Record<string, (q: string) => { href: string; label: string } | null> = {
  customers: (q) => ({ href: `/admin/customers?q=${encodeURIComponent(q)}`, label: "every matching customer" }),
  visits: () => null,
  devices: () => null,
};

export default async function SearchPage({ searchParams }: { searchParams: Promise<{ q?: string | string[] }> }) {
  const actor = await requirePagePermission("search:office");
  const sp = await searchParams;
  const q = typeof sp.q === "string" ? sp.q : "";
  const [r, s] = await Promise.all([searchOffice(actor, q, { limit: LIMIT }), getSettings()]);
  const groups = searchGroups(r, s);
  const found = groups.reduce((n, g) => n + g.hits.length, 0);
  return (
    <div className="space-y-4">
      <h1 className="text-2xl font-bold">Search</h1>
      <form role="search" method="get" action="/admin/search" className="flex flex-wrap items-end gap-2">
        <div className="min-w-0 flex-1 sm:max-w-md">
          <label htmlFor="search-q" className="label">
            Visit reference, customer name, email or phone, device serial, MAC or Lorex Device ID
          </label>
          <input id="search-q" name="q" type="search" defaultValue={r.q} className="input" />
        </div>
        <button type="submit" className="btn-primary">
          Search
        </button>
      </form>
      {!r.searched ? (
        <EmptyState title={r.q ? "Type a little more." : "What are you looking for?"}>
          Type at least {MIN_SEARCH_LENGTH} letters or digits: a visit reference such as FK-7Q4M2X, part of a customer&apos;s name, email or phone, or part of a
          serial number, MAC address or Lorex Device ID.
        </EmptyState>
      ) : found === 0 ? (
        <EmptyState title={`Nothing matches “${r.q}”.`} action={<Link href="/admin/customers">Browse customers</Link>}>
          References match from their start (FK-7Q4M finds FK-7Q4M2X); names, emails, phone digits, serials, MACs and Lorex Device IDs match anywhere.
        </EmptyState>
      ) : (
        <div className="grid gap-4 lg:grid-cols-3">
          {groups.map((g) => {
            const more = g.more ? MORE[g.kind]!(r.q) : null;
            return (
              <section key={g.kind} className="card space-y-2" aria-labelledby={`results-${g.kind}`} data-testid={`results-${g.kind}`}>
                <h2 id={`results-${g.kind}`} className="font-semibold">
                  {g.label} ({g.hits.length}
                  {g.more ? "+" : ""})
                </h2>
                {g.hits.length ? (
                  <ul className="divide-y divide-slate-100">
                    {g.hits.map((h) => (
                      <li key={h.id} className="py-2">
                        <Link href={h.href} className="font-medium">
                          {h.title}
                        </Link>
                        {h.detail ? <span className="block text-sm text-slate-600">{h.detail}</span> : null}
                      </li>
                    ))}
                  </ul>
                ) : (
                  <p className="text-sm text-slate-600">No {g.label.toLowerCase()} match.</p>
                )}
                {g.more ? (
                  <p className="text-sm text-slate-700">
                    Showing the first {LIMIT}: type more to narrow it down
                    {more ? (
                      <>
                        , or see <Link href={more.href}>{more.label}</Link>
                      </>
                    ) : null}
                    .
                  </p>
                ) : null}
              </section>
            );
          })}
        </div>
      )}
    </div>
  );
}
