import type { Metadata } from "next";
import Link from "next/link";
import { requirePagePermission } from "@/app/_ui/guard";
import { listUsers } from "@/lib/users/manage";

export const metadata: Metadata = { title: "Admin" };

export default async function AdminHome() {
  const actor = await requirePagePermission("users:manage");
  const people = await listUsers(actor);
  const count = (role: string) => people.filter((p) => p.role === role && !p.disabledAt).length;
  return (
    <div className="space-y-4">
      <h1 className="text-2xl font-bold">Overview</h1>
      <div className="grid gap-4 sm:grid-cols-3">
        {(["technician", "customer", "admin"] as const).map((r) => (
          <div key={r} className="card">
            <p className="text-sm text-slate-600 capitalize">{r}s</p>
            <p className="text-3xl font-bold">{count(r)}</p>
          </div>
        ))}
      </div>
      <p>
        <Link href="/admin/users">Manage people</Link>
      </p>
    </div>
  );
}
