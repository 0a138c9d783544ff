import type { Metadata } from "next";
import Link from "next/link";
import { requirePagePermission } from "@/app/_ui/guard";
import { listTechnicians } from "@/lib/availability/technicians";
import { BRAND_LABELS, labelOf } from "@/lib/values/labels";

export const metadata: Metadata = { title: "Technicians" };

export default async function TechniciansPage() {
  const actor = await requirePagePermission("availability:manage");
  const techs = await listTechnicians(actor);
  return (
    <div className="space-y-6">
      <div>
        <h1 className="text-2xl font-bold">Technicians</h1>
        <p className="text-slate-600">Working hours, time off and the brands each technician handles. Add technicians on the People page.</p>
      </div>
      {techs.length === 0 ? (
        <p className="card">
          No technicians yet. <Link href="/admin/users">Add one on the People page</Link>.
        </p>
      ) : (
        <ul className="grid gap-4 sm:grid-cols-2">
          {techs.map((t) => (
            <li key={t.id} className="card" data-testid={`tech-${t.email}`}>
              <div className="flex flex-wrap items-baseline justify-between gap-2">
                <h2 className="text-lg font-semibold">
                  <Link href={`/admin/technicians/${t.id}`}>{t.name}</Link>
                </h2>
                {t.disabled ? <span className="badge bg-red-100 text-red-800">Disabled</span> : null}
              </div>
              <p className="text-sm text-slate-600">{t.email}</p>
              <dl className="mt-3 space-y-1 text-sm">
                <div>
                  <dt className="inline font-medium">Week: </dt>
                  <dd className="inline">
                    {t.summary} <span className="text-slate-600">({t.weeklyHours} h)</span>
                  </dd>
                </div>
                <div>
                  <dt className="inline font-medium">Brands: </dt>
                  <dd className="inline">{t.brands.length ? t.brands.map((b) => labelOf(BRAND_LABELS, b)).join(", ") : "none"}</dd>
                </div>
              </dl>
              <p className="mt-3">
                <Link href={`/admin/technicians/${t.id}`} className="btn-secondary">
                  Edit availability<span className="sr-only"> of {t.name}</span>
                </Link>
              </p>
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}
