import type { Metadata } from "next";
import Link from "next/link";
import { requirePagePermission } from "@/app/_ui/guard";
import { peopleCounts } from "@/lib/users/manage";

export const metadata: Metadata = { title: "Admin" };

export default async function AdminHome() {
  const actor = await requirePagePermission("users:manage");
  const counts = await peopleCounts(actor);
  const cards = [
    { label: "Technicians", n: counts.technicians, href: "/admin/technicians" },
    { label: "Customers", n: counts.customers, href: "/admin/customers" },
    { label: "Admins", n: counts.admins, href: "/admin/users" },
  ];
  return (
    <div className="space-y-4">
      <h1 className="text-2xl font-bold">Overview</h1>
      <div className="grid gap-4 sm:grid-cols-3">
        {cards.map((c) => (
          <div key={c.label} className="card">
            <p className="text-sm text-slate-600">{c.label}</p>
            <p className="text-3xl font-bold">{c.n}</p>
            <Link href={c.href} className="text-sm">
              See all {c.label.toLowerCase()}
            </Link>
          </div>
        ))}
      </div>
      <p>
        <Link href="/admin/users">Manage people</Link>
      </p>
    </div>
  );
}
