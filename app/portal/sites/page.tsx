import type { Metadata } from "next";
import Link from "next/link";
import { requirePagePermission } from "@/app/_ui/guard";
import { listMySites } from "@/lib/customers/places";
import { SiteForm } from "./site-form";

export const metadata: Metadata = { title: "My addresses" };

export default async function SitesPage() {
  const actor = await requirePagePermission("area:portal");
  const sites = await listMySites(actor);
  return (
    <div className="space-y-4">
      <h1 className="text-2xl font-bold">My addresses</h1>
      {sites.length === 0 ? (
        <p className="card">
          No addresses yet. They are added when you <Link href="/book">book a visit</Link>.
        </p>
      ) : (
        <ul className="space-y-3">
          {sites.map((s) => (
            <li key={s.id} className="card" data-testid="site-card">
              <details>
                <summary className="cursor-pointer font-semibold">
                  {s.label ? `${s.label}: ` : ""}
                  {s.addressLine1}, {s.city} <span className="text-sm font-normal text-brand-700 underline">Edit</span>
                </summary>
                <SiteForm site={s} />
              </details>
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}
