import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { requirePagePermission } from "@/app/_ui/guard";
import { ActionButton } from "@/app/_ui/action-button";
import { getTechnicianAvailability } from "@/lib/availability/technicians";
import { NotFoundError } from "@/lib/platform/errors";
import { removeTimeOffAction } from "../actions";
import { BrandsForm } from "./brands-form";
import { HoursForm } from "./hours-form";
import { TimeOffForm } from "./time-off-form";

export const metadata: Metadata = { title: "Technician availability" };

export default async function TechnicianPage({ params }: { params: Promise<{ id: string }> }) {
  const actor = await requirePagePermission("availability:manage");
  const { id } = await params;
  const tech = await getTechnicianAvailability(actor, id).catch((err) => {
    if (err instanceof NotFoundError) notFound();
    throw err;
  });
  return (
    <div className="space-y-6">
      <div>
        <p className="text-sm">
          <Link href="/admin/technicians">← All technicians</Link>
        </p>
        <h1 className="text-2xl font-bold">{tech.name}</h1>
        <p className="text-slate-600">
          {tech.email} · Times are in the company time zone, {tech.timeZone}.
        </p>
        {tech.disabled ? <p className="badge mt-2 bg-red-100 text-red-800">This account is disabled</p> : null}
      </div>

      <section className="card" aria-labelledby="hours-heading">
        <h2 id="hours-heading" className="text-lg font-semibold">
          Weekly working hours
        </h2>
        <p className="mb-4 text-sm text-slate-600">Now: {tech.summary}. A day can have several ranges (e.g. a lunch break); leave a day empty for a day off.</p>
        <HoursForm technicianId={tech.id} days={tech.days} />
      </section>

      <section className="card" aria-labelledby="timeoff-heading">
        <h2 id="timeoff-heading" className="mb-4 text-lg font-semibold">
          Time off
        </h2>
        {tech.timeOff.length ? (
          <ul className="mb-6 divide-y divide-slate-100" aria-label="Upcoming time off">
            {tech.timeOff.map((t) => (
              <li key={t.id} className="flex flex-wrap items-center justify-between gap-2 py-2" data-testid="time-off-row">
                <span>
                  {t.label}
                  {t.reason ? <span className="text-slate-600"> · {t.reason}</span> : null}
                </span>
                <ActionButton
                  label="Remove"
                  context={`time off from ${t.label}`}
                  pendingLabel="Removing…"
                  doneMessage="Time off removed."
                  action={removeTimeOffAction.bind(null, { technicianId: tech.id, id: t.id })}
                />
              </li>
            ))}
          </ul>
        ) : (
          <p className="mb-6 text-sm text-slate-600">No upcoming time off.</p>
        )}
        <TimeOffForm technicianId={tech.id} name={tech.name} timeZone={tech.timeZone} />
      </section>

      <section className="card" aria-labelledby="brands-heading">
        <h2 id="brands-heading" className="mb-4 text-lg font-semibold">
          Brands handled
        </h2>
        <BrandsForm technicianId={tech.id} brands={tech.brands} />
      </section>
    </div>
  );
}
